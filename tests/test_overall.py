"""The article's overall verdict and the requests for the records: counted from data/, the
same in both editions, and never crediting background as an achievement."""
import csv
import json
import re

import pytest
from bs4 import BeautifulSoup

from factcheck.data import DATA_DIR, DataError, overall
from factcheck.data.provenance import load_provenance
from factcheck.data.registry import load_claims
from factcheck.data.verdicts import load_verdict_records

EDITIONS = {"en": "", "zh": "zh/"}
NONE = {"en": "None of the", "zh": "没有一条能"}


def _rows(name):
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _expected_counts():
    """Counted from the CSV files directly, not through factcheck.data.overall."""
    role = {row["claim_id"]: row["role"] for row in _rows("claims.csv")}
    rating = {row["claim_id"]: row["rating"] for row in _rows("verdicts.csv")}
    achievements = [claim for claim in role if role[claim] == "achievement"]
    background = [claim for claim in role if role[claim] == "background"]
    return {
        "claims": len(role),
        "achievements": len(achievements),
        "confirmed": sum(rating[c] in ("matches-official", "corroborated") for c in achievements),
        "wanting": sum(rating[c] in ("contradicted", "inconsistent", "misleading") for c in achievements),
        "unverifiable": sum(rating[c] == "unverifiable" for c in achievements),
        "background": len(background),
        "background confirmed": sum(rating[c] in ("matches-official", "corroborated", "adds-up")
                                    for c in background),
    }


def _expected_problems():
    """The found-wanting achievement claims grouped into problems, read from checks.csv
    directly: claims whose failing checks name a shared derived value are one problem."""
    role = {row["claim_id"]: row["role"] for row in _rows("claims.csv")}
    rating = {row["claim_id"]: row["rating"] for row in _rows("verdicts.csv")}
    wanting = [c for c in role if role[c] == "achievement"
               and rating[c] in ("contradicted", "inconsistent", "misleading")]
    names = {c: set() for c in wanting}
    for row in _rows("checks.csv"):
        failing = row["outcome"] in ("differs", "inconsistent", "base-changed", "misleading")
        if row["claim_id"] in names and failing:
            names[row["claim_id"]].update(filter(None, row["derived"].split(";")))
    groups = []
    for claim in wanting:
        shared = next((g for g in groups if any(names[claim] & names[other] for other in g)), None)
        if shared is None:
            groups.append([claim])
        else:
            shared.append(claim)
    return groups


def _numbers(text):
    return [int(n) for n in re.findall(r"\d+", text)]


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_overall_verdict_comes_first_and_counts_from_the_data(built_book, edition):
    page = BeautifulSoup((built_book / EDITIONS[edition] / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    block = page.select_one(".overall-verdict")
    assert block is not None, "no overall verdict on the intro"
    findings_list = page.select_one("ol.key-findings")
    assert findings_list is not None, "no key findings on the intro"
    assert block.sourceline < findings_list.sourceline, "the verdict must come first"
    expected = _expected_counts()
    # The whole check in a few points comes first, opening with whose page the article is, then
    # what of its achievements could be confirmed.
    assert block.find_all(recursive=False)[0]["class"] == ["overall-summary"]
    summary_block = block.select_one(".overall-summary")
    assert [item["class"] for item in summary_block.select("li")[:2]] == [["overall-article"],
                                                                         ["overall-unsettled"]]
    unsettled = summary_block.select_one(".overall-unsettled").get_text(" ")
    if expected["confirmed"]:
        assert _numbers(unsettled) == [expected["confirmed"], expected["achievements"]], unsettled
    else:
        assert _numbers(unsettled) == [expected["achievements"]], unsettled
        assert NONE[edition] in unsettled, "says none was confirmed"
    # The counts, one column a role and one row a rating (named as the scale names it), the
    # claims last, so each column adds up: read from the CSV files, not through the package.
    table = [[cell.get_text(" ", strip=True) for cell in row.select("th, td")]
             for row in block.select("table.overall-counts tbody tr")]
    # Only the ratings some claim got have a row; a sentence under the table names the others.
    roles = {row["claim_id"]: row["role"] for row in _rows("claims.csv")}
    rated = [(roles[row["claim_id"]], row["rating"]) for row in _rows("verdicts.csv")]
    name = "name" + ("_zh" if edition == "zh" else "")
    scale = [rating for rating in _rows("scale/ratings.csv")
             if any(given == rating["rating_id"] for _, given in rated)]
    not_given = [rating[name] for rating in _rows("scale/ratings.csv") if rating not in scale]
    assert [row[0] for row in table[:-1]] == [rating[name] for rating in scale], table
    meaning = block.select_one(".overall-meaning").get_text()
    assert not_given and all(f"“{rating}”" in meaning for rating in not_given), meaning
    assert not any(f"“{rating[name]}”" in meaning.split("。" if edition == "zh" else ". ")[0]
                   for rating in scale), "a rating given is named among those not given"
    for column, role in ((1, "achievement"), (2, "background")):
        assert [int(row[column]) for row in table] == [
            *(rated.count((role, rating["rating_id"])) for rating in scale),
            sum(claim_role == role for claim_role, _ in rated)], table
    assert sum(int(table[-1][column]) for column in (1, 2)) == expected["claims"]
    problems = _expected_problems()
    assert sum(map(len, problems)) == expected["wanting"]
    if expected["wanting"] != len(problems):
        # The line that says the table's found-wanting claims are the figures named above names
        # their ratings, and no other (once it said "misleading or inconsistent" of two inconsistent).
        said = meaning.split("。" if edition == "zh" else ". ")[1]
        wanting = {rating for claim_role, rating in rated if claim_role == "achievement"
                   and rating in ("contradicted", "inconsistent", "misleading")}
        assert [r[name] for r in _rows("scale/ratings.csv") if f"“{r[name]}”" in said] == [
            r[name] for r in _rows("scale/ratings.csv") if r["rating_id"] in wanting], said
    findings = {row["claim_id"]: row for row in _rows("findings.csv")}
    zh = "_zh" if edition == "zh" else ""
    # Each point is said once, in the summary: the problems and the shortfalls are its items.
    stated = summary_block.select_one(".overall-problems")
    assert len(block.select(".overall-problems, .overall-shortfalls")) == bool(problems) + 1, "said once"
    if problems:
        # Each under its claim's rating, named as the scale names it.
        ratings = {row["rating_id"]: row["name" + zh] for row in _rows("scale/ratings.csv")}
        rated = {row["claim_id"]: row["rating"] for row in _rows("verdicts.csv")}
        for group in problems:
            assert f"“{ratings[rated[group[0]]]}”" in stated.get_text(), (group, stated.get_text())
        shown = [link.get_text() for link in stated.select("a")]
        named = [next(findings[c]["problem" + zh] for c in group if findings.get(c, {}).get("problem"))
                 for group in problems]
        assert shown == named, "one link for each problem, not each claim"
    else:
        assert stated is None
    # The weaknesses short of a rating, each linked to its verdict, in rank order.
    ranked = sorted(findings.values(), key=lambda row: int(row["rank"]))
    shortfalls = [row for row in ranked if row["shortfall"]]
    weak = summary_block.select_one(".overall-shortfalls")
    assert [link.get_text() for link in weak.select("a")] == [row["shortfall" + zh] for row in shortfalls]
    assert [link["href"].rpartition("#")[2] for link in weak.select("a")] == [
        "claim-" + row["claim_id"] for row in shortfalls]
    # The confirmed claims are named, each linked; that checks confirmed the setting of other
    # claims is said without naming them: a title after "confirmed" would read as the claim confirmed.
    confirmed = block.select(".overall-confirmed a")
    assert len(confirmed) == expected["confirmed"] + expected["background confirmed"]
    assert all("#claim-" in link["href"] for link in confirmed)
    dailies = sum(1 for _ in re.finditer("《", next(r["quote"] for r in _rows("provenance.csv")
                                                  if r["fact_id"] == "syndication")))
    assert str(dailies) in block.select_one(".overall-article").get_text(), "the number of dailies"


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_intro_sends_its_unverifiable_count_to_the_scorecards_count_by_why(built_book, edition):
    """The intro counts the unverifiable claims once, in its table, and links to the place on
    the scorecard that counts them by why, in both editions: the link's page exists and holds
    its anchor, just before the chart of the unverifiable claims by kind."""
    root = built_book / EDITIONS[edition]
    page = BeautifulSoup((root / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = page.select(".overall-verdict a.overall-kinds")
    assert len(links) == 1, "the count does not say where it is split by why"
    target, _, anchor = links[0]["href"].partition("#")
    assert (root / target).is_file(), links[0]["href"]
    scorecard = BeautifulSoup((root / target).read_text(encoding="utf-8"), "html.parser")
    marker = scorecard.find(id=anchor)
    assert marker is not None, f"{target} has no #{anchor}"
    from factcheck.data.decision import UNVERIFIABLE_KINDS
    from factcheck.render.i18n import gettext_zh

    chart = marker.find_next(class_="factcheck-chart")
    assert chart is not None, f"no chart after #{anchor}"
    # The chart names every kind the unverifiable claims have, in the edition's words.
    kinds = {record.unverifiable_kind for record in load_verdict_records().values()
             if record.rating.id == "unverifiable"}
    assert len(kinds) > 1
    for kind in kinds:
        name = gettext_zh(UNVERIFIABLE_KINDS[kind]) if edition == "zh" else UNVERIFIABLE_KINDS[kind]
        assert name in chart["aria-label"], (name, chart["aria-label"][:200])
    heading = marker.find_next(["h2", "h3"])
    assert heading.find_next(class_="factcheck-chart") is chart, "the anchor is not the section of that chart"


def test_confirmed_background_never_counts_as_a_confirmed_achievement():
    claims = load_claims().set_index("claim_id")
    verdicts = load_verdict_records()
    summary = overall.summarise(claims["role"].to_dict(), verdicts)
    assert summary["achievement"].claims and summary["background"].claims
    for claim in summary["achievement"].confirmed:
        assert claims.loc[claim, "role"] == "achievement"
    assert not set(summary["achievement"].claims) & set(summary["background"].claims)
    for role in overall.ROLES:
        counted = summary[role]
        assert len(counted.claims) == sum(map(len, (counted.confirmed, counted.adds_up,
                                                     counted.found_wanting, counted.unverifiable)))


def test_the_roles_are_the_ones_the_data_package_allows():
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    claims = next(r for r in package["resources"] if r["name"] == "claims")
    role = next(f for f in claims["schema"]["fields"] if f["name"] == "role")
    assert tuple(role["constraints"]["enum"]) == overall.ROLES


def test_a_provenance_quote_that_is_not_in_the_article_is_refused(tmp_path, monkeypatch):
    text = (DATA_DIR / "provenance.csv").read_text(encoding="utf-8")
    edited = text.replace("本版图片由崇左市教育局提供", "本版图片由崇左市教育局拍摄", 1)
    assert edited != text
    path = tmp_path / "provenance.csv"
    path.write_text(edited, encoding="utf-8")
    from factcheck.data import provenance, tables
    real = tables.load_resource
    monkeypatch.setattr(provenance, "load_resource", lambda name: real(name, path))
    with pytest.raises(DataError) as error:
        load_provenance()
    assert (error.value.row, error.value.field) == (3, "quote")


def _headline_unverifiable():
    """In the article's order, read from the CSV files and the article text directly."""
    article = (DATA_DIR / "raw" / "000_7d8e2387cb60b3f6.txt").read_text(encoding="utf-8")
    verdicts = {row["claim_id"]: row for row in _rows("verdicts.csv")}
    claims = [row for row in _rows("claims.csv")
              if verdicts[row["claim_id"]]["importance"] == "headline"
              and verdicts[row["claim_id"]]["rating"] == "unverifiable"]
    flat = re.sub(r"\s+", "", article)
    return sorted(claims, key=lambda row: flat.find(re.sub(r"\s+", "", row["quote"]))), verdicts


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_requests_ask_for_the_records_behind_every_headline_unverifiable_claim(built_book, edition):
    claims, verdicts = _headline_unverifiable()
    assert claims, "no headline unverifiable claim: the test would prove nothing"
    root = built_book / EDITIONS[edition]
    page = BeautifulSoup((root / "book/requests.html").read_text(encoding="utf-8"), "html.parser")
    items = page.select("ol.records-requests > li")
    assert [item.select_one("a")["href"].split("#claim-")[1] for item in items] == \
        [row["claim_id"] for row in claims]
    settle = "would_settle_zh" if edition == "zh" else "would_settle"
    for item, row in zip(items, claims, strict=True):
        assert row["quote"] in item.get_text()
        assert verdicts[row["claim_id"]][settle] in item.get_text()
    download = page.select_one(".records-download a")["href"]
    text = (root / "book" / download).resolve().read_text(encoding="utf-8")
    for row in claims:
        assert row["quote"] in text and verdicts[row["claim_id"]][settle] in text


def test_a_card_shows_what_its_context_checks_confirmed(built_book):
    records = load_verdict_records()
    with_context = [v for v in records.values() if v.confirmed_context]
    assert with_context, "no verdict has a confirmed context check: the test would prove nothing"
    claims = load_claims().set_index("claim_id")
    from factcheck.data.parts import load_parts
    parts = load_parts()
    for verdict in with_context:
        page = parts[claims.loc[verdict.claim_id, "part"]].page
        html = BeautifulSoup((built_book / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        card = html.select_one(f"#verdict-{verdict.claim_id}")
        # In the folded working, once: the check list after it leaves these checks out.
        shown = [li.get_text(" ", strip=True) for li in card.select(".verdict-working .verdict-context li")]
        assert shown == [check.reason for check in verdict.confirmed_context], verdict.claim_id
        assert card.select(".verdict-context") == card.select(".verdict-working .verdict-context")
        checks = " ".join(li.get_text(" ", strip=True) for li in card.select(".verdict-checks li"))
        assert not any(reason in checks for reason in shown), verdict.claim_id


def test_a_chapter_says_which_of_its_figures_found_wanting_are_one_error():
    """A chapter's count of verdicts counts claims: where two of its figures are one error (the
    9 and the 2 of one sentence), a line under it says so, as the intro counts it; no other
    chapter has that line. The problems are read from checks.csv, not through the package."""
    from factcheck import PROJECT_ROOT
    from factcheck.data.parts import load_parts

    part_page = {part_id: part.page for part_id, part in load_parts().items()}
    claim_page = {row["claim_id"]: part_page[row["part"]] for row in _rows("claims.csv")}
    shared = [group for group in _expected_problems() if len(group) > 1]
    expected = {}
    for group in shared:
        page = claim_page[group[0]]
        figures, errors = expected.get(page, (0, 0))
        expected[page] = (figures + len(group), errors + 1)
    assert expected, "the data no longer have one error in two figures: is this test still needed?"
    for notebook in sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        lines = [re.sub(r"<[^>]+>", "", "".join(output["data"]["text/html"]))
                 for cell in cells if cell["cell_type"] == "code" for output in cell.get("outputs", [])
                 if "chapter-tally-errors" in "".join(output.get("data", {}).get("text/html", ""))]
        page = f"notebooks/{notebook.stem}"
        if page not in expected:
            assert lines == [], page
            continue
        assert len(lines) == 1, (page, lines)
        assert _numbers(lines[0]) == list(expected[page]), (page, lines[0])


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
def test_an_achievement_confirmed_would_be_counted_and_linked_in_the_summary(language):
    """The data have no confirmed achievement today, so the intro's other wording is rendered
    here: the summary says how many of how many were confirmed, and the count names each one,
    linked to its verdict, in both editions."""
    from types import SimpleNamespace

    from factcheck.render.blocks import render

    achievement = SimpleNamespace(role="achievement", claims=("a", "b", "c"), confirmed=("a",),
                                  unverifiable=("b", "c"), found_wanting=(), adds_up=())
    html = render("overall.html", language, provenance=[], achievement=achievement, problems=[],
                  shortfalls=[], setting_confirmed=False,
                  confirmed_achievements=[{"href": "02_lead.html#claim-a", "subject": "Subject A",
                                           "rating_name": "Rating A"}],
                  confirmed_background=[],
                  count_table=[{"verdict": "claims", "achievement": 3}],
                  ratings_not_given="", wanting_ratings="",
                  by_kind_href="07.html#unverifiable-by-kind")
    page = BeautifulSoup(html, "html.parser")
    unsettled = page.select_one(".overall-unsettled").get_text(" ")
    assert sorted(_numbers(unsettled)) == [1, 3], unsettled
    assert NONE["zh" if language != "en" else "en"] not in unsettled
    confirmed = page.select_one(".overall-confirmed")
    assert [(a["href"], a.get_text()) for a in confirmed.select("a")] == [
        ("02_lead.html#claim-a", "Subject A")]
    assert [cell.get_text() for cell in page.select("table.overall-counts td")] == ["3"]
    if language != "en":
        shown = page.get_text(" ").replace("Subject A", "").replace("Rating A", "")
        assert not re.search(r"[A-Za-z]{3,}", shown), "untranslated"
