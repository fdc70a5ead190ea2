"""The published book as others will use it: claims.json, ClaimReview, anchors both ways, links.

These read the built_book book in _build/html (`make book` first; `make test` does).
"""
import csv
import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jsonschema
import pytest
from bs4 import BeautifulSoup

from factcheck import PROJECT_ROOT
from factcheck.data.parts import SOURCE_PAGE, book_url, chapter_pages, load_parts
from factcheck.data.source import RAW_SHA256
from factcheck.data.verdicts import load_verdict_records

SCHEMA = PROJECT_ROOT / "data" / "schema" / "claims.schema.json"
REPORT = PROJECT_ROOT / "_build" / "external-links.txt"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def published(built_book):
    return json.loads((built_book / "claims.json").read_text(encoding="utf-8"))


def test_claims_json_validates_against_its_schema(published):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(published)


def _csv(relative: str, key: str) -> dict[str, dict[str, str]]:
    """A data/ table read with the csv module alone, by its key column."""
    with (PROJECT_ROOT / "data" / relative).open(encoding="utf-8", newline="") as handle:
        return {row[key]: row for row in csv.DictReader(handle)}


def _text(cell: str):
    return cell or None


def _number(cell: str):
    return Decimal(cell) if cell else None


def _json_number(value):
    return None if value is None else Decimal(str(value))


def test_each_claim_in_claims_json_says_what_the_csv_files_say(published):
    """claims.json against data/*.csv read independently of the code that published it."""
    claims, verdicts = _csv("claims.csv", "claim_id"), _csv("verdicts.csv", "claim_id")
    parts, derived, checks = _csv("parts.csv", "part_id"), {}, {}
    with (PROJECT_ROOT / "data" / "checks.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            checks.setdefault(row["claim_id"], []).append(row)
    with (PROJECT_ROOT / "data" / "derived.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            derived.setdefault(row["claim_id"], {})[row["name"]] = Decimal(row["value"])
    assert sorted(c["id"] for c in published["claims"]) == sorted(claims)
    for entry in published["claims"]:
        row, verdict = claims[entry["id"]], verdicts[entry["id"]]
        for field in ("part", "kind", "subject", "period", "quote", "english"):
            assert entry[field] == row[field], (entry["id"], field)
        for field in ("figure", "unit"):
            assert entry[field] == _text(row[field]), (entry["id"], field)
        assert _json_number(entry["value"]) == _number(row["value"]), entry["id"]
        assert entry["approximate"] == (row["approximate"] == "true"), entry["id"]
        assert entry["part_title"] == parts[row["part"]]["title"], entry["id"]
        assert entry["url"] == f"{book_url()}{parts[row['part']]['page']}.html#claim-{entry['id']}"
        assert entry["verdict"] == verdict["rating"], entry["id"]
        assert entry["importance"] == verdict["importance"], entry["id"]
        assert entry["rationale"] == verdict["rationale"], entry["id"]
        assert entry["would_settle"] == _text(verdict["would_settle"]), entry["id"]
        assert entry["period_basis"] == row["period_basis"], entry["id"]
        mine = checks.get(entry["id"], [])
        assert [(c["step"], c["check"], c["outcome"], c["reason"]) for c in entry["checks"]] == \
            [(int(c["step"]), c["check"], c["outcome"], _text(c["reason"])) for c in mine], entry["id"]
        cited = [ref for c in mine for ref in c["references"].split(";") if ref]
        assert [ref["id"] for ref in entry["references"]] == list(dict.fromkeys(cited)), entry["id"]
        assert {k: _json_number(v) for k, v in entry["derived"].items()} == \
            derived.get(entry["id"], {}), entry["id"]


def test_each_reference_in_claims_json_says_what_the_csv_files_say(published):
    figures, sources = _csv("reference/figures.csv", "figure_id"), _csv("reference/sources.csv", "source_id")
    references = [ref for claim in published["claims"] for ref in claim["references"]]
    assert references != []
    for ref in references:
        figure = figures[ref["id"]]
        source = sources[figure["source_id"]]
        for field in ("subject", "geography", "period", "unit", "quote", "gloss"):
            assert ref[field] == figure[field], (ref["id"], field)
        assert ref["figure"] == _text(figure["figure"]), ref["id"]
        assert _json_number(ref["value"]) == _number(figure["value"]), ref["id"]
        for field in ("publisher", "url", "grade"):
            assert ref[field] == source[field], (ref["id"], field)
        for field in ("published", "title", "title_en", "title_zh", "described_as"):
            assert ref[field] == _text(source[field]), (ref["id"], field)


def test_claims_json_has_every_claim_with_its_verdict_and_graded_references(published):
    from factcheck.data.registry import load_claims
    assert [c["id"] for c in published["claims"]] != []
    assert sorted(c["id"] for c in published["claims"]) == sorted(load_claims()["claim_id"])
    for claim in published["claims"]:
        assert claim["verdict"] and claim["conclusion"]
        for ref in claim["references"]:
            assert ref["url"].startswith("http") and ref["grade"]


def _json_ld(page: Path) -> list[dict]:
    blocks = _soup(page).find_all("script", type="application/ld+json")
    items = []
    for block in blocks:
        data = json.loads(block.string)
        items.extend(data if isinstance(data, list) else [data])
    return items


def test_every_claim_has_claim_review_markup_on_its_page(built_book, published):
    by_page = {}
    for claim in published["claims"]:
        by_page.setdefault(load_parts()[claim["part"]].page, []).append(claim)
    checked = 0
    for page, claims in by_page.items():
        reviews = {r["url"].split("#", 1)[1]: r for r in _json_ld(built_book / f"{page}.html")}
        for claim in claims:
            review = reviews[f"claim-{claim['id']}"]
            checked += 1
            assert review["@type"] == "ClaimReview"
            assert claim["quote"].startswith(review["claimReviewed"].removesuffix("……"))
            assert review["reviewRating"]["alternateName"] == claim["verdict_name"]
            assert review["author"]["name"] and review["datePublished"]
            assert review["url"].endswith(f"{page}.html#claim-{claim['id']}")
            item = review["itemReviewed"]
            assert item["@type"] == "Claim" and item["appearance"]["headline"]
    assert checked == len(published["claims"]) == len(_csv("claims.csv", "claim_id")), "every claim checked"


def test_every_claim_is_anchored_in_its_chapter_and_in_the_source_both_ways(built_book, published):
    source = _soup(built_book / f"{SOURCE_PAGE}.html")
    chapters = {page: _soup(built_book / f"{page}.html") for page in chapter_pages()}
    for claim in published["claims"]:
        page = load_parts()[claim["part"]].page
        box = chapters[page].find(id=f"claim-{claim['id']}")
        assert box is not None, f"no #claim-{claim['id']} in {page}"
        assert box.find("a", href=f"01_source_and_claims.html#source-{claim['id']}")
        highlight = source.find(id=f"source-{claim['id']}")
        assert highlight is not None, f"no #source-{claim['id']} in the source chapter"
        assert highlight["href"] == f"{page.removeprefix('notebooks/')}.html#claim-{claim['id']}"


def test_the_intro_carries_the_build_stamp(built_book):
    stamp = _soup(built_book / "book" / "reuse.html").find(id="build-stamp")
    assert stamp is not None and RAW_SHA256 in stamp.get_text()
    assert "Built from commit" in stamp.get_text()


def test_every_internal_link_and_anchor_resolves(built_book):
    """Checked offline; external links are listed in _build/external-links.txt, never fetched."""
    ids, broken, external = {}, [], set()
    pages = sorted(p for p in built_book.rglob("*.html") if "_static" not in p.parts)
    soups = {page: _soup(page) for page in pages}
    for page, soup in soups.items():
        ids[page] = {tag["id"] for tag in soup.find_all(id=True)}
    for page, soup in soups.items():
        for tag in soup.find_all(["a", "link", "script", "img"]):
            target = tag.get("href") or tag.get("src")
            if not target or target.startswith(("mailto:", "javascript:", "data:")):
                continue
            parts = urlsplit(target)
            if parts.scheme in ("http", "https") or parts.netloc:
                external.add(target)
                continue
            path = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.relative_to(built_book)} -> {target} (no file)")
            elif parts.fragment and path.suffix == ".html" and path in ids \
                    and unquote(parts.fragment) not in ids[path]:
                broken.append(f"{page.relative_to(built_book)} -> {target} (no anchor)")
    REPORT.write_text("".join(f"{url}\n" for url in sorted(external)), encoding="utf-8")
    assert broken == []


def _card_numbers(card) -> list[Decimal]:
    """The derived values a verdict card shows (its table of derived values, each under a name in
    words), in order."""
    table = card.find("table", class_="verdict-derived")
    rows = table.find_all("tr")[1:] if table else []
    return sorted(Decimal(row.find_all("td")[1].get_text(strip=True).replace(",", "")) for row in rows)


def test_page_claim_review_and_claims_json_agree_with_the_data_claim_by_claim(built_book, published):
    """For every claim, its card, its page's ClaimReview and claims.json give the rating,
    conclusion, reason and derived numbers of data/ (read with the csv module)."""
    verdicts = _csv("verdicts.csv", "claim_id")
    derived: dict[str, dict[str, Decimal]] = {}
    with (PROJECT_ROOT / "data" / "derived.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            derived.setdefault(row["claim_id"], {})[row["name"]] = Decimal(row["value"])
    names = {rating["id"]: rating["name"] for rating in published["verdict_scale"]}
    pages = {page: _soup(built_book / f"{page}.html") for page in chapter_pages()}
    reviews = {review["url"].split("#", 1)[1]: review
               for page in chapter_pages() for review in _json_ld(built_book / f"{page}.html")}
    assert len(published["claims"]) == len(verdicts)
    checked = 0
    for entry in published["claims"]:
        checked += 1
        claim_id, row = entry["id"], verdicts[entry["id"]]
        expected = (row["rating"], row["conclusion"], row["rationale"], derived.get(claim_id, {}))
        in_json = (entry["verdict"], entry["conclusion"], entry["rationale"],
                   {name: Decimal(str(value)) for name, value in entry["derived"].items()})
        assert in_json == expected, f"claims.json, {claim_id}"

        card = pages[load_parts()[entry["part"]].page].find(id=f"verdict-{claim_id}")
        if card.name == "td":  # a ledger row: unverifiable, what would settle it
            assert row["rating"] == "unverifiable" and row["importance"] != "headline", claim_id
            assert not load_verdict_records()[claim_id].confirmed_context, claim_id
            ledger_row = " ".join(card.find_parent("tr").get_text(" ").split())
            assert " ".join(row["would_settle"].split()) in ledger_row, claim_id
        else:
            conclusion = card.find(class_="verdict-conclusion")
            rated = card
            if "verdict-joined" in card.get("class", []):   # the second figure of one problem
                conclusion = card.find(class_="verdict-joined-conclusion")
                rated = card.find_parent(class_="verdict-card")
                if "verdict-member" not in card["class"]:   # not one figure's part of a card, the card
                    card = rated
            rationale = card.find(class_="verdict-rationale")
            if card.find(class_="verdict-as-above"):  # the reasons of the card before it
                rationale = card.find_previous(class_="verdict-card").find(class_="verdict-rationale")
            conclusion = conclusion.get_text(" ", strip=True)
            on_page = (next(c.removeprefix("verdict-") for c in rated["class"]
                            if c not in ("verdict-card", "verdict-group")),
                       conclusion.split(":", 1)[1].strip() if conclusion.startswith("Conclusion:")
                       else conclusion,
                       rationale.get_text(" ", strip=True) if rationale else "",
                       _card_numbers(card))
            assert on_page == (*expected[:3], sorted(expected[3].values())), f"page, {claim_id}"

        review = reviews[f"claim-{claim_id}"]
        assert (review["reviewRating"]["alternateName"], review["reviewBody"]) == (
            names[row["rating"]], row["conclusion"]), f"ClaimReview, {claim_id}"
    assert checked == len(verdicts), f"compared {checked} claims of {len(verdicts)}"


def test_outside_git_the_review_date_comes_from_the_corrections_log_never_the_clock(monkeypatch):
    from factcheck.book import metadata
    monkeypatch.setattr(metadata, "_git", lambda *args: "")
    with (PROJECT_ROOT / "data" / "corrections.csv").open(encoding="utf-8", newline="") as handle:
        dates = [row["date"] for row in csv.DictReader(handle)]
    assert metadata._verdicts_date() == max(dates)
    assert metadata._first_verdicts_date() == min(dates)


def test_no_claim_review_is_modified_before_it_was_published(built_book):
    """A review's dateModified (its latest correction) never falls before its datePublished: the
    date the verdicts were first recorded, not when they last changed."""
    published = json.loads((built_book / "claims.json").read_text(encoding="utf-8"))
    pages = {load_parts()[claim["part"]].page for claim in published["claims"]}
    reviews = [review for page in sorted(pages) for review in _json_ld(built_book / f"{page}.html")]
    assert len(reviews) == len(published["claims"])
    late = [(r["url"].rpartition("#")[2], r["datePublished"], r["dateModified"]) for r in reviews
            if r["dateModified"] < r["datePublished"]]
    assert late == []
    corrected = [r for r in reviews if r["dateModified"] != r["datePublished"]]
    assert corrected, "some review was corrected after it was first published"
