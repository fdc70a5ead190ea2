"""Every verdict on its chapter page says what the data say. A claim with a finding (any rating
but unverifiable) or a headline claim has a card: the rating in words beside its symbol, the
one-line conclusion, the reasoning when there is more to say, and each source with its grade.
Every other claim is a row of its chapter's ledger: its subject and quote, why it could not be
verified (its kind and its own conclusion), and what would settle it.

Read from the built book and compared with data/ read independently (the CSV files), so a
page that disagrees with its data fails, whichever function built it.
"""
import csv
import functools
import json
import re

import pytest
from bs4 import BeautifulSoup

from factcheck.data import DATA_DIR
from factcheck.data.verdicts import load_verdict_records


def _rows(name: str) -> list[dict]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def cards(built_book):
    parts = {row["part_id"]: row["page"] for row in _rows("parts.csv")}
    claims = {row["claim_id"]: row for row in _rows("claims.csv")}
    pages = {}
    found = {}
    for claim_id, claim in claims.items():
        page = parts[claim["part"]]
        if page not in pages:
            html = (built_book / f"{page}.html").read_text(encoding="utf-8")
            pages[page] = BeautifulSoup(html, "html.parser")
        found[claim_id] = pages[page].find(id=f"verdict-{claim_id}")
    return found


@functools.cache
def _with_confirmed_background() -> frozenset[str]:
    return frozenset(row["claim_id"] for row in _rows("checks.csv")
                     if row["scope"] == "context" and row["outcome"] in ("matches", "consistent"))


def _in_ledger(verdict: dict) -> bool:
    """A claim without a card: unverifiable, not headline, and no background that a check confirmed
    (read from checks.csv, not from the package's rule)."""
    confirmed = _with_confirmed_background()
    return (verdict["rating"] == "unverifiable" and verdict["importance"] != "headline"
            and verdict["claim_id"] not in confirmed)


def _text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def test_every_claim_has_one_card_that_says_what_its_row_says(cards, built_book):
    records = load_verdict_records()
    # The names a reader is promised: the scale the book publishes in claims.json.
    scale = json.loads((built_book / "claims.json").read_text(encoding="utf-8"))["verdict_scale"]
    rating_names = {rating["id"]: rating["name"] for rating in scale}
    checks = {}
    for row in _rows("checks.csv"):
        checks.setdefault(row["claim_id"], []).extend(r for r in row["references"].split(";") if r)
    claims = {row["claim_id"]: row for row in _rows("claims.csv")}
    verdicts = {row["claim_id"]: row for row in _rows("verdicts.csv")}
    sources_by_id = {row["source_id"]: row for row in _rows("reference/sources.csv")}
    figure_urls = {row["figure_id"]: sources_by_id[row["source_id"]]["url"]
                   for row in _rows("reference/figures.csv")}

    def reasons(claim_id):
        row = verdicts[claim_id]
        return row["rationale"], row["would_settle"], tuple(dict.fromkeys(checks.get(claim_id, [])))
    for verdict in verdicts.values():
        card = cards[verdict["claim_id"]]
        assert card is not None, f"no card or ledger row for {verdict['claim_id']}"
        if _in_ledger(verdict):
            row = card.find_parent("tr")
            assert card.name == "td" and row is not None and row["id"] == f"claim-{verdict['claim_id']}"
            assert "ledger-table" in row.find_parent("table")["class"], verdict["claim_id"]
            assert claims[verdict["claim_id"]]["quote"] in _text(row), verdict["claim_id"]
            assert " ".join(verdict["would_settle"].split()) in _text(row), verdict["claim_id"]
            # Why it is unverifiable in this claim's own words, not only its kind.
            conclusion = row.select_one(".ledger-conclusion")
            assert conclusion is not None and _text(conclusion) == " ".join(verdict["conclusion"].split()), \
                verdict["claim_id"]
            continue
        # The second figure of one problem is named on its first figure's card, which holds its
        # anchor and says the rating covers both (data agree: the same rating and reasons).
        shared = "verdict-joined" in card.get("class", [])
        if shared:
            first = card.find_parent("div", class_="verdict-card")
            assert first is not None, f"{verdict['claim_id']}: an anchor outside any card"
            first_id = first["id"].removeprefix("verdict-")
            assert verdict["rating"] == verdicts[first_id]["rating"], verdict["claim_id"]
            if "verdict-group" in first["class"]:
                # One card for the figures of one sentence: the same rating and kind, and each
                # figure's own reasons in its own part of the card.
                assert records[first_id].unverifiable_kind == records[verdict["claim_id"]].unverifiable_kind
                rationale = " ".join(verdict["rationale"].split())
                assert _text(card.select_one(".verdict-rationale")) == rationale, verdict["claim_id"]
            else:
                assert reasons(first_id) == reasons(verdict["claim_id"]), verdict["claim_id"]
            assert claims[verdict["claim_id"]]["subject"] in _text(card), verdict["claim_id"]
            conclusion = " ".join(verdict["conclusion"].split())
            assert _text(card.select_one(".verdict-joined-conclusion")) == conclusion, verdict["claim_id"]
            card = first
        assert "verdict-card" in card["class"], f"{verdict['claim_id']} has a finding: it needs a card"
        badge = card.select_one(".rating-badge")
        assert badge is not None and rating_names[verdict["rating"]] in _text(badge), verdict["claim_id"]
        assert badge.select_one(".rating-symbol").get_text(strip=True), "the badge has no symbol"
        if shared:
            continue
        # The head carries the rating (and a key finding's flag), nothing more: why a claim is
        # unverifiable is working, inside the fold, beside the rule that gives the rating ("How we checked").
        assert card.select(".verdict-head .verdict-kind") == [], verdict["claim_id"]
        kind = card.select_one(".verdict-working .verdict-kind")
        assert (kind is not None) == (verdict["rating"] == "unverifiable"), verdict["claim_id"]
        assert card.select_one(".verdict-working .verdict-rule a[href]") is not None, verdict["claim_id"]
        conclusion = " ".join(verdict["conclusion"].split())
        group = "verdict-group" in card["class"]
        if group:   # each figure's conclusion follows its name, "Conclusion:" would say it twice
            assert _text(card.select_one(".verdict-conclusion")) == conclusion, verdict["claim_id"]
        else:
            assert _text(card.select_one(".verdict-conclusion")) == f"Conclusion: {conclusion}"
        rationale = card.select_one(".verdict-rationale")
        # A card that would repeat the card before it (two claims of one sentence) says "as
        # above" and shows neither its reasons nor its sources again; no other card does.
        previous = card.find_previous(class_="verdict-card")
        repeats = previous is not None and bool(verdict["rationale"]) and \
            reasons(previous["id"].removeprefix("verdict-")) == reasons(verdict["claim_id"])
        assert (card.select_one(".verdict-as-above") is not None) == repeats, verdict["claim_id"]
        if repeats:
            assert rationale is None and not card.select(".verdict-references > li"), verdict["claim_id"]
            continue
        if verdict["rationale"]:
            assert _text(rationale) == " ".join(verdict["rationale"].split())
        else:
            assert rationale is None, f"{verdict['claim_id']}: no reasoning, so one line"
        # One item per source page, each page once, however many of its figures the checks cite.
        sources = card.select(".verdict-references > li")
        members = [verdict["claim_id"]] + [member["id"].removeprefix("verdict-")
                                           for member in card.select(".verdict-member.verdict-joined")]
        urls = dict.fromkeys(figure_urls[figure] for member in members for figure in checks.get(member, []))
        assert [source.select_one("a.url")["href"] for source in sources] == list(urls), verdict["claim_id"]
        assert all(source.select_one(".source-grade") for source in sources)


def _chapter_pages(built_book):
    for page in sorted({row["page"] for row in _rows("parts.csv")}):
        yield page, BeautifulSoup((built_book / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def _folds_of_repeats(page, items, quote_of, folded_quote_of, shown_before=()) -> int:
    """How many of `items` (claim boxes, or ledger rows, in page order) fold their quote, after
    asserting that exactly those whose quote an earlier item (or `shown_before`) shows do."""
    seen, folded = set(shown_before), 0
    for item in items:
        quote = item.select_one(quote_of).get_text()
        inside_fold = item.select_one(folded_quote_of) is not None
        assert inside_fold == (quote in seen), f"{page}, {item['id']}: folded {inside_fold}"
        folded += inside_fold
        seen.add(quote)
    return folded


def test_a_sentence_quoted_again_in_a_chapter_is_folded_after_its_first_box(built_book):
    """A sentence that gives several claims shows once; each later box folds it, one click away."""
    folded = sum(_folds_of_repeats(page, soup.select("div.claim"), "blockquote.claim-quote",
                                   "details.claim-quote-again blockquote.claim-quote")
                 for page, soup in _chapter_pages(built_book))
    assert folded >= 2, f"only {folded} repeated quotes folded: is the chapter template still used?"


def test_the_claims_without_a_figure_sent_to_the_ledger_are_named_and_linked_to_their_rows(built_book):
    """The opening of a chapter's claims without a figure names each claim it sends to the ledger,
    linked to that claim's row, in the order the notebook gives them; the claims with cards are
    left to their cards."""
    verdicts = {row["claim_id"]: row for row in _rows("verdicts.csv")}
    parts = {row["part_id"]: row["page"] for row in _rows("parts.csv")}
    claims = {row["claim_id"]: row for row in _rows("claims.csv")}
    named = 0
    for notebook in sorted((DATA_DIR.parent / "notebooks").glob("0*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        calls = [re.findall(r'"([a-z0-9-]+)"', "".join(cell["source"])) for cell in cells
                 if "".join(cell["source"]).startswith("chapter.without_figure(")]
        for claim_ids in calls:
            page = parts[claims[claim_ids[0]]["part"]]
            soup = BeautifulSoup((built_book / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
            section = soup.find(id="the-article-s-general-claims")
            links = [a["href"] for a in section.select("p a[href^='#claim-']")]
            ledger = [claim_id for claim_id in claim_ids if _in_ledger(verdicts[claim_id])]
            assert links == [f"#claim-{claim_id}" for claim_id in ledger], page
            for claim_id in ledger:
                assert soup.select_one(f"table.ledger-table tr#claim-{claim_id}"), f"{page}: {claim_id}"
            named += len(ledger)
    assert named >= 5, f"only {named} claims named: are the openings still built by without_figure?"


def test_a_sentence_quoted_again_in_a_ledger_is_folded_after_its_first_row(built_book):
    """A ledger row whose sentence an earlier row of the same ledger, or the prose that discussed
    it, quotes keeps its quote, folded, so sorting or filtering the rows never loses it."""
    folded = discussed = 0
    for page, soup in _chapter_pages(built_book):
        quoted_in_prose = [q.get_text() for q in soup.select("div.listed-claim q")]
        for table in soup.select("table.ledger-table"):
            folded += _folds_of_repeats(page, table.select("tbody tr"), "td q", "details.claim-quote-again q",
                                        shown_before=quoted_in_prose)
            discussed += sum(1 for claim in soup.select("div.listed-claim-verdict[data-claim]")
                             if table.select_one(f"tr#claim-{claim['data-claim']} details.claim-quote-again"))
    assert folded >= 2, f"only {folded} repeated ledger quotes folded"
    assert discussed >= 2, f"only {discussed} discussed claims' quotes folded in their ledgers"


@pytest.mark.parametrize("edition, spelled_out", [
    ("", {"lead-population"}),   # 250万 is read as 2,500,000 for the English reader
    ("zh/", set()),              # in Chinese 250万 is already how the number is written
])
def test_a_claim_box_spells_out_a_figure_only_where_the_reader_needs_it(built_book, edition, spelled_out):
    """A figure given as its value ("1813") has no line saying it equals itself: its box gives the
    period alone. A figure in 万 gets one in English only."""
    page = [row["page"] for row in _rows("parts.csv") if row["part_id"] == "lead"][0]
    soup = BeautifulSoup((built_book / f"{edition}{page}.html").read_text(encoding="utf-8"), "html.parser")
    figure_lines = {claim_id: soup.select_one(f"div#claim-{claim_id} p.claim-figure")
                    for claim_id in ("lead-population", "lead-tekong-2024")}
    assert all(figure_lines.values()), "a box lost its period line with its figure"
    shown = {claim_id for claim_id, line in figure_lines.items()
             if any(mark in _text(line) for mark in ("Figure:", "数字："))}
    assert shown == spelled_out


def test_a_cards_working_names_its_derived_values_in_words(built_book):
    """The folded working lists each derived value under a name in the edition's language, never
    the code's variable name."""
    names = []
    for edition in ("", "zh/"):
        for page, soup in _chapter_pages(built_book / edition):
            cells = soup.select("table.verdict-derived tbody td:first-child")
            names += [(page, cell.get_text()) for cell in cells]
    assert len(names) >= 30, f"only {len(names)} derived values shown: are the cards still built?"
    assert [(page, name) for page, name in names if "_" in name or not name.strip()] == []


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_every_card_names_the_claim_it_judges(built_book, edition):
    """Cards may stand together below several claim boxes, or be reached by a link: each names its
    claim by the subject the claims table gives, in the edition's language."""
    claims = {row["claim_id"]: row for row in _rows("claims.csv")}
    subject = "subject_zh" if edition else "subject"
    named = 0
    for page, soup in _chapter_pages(built_book / edition):
        for card in soup.select("div.verdict-card"):
            claim_id = card["id"].removeprefix("verdict-")
            members = card.select(":scope > .verdict-member")
            if members:   # one card for the figures of one sentence: each part names its figure
                ids = [claim_id] + [member["id"].removeprefix("verdict-") for member in members[1:]]
                lines = [member.select_one(".verdict-member-conclusion strong") for member in members]
            else:
                ids, lines = [claim_id], [card.select_one(".verdict-claim strong")]
            for claim, line in zip(ids, lines, strict=True):
                assert line is not None, f"{edition}{page}: the card for {claim} does not name its claim"
                name = line.get_text().removesuffix(": ").removesuffix("：")
                assert name == claims[claim][subject], (page, claim, line.get_text())
                named += 1
    assert named > 0


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_every_claim_shows_the_sources_its_checks_cite_where_its_verdict_is(built_book, edition):
    """A card, or a row of the chapter's list, links every page its checks cite: a list row once
    showed none, though the chapter's prose reported what those pages say."""
    url = {row["source_id"]: row["url"] for row in _rows("reference/sources.csv")}
    source_of = {row["figure_id"]: row["source_id"] for row in _rows("reference/figures.csv")}
    cited: dict[str, set] = {}
    for check in _rows("checks.csv"):
        for figure in filter(None, check["references"].split(";")):
            cited.setdefault(check["claim_id"], set()).add(url[source_of[figure]])
    pages = dict(_chapter_pages(built_book / edition))
    page_of = {row["part_id"]: row["page"] for row in _rows("parts.csv")}
    shown = {False: 0, True: 0}  # cards, rows of the list
    for claim in _rows("claims.csv"):
        wanted = cited.get(claim["claim_id"])
        verdict = pages[page_of[claim["part"]]].find(id=f"verdict-{claim['claim_id']}")
        if not wanted or verdict.name == "p" or verdict.select_one(".verdict-as-above"):
            continue  # the second figure of a joined card, or a card "as above": the card before lists them
        if "verdict-member" in verdict.get("class", []):
            verdict = verdict.find_parent("div", class_="verdict-card")   # the sentence's card lists them
        links = {link["href"] for link in verdict.select("ul.verdict-references a.url")}
        assert wanted <= links, (claim["claim_id"], wanted - links)
        shown[verdict.name == "td"] += 1
    assert shown[False] and shown[True], "both cards and rows of the list are checked"


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_a_chapter_says_what_its_source_labels_mean_once_before_its_first_sources(built_book, edition):
    """A reader meets "copy" or "official repost" on a card, with the meaning beside it the first
    time: once a chapter, every label the scale has, each with its meaning from data/scale."""
    grades = _rows("scale/grades.csv")
    chinese = bool(edition)
    legends = 0
    for page, soup in _chapter_pages(built_book / edition):
        lists = soup.select("ul.verdict-references")
        found = soup.select("p.grade-legend")
        assert len(found) == (1 if lists else 0), page
        if not lists:
            continue
        legend = found[0]
        assert legend.find_next("ul", class_="verdict-references") is lists[0], page
        for grade in grades:
            label = grade["label_zh" if chinese else "label"]
            meaning = grade["meaning_zh" if chinese else "meaning"].split("：" if chinese else ": ", 1)[-1]
            assert label in [span.get_text() for span in legend.select(".source-grade")], (page, label)
            assert meaning in _text(legend), (page, meaning)
        legends += 1
    assert legends >= 4


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_a_cards_head_is_its_rating_and_for_an_unverifiable_claim_why(built_book, edition):
    """The head holds the rating's badge and nothing else, except that an unverifiable claim's
    badge never stands alone: beside it, its kind in the methodology's words (the kind computed
    from its checks, data/checks.csv). A grey badge alone reads as "we found nothing", which
    hides findings such as "no like-for-like measure backs it"."""
    from factcheck.data.decision import UNVERIFIABLE_KINDS
    from factcheck.render.i18n import gettext_zh

    kinds = {kind: gettext_zh(name) if edition else name for kind, name in UNVERIFIABLE_KINDS.items()}
    records = load_verdict_records()
    heads = 0
    for page, soup in _chapter_pages(built_book / edition):
        for head in soup.select("div.verdict-card > .verdict-head"):
            claim_id = head.parent["id"].removeprefix("verdict-")
            parts = [child for child in head.children if getattr(child, "name", None) or str(child).strip()]
            assert "rating-badge" in parts[0].get("class", []), (page, _text(head))
            kind = records[claim_id].unverifiable_kind
            if kind is None:
                assert len(parts) == 1, (page, claim_id, _text(head))
            else:
                assert len(parts) == 2 and "rating-kind" in parts[1].get("class", []), (page, _text(head))
                assert _text(parts[1]) == kinds[kind], (page, claim_id, _text(parts[1]))
            heads += 1
    assert heads > 0


def test_a_cards_working_names_its_checks_and_outcomes_in_words_not_ids(built_book):
    """The folded working reads "Search for a source: official record not found", never the
    decision table's ids (`search: official-record-not-found`), which claims.json keeps."""
    from factcheck.data.decision import OUTCOMES

    # An id a reader would not write: hyphenated, or a bare kind of check.
    ids = set(OUTCOMES) | {outcome for outcomes in OUTCOMES.values()
                           for outcome in outcomes if "-" in outcome}
    shown = 0
    for page, soup in _chapter_pages(built_book):
        for item in soup.select("ul.verdict-checks > li"):
            words = item.get_text()
            assert not any(re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", words) for i in ids
                           if "-" in i), (page, words[:80])
            outcome = item.select_one("strong")
            if outcome is not None:
                kind = words.partition(":")[0]
                assert kind not in ids and outcome.get_text() not in ids, (page, words[:80])
            shown += 1
    assert shown > 0


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_every_check_a_card_lists_is_a_whole_sentence(built_book, edition):
    """A check recorded without a reason is still a sentence (what was done and what came of it),
    never a bare label such as "Outside source: measures something else"."""
    shown = 0
    for page, soup in _chapter_pages(built_book / edition):
        for item in soup.select("ul.verdict-checks > li"):
            words = _text(item)
            assert words[-1] in ".。", (page, words[-80:])
            assert len(words.split(":", 1)[-1].split()) > 3 or edition, (page, words)
            shown += 1
    assert shown > 0


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_a_changed_rating_is_one_line_at_the_verdicts_foot_linking_to_the_corrections_log(
        built_book, edition):
    """A card's last line, or a list row's, notes its latest change of rating: the date and the
    rating before it (data/corrections.csv), and links to the corrections page, which says why.
    One line: the reason on the card would be the card's second conclusion. (A list row once
    showed no change at all.)"""
    ratings = {row["rating_id"]: row for row in _rows("scale/ratings.csv")}
    name = "name_zh" if edition else "name"
    latest = {}
    for row in _rows("corrections.csv"):
        latest[row["claim_id"]] = row   # the log is oldest first
    shown = shown_in_list = 0
    for page, soup in _chapter_pages(built_book / edition):
        units = []   # (claim, the part of the page that is its verdict)
        for card in soup.select("div.verdict-card"):
            members = card.select(":scope > .verdict-member")
            if members:   # one card for the figures of one sentence: each figure's part is its own
                ids = [card["id"]] + [member["id"] for member in members[1:]]
                units += [(i.removeprefix("verdict-"), member)
                          for i, member in zip(ids, members, strict=True)]
            else:
                units.append((card["id"].removeprefix("verdict-"), card))
        units += [(row["id"].removeprefix("claim-"), row.select_one("td"))
                  for row in soup.select("table.ledger-table tbody tr")]
        listed = 0
        for claim_id, card in units:
            lines = card.select(".verdict-correction")
            if claim_id not in latest:
                assert not lines, (page, claim_id)
                continue
            assert len(lines) == 1, (page, claim_id, len(lines))
            line, row = lines[0], latest[claim_id]
            assert line is card.find_all(recursive=False)[-1], f"{page}: {claim_id}: not the last line"
            assert ratings[row["previous_rating"]][name] in line.get_text(), (page, claim_id)
            reason = " ".join(row["reason_zh" if edition else "reason"].split())
            assert reason not in _text(line), (page, claim_id)
            link = line.select_one("a")["href"]
            assert link.split("#")[0].endswith("book/corrections.html"), (page, link)
            assert (built_book / edition / "notebooks" / link).resolve().is_file(), (page, link)
            shown += 1
            listed += card.name == "td"
        shown_in_list += listed
    assert shown > 0 and shown_in_list > 0, (shown, shown_in_list)


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_a_discussed_claim_whose_verdict_is_in_the_list_shows_its_rating_where_it_is_discussed(
        built_book, edition):
    """A reader who meets a claim in the chapter's prose sees its quote before the prose and its
    rating after it, as a card follows the prose, with a link to the row that says what would
    settle it; the row holds the claim's anchor."""
    ratings = {row["rating_id"]: row["name_zh" if edition else "name"] for row in _rows("scale/ratings.csv")}
    verdicts = {row["claim_id"]: row for row in _rows("verdicts.csv")}
    shown = 0
    for page, soup in _chapter_pages(built_book / edition):
        order = {id(element): n for n, element in enumerate(soup.find_all(True))}
        for box in soup.select("div.listed-claim"):
            claim = box.select_one("a")["href"].rpartition("#claim-")[2]
            after = soup.select_one(f'div.listed-claim-verdict[data-claim="{claim}"]')
            assert after is not None, (page, claim)
            assert order[id(box)] < order[id(after)], (page, claim, "the rating comes after the quote")
            prose = [p for p in box.find_all_next("p") if order[id(p)] < order[id(after)]
                     and not p.find_parent(class_=("listed-claim", "listed-claim-verdict"))]
            assert prose, (page, claim, "the prose stands between the quote and the rating")
            badge = after.select_one(".listed-verdict .rating-badge")
            assert badge is not None and ratings[verdicts[claim]["rating"]] in _text(badge), (page, claim)
            assert after.select_one(f'.listed-verdict a[href="#claim-{claim}"]') is not None, (page, claim)
            assert soup.select_one(f"tr#claim-{claim}") is not None, (page, claim)
            shown += 1
    assert shown >= 5, f"only {shown} discussed claims: does Chapter.claim(discussed=True) still show them?"
