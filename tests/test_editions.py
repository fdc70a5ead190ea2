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
LATIN_WORDS_PER_PAGE = 3


def _pages(built_book):
    return sorted(path.relative_to(built_book) for path in built_book.rglob("*.html")
                  if path.relative_to(built_book).parts[0] not in (FOLDER, "_static", "_sources")
                  and path.name not in ("genindex.html", "search.html", "index.html"))


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


def _visible_prose(article) -> str:
    for hidden in article(["script", "style", "code", "pre", "td"]):
        hidden.decompose()
    for hidden in article.select(".cell_input, .output.stream, [lang=en], a.url, q, .gloss, #build-stamp"):
        hidden.decompose()
    return " ".join(node.get_text(" ") for node in
                    article.select("p, li, h1, h2, h3, h4, caption, th, figcaption, summary"))


@pytest.mark.parametrize("page", ["book/intro.html", "book/methodology.html", "book/corrections.html",
                                  f"{SOURCE_PAGE}.html", *[f"{page}.html" for page in chapter_pages()]])
def test_the_chinese_prose_is_chinese(built_book, page):
    _, article = _article(built_book / FOLDER / page)
    left = latin_words(_visible_prose(article))
    assert len(left) <= LATIN_WORDS_PER_PAGE, f"{page}: {len(left)} English words: {left[:40]}"


def _card_numbers(article, claim_id: str) -> set:
    card = article.find(id=f"verdict-{claim_id}")
    for hidden in card.select("q, .gloss, [lang=en], code, .verdict-references"):
        hidden.decompose()
    return set(numbers_in(card.get_text(" ")))


@pytest.mark.parametrize("page", chapter_pages())
def test_both_editions_give_every_verdict_the_same_numbers(built_book, page):
    _, english = _article(built_book / f"{page}.html")
    _, chinese = _article(built_book / FOLDER / f"{page}.html")
    cards = [card["id"].removeprefix("verdict-") for card in english.select("div.verdict-card")]
    assert cards
    for claim_id in cards:
        en, zh = _card_numbers(english, claim_id), _card_numbers(chinese, claim_id)
        assert en == zh, f"{page} #{claim_id}: only English {sorted(en - zh)}, only Chinese {sorted(zh - en)}"


def test_chinese_pages_say_they_are_chinese(built_book):
    html = (built_book / FOLDER / "book" / "intro.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="zh', html)
