"""The two editions: every page has its counterpart, a switch to it, the same numbers, and
the Chinese edition's prose is Chinese.

These read the built book (`make book` builds both editions; `make test` does).
"""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from factcheck.book.editions import FOLDER
from factcheck.data.parts import SOURCE_PAGE, chapter_pages
from factcheck.data.translation import latin_words, numbers_in

# Latin-script words a Chinese page may keep in its prose (headings, paragraphs, list items,
# captions and table headers; table cells are data and sources' own words, and are left out,
# as is the build stamp). Names of software and files are allowed (translation.LATIN_ALLOWED);
# a missed sentence has more than this.
LATIN_WORDS_PER_PAGE = 0


def _pages(built_book):
    return sorted(path.relative_to(built_book) for path in built_book.rglob("*.html")
                  if path.relative_to(built_book).parts[0] not in (FOLDER, "_static", "_sources")
                  and path.name not in ("genindex.html", "search.html"))


def _article(path):
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return soup, soup.select_one("article") or soup


def test_every_page_has_its_counterpart_and_a_switch_to_it(built_book):
    pages = _pages(built_book)
    assert len(pages) > 10
    for page in pages:
        chinese = built_book / FOLDER / page
        assert chinese.is_file(), f"no Chinese edition of {page}"
        for path, other in ((built_book / page, built_book / FOLDER / page), (chinese, built_book / page)):
            switch = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(
                "p.language-switch a")
            assert switch is not None, f"no language switch on {path}"
            target = (path.parent / switch["href"]).resolve()
            assert target == other.resolve(), f"{path}: the switch leads to {target}"


# What is not the edition's own words: code and its output, the English renderings of quotes,
# sources' own words, the build stamp.
NOT_THE_EDITIONS_WORDS = ("script", "style", "code", "pre", ".cell_input", ".output.stream",
                          "q", ".gloss", "[lang=en]", "#build-stamp")


def _without(node, *also: str):
    """`node` with NOT_THE_EDITIONS_WORDS (and the selectors `also`) taken out of it."""
    for hidden in node.select(", ".join((*NOT_THE_EDITIONS_WORDS, *also))):
        hidden.decompose()
    return node


def _visible_prose(article) -> str:
    # Table cells are data; a source's own title is its words (our description of it is ours).
    _without(article, "td", "a.url cite")
    return " ".join(node.get_text(" ") for node in
                    article.select("p, li, h1, h2, h3, h4, caption, th, figcaption, summary"))


@pytest.mark.parametrize("page", ["index.html", "book/methodology.html", "book/corrections.html",
                                  "book/glossary.html", "book/reuse.html",
                                  f"{SOURCE_PAGE}.html", *[f"{page}.html" for page in chapter_pages()]])
def test_the_chinese_prose_is_chinese(built_book, page):
    _, article = _article(built_book / FOLDER / page)
    left = latin_words(_visible_prose(article))
    assert len(left) <= LATIN_WORDS_PER_PAGE, f"{page}: {len(left)} English words: {left[:40]}"


ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}(?!\d)")


@pytest.mark.parametrize("page", ["index.html", "book/methodology.html", "book/corrections.html",
                                  "book/reuse.html", f"{SOURCE_PAGE}.html",
                                  *[f"{page}.html" for page in chapter_pages()]])
def test_the_chinese_prose_writes_dates_as_chinese_does(built_book, page):
    # 2024年9月8日 and 2021年12月, not 2024-09-08 and 2021-12; GB/T 7714 writes a citation's
    # dates in ISO form, so the citation keeps them.
    _, article = _article(built_book / FOLDER / page)
    left = ISO_DATE.findall(_visible_prose(_without(article, "blockquote.citation-form")))
    assert left == [], f"{page}: {left}"


def _card_numbers(article, claim_id: str) -> set:
    card = _without(article.find(id=f"verdict-{claim_id}"), ".verdict-references")
    return set(numbers_in(card.get_text(" ")))


@pytest.mark.parametrize("page", chapter_pages())
def test_both_editions_give_every_verdict_the_same_numbers(built_book, page):
    _, english = _article(built_book / f"{page}.html")
    _, chinese = _article(built_book / FOLDER / f"{page}.html")
    cards = [card["id"].removeprefix("verdict-") for card in english.select("div.verdict-card")]
    # A chapter whose claims are all in its ledger has no card (its ledger rows carry no verdict
    # numbers; the page's own numbers are compared by the next test).
    assert cards or english.select("table.ledger-table"), page
    for claim_id in cards:
        en, zh = _card_numbers(english, claim_id), _card_numbers(chinese, claim_id)
        assert en == zh, f"{page} #{claim_id}: only English {sorted(en - zh)}, only Chinese {sorted(zh - en)}"


def _page_numbers(path) -> set:
    """The numbers a reader of the page sees: its text (code, English renderings of quotes and
    the build stamp left out) and its charts' descriptions. A chart's drawing is left out: its
    axes' ticks depend on how much room the edition's labels leave."""
    _, article = _article(path)
    charts = " ".join(tag["aria-label"] for tag in article.select(".factcheck-chart[aria-label]"))
    _without(article, ".findings-zh", ".factcheck-chart svg")
    return set(numbers_in(article.get_text(" ") + " " + charts))


def test_both_editions_show_the_same_numbers_on_every_page(built_book):
    for page in _pages(built_book):
        en, zh = _page_numbers(built_book / page), _page_numbers(built_book / FOLDER / page)
        assert en, f"{page}: no number found"
        assert en == zh, f"{page}: only English {sorted(en - zh)}, only Chinese {sorted(zh - en)}"


def test_chinese_pages_say_they_are_chinese(built_book):
    html = (built_book / FOLDER / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="zh', html)


def test_both_editions_have_the_same_anchors(built_book):
    """The switch keeps the reader's anchor, so every id of a page is on its other edition too
    (a chart's container is named by its spec, which differs by language, and is no anchor)."""
    for page in _pages(built_book):
        ids = {}
        for edition, path in (("English", built_book / page), ("Chinese", built_book / FOLDER / page)):
            _, article = _article(path)
            ids[edition] = {tag["id"] for tag in article.select("[id]:not(.factcheck-chart)")}
        assert ids["English"] == ids["Chinese"], (
            f"{page}: only English {sorted(ids['English'] - ids['Chinese'])[:10]}, "
            f"only Chinese {sorted(ids['Chinese'] - ids['English'])[:10]}")


# What a reader of the theme sees around the article: the sidebar, the header's buttons and
# their tooltips, the search field, the previous/next links. Names of file types and software
# (translation.LATIN_ALLOWED) may stay; one untranslated tooltip is one word too many.
INTERFACE_ATTRIBUTES = ("title", "aria-label", "placeholder", "data-bs-title", "alt")
FILE_SUFFIX = re.compile(r"(?<![\w.])\.[a-z]{2,5}\b")


def _interface_words(soup) -> list[str]:
    article = soup.select_one("article")
    if article is not None:
        article.decompose()
    for hidden in soup(["script", "style", "code", "kbd"]):
        hidden.decompose()
    for switch in soup.select("p.language-switch"):   # "English" is the other edition's name
        switch.decompose()
    texts = [soup.body.get_text(" ")]
    texts += [tag[name] for name in INTERFACE_ATTRIBUTES for tag in soup.select(f"[{name}]")]
    # The download menu names file types by their suffix: ".ipynb", ".md", ".pdf".
    return [word for text in texts for word in latin_words(FILE_SUFFIX.sub(" ", text))]


def test_the_chinese_interface_is_chinese(built_book):
    problems = {}
    for page in _pages(built_book):
        soup = BeautifulSoup((built_book / FOLDER / page).read_text(encoding="utf-8"), "html.parser")
        words = _interface_words(soup)
        if words:
            problems[str(page)] = sorted(set(words))
    assert problems == {}, problems


def test_the_glossary_lists_every_term_in_both_editions(built_book):
    from factcheck.data.glossary import load_glossary
    terms = load_glossary()
    for edition in ("", FOLDER):
        _, article = _article(built_book / edition / "book" / "glossary.html")
        for term in terms:
            row = article.find(id=f"term-{term.term_id}")
            assert row is not None, f"{edition or 'en'}: no row for {term.term_id}"
            # Sphinx writes typographic quotes: ‘%’ for '%'.
            cells = [re.sub("[‘’]", "'", cell.get_text(" ").strip()) for cell in row.find_all("td")]
            definition = term.definition_zh if edition else term.definition
            assert term.term in cells and term.term_zh in cells and definition in cells, (
                edition, term.term_id, cells)


def test_each_intro_shows_the_key_findings_once_in_its_language_and_english_adds_the_chinese(built_book):
    from factcheck.data.findings import load_findings
    count = len(load_findings())
    _, english = _article(built_book / "index.html")
    _, chinese = _article(built_book / FOLDER / "index.html")
    assert [len(ol.select("li")) for ol in english.select("ol.key-findings:not([lang])")] == [count]
    summary = english.select(".findings-zh ol.key-findings[lang=zh-Hans]")
    assert [len(ol.select("li")) for ol in summary] == [count]
    assert [len(ol.select("li")) for ol in chinese.select("ol.key-findings")] == [count]
    assert chinese.select(".findings-zh") == []


# The tables the book's directives print from the code and data (factcheck.book.directives):
# in the Chinese edition every cell is Chinese, but the glossary's column of English names, and
# every date is written the Chinese way.
DIRECTIVE_TABLES = ("decision-table", "rating-scale", "unverifiable-kinds", "corrections-log",
                    "glossary-terms")


def test_the_tables_the_book_prints_are_chinese_in_the_chinese_edition(built_book):
    found, problems = set(), {}
    for page in _pages(built_book):
        _, article = _article(built_book / FOLDER / page)
        for table in article.select(", ".join(f"table.{name}" for name in DIRECTIVE_TABLES)):
            found.update(set(table["class"]) & set(DIRECTIVE_TABLES))
            for hidden in table.select("code, .other-language"):
                hidden.decompose()
            text = " ".join(cell.get_text(" ") for cell in table.select("td, th"))
            words = latin_words(text)
            if words:
                problems[f"{page} {table['class']}"] = words[:20]
            # Dates as Chinese writes them (2026年11月30日), never ISO (2026-11-30).
            iso_dates = re.findall(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)", text)
            if iso_dates:
                problems[f"{page} {table['class']} dates"] = iso_dates[:5]
    assert found == set(DIRECTIVE_TABLES)
    assert problems == {}, problems


@pytest.mark.parametrize("folder", ["", FOLDER])
def test_the_methodology_says_when_each_kind_of_unverifiable_applies(built_book, folder):
    """Each kind the cards name has its condition beside it, so a reader can tell "not found"
    from "nothing to find"."""
    from factcheck.data.decision import UNVERIFIABLE_KINDS

    _, article = _article(built_book / folder / "book" / "methodology.html")
    rows = article.select("table.unverifiable-kinds tbody tr")
    assert len(rows) == len(UNVERIFIABLE_KINDS)
    for row in rows:
        kind, when = (cell.get_text(" ").strip() for cell in row.select("td"))
        assert kind and when and kind != when, row
