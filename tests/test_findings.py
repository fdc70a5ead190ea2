"""The key findings: ranked data, each showing its claim's computed rating, traced numbers,
and on the book's first screen at a desktop and a phone width."""
import csv
import json
from decimal import Decimal

import pytest

from factcheck.data import DATA_DIR
from factcheck.data.derived import load_derived
from factcheck.data.findings import load_findings
from factcheck.data.references import load_reference_figures
from factcheck.data.registry import load_claims
from factcheck.data.verdicts import load_verdict_records
from factcheck.tools.browser import serve
from prose_numbers import is_traced, number_tokens

VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}


def test_every_number_in_a_finding_is_the_articles_or_its_claims_data():
    claims, derived = load_claims(), load_derived()
    references = load_reference_figures().set_index("figure_id")
    records = load_verdict_records()
    # A summary may cite any claim's value or derived value, and its own claim's sources.
    values = {Decimal(str(v)) for v in claims["value"].dropna()}
    values |= {v for named in derived.values() for v in named.values()}
    for finding in load_findings():
        allowed = set(values)
        for ref in records[finding.claim_id].references:
            if references.loc[ref, "value"] == references.loc[ref, "value"]:
                allowed.add(Decimal(str(references.loc[ref, "value"])))
        for token in number_tokens(finding.finding):
            if 1990 <= Decimal(token.split(" ")[0].replace(",", "")) <= 2030:
                continue
            assert is_traced(token, allowed), f"finding {finding.rank}: {token} is not traced"


def test_claims_json_publishes_the_findings_with_the_verdicts_ratings(built_book):
    published = json.loads((built_book / "claims.json").read_text(encoding="utf-8"))
    with (DATA_DIR / "findings.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    ratings = {claim["id"]: claim["verdict"] for claim in published["claims"]}
    assert [(f["rank"], f["claim_id"], f["finding"], f["finding_zh"]) for f in published["findings"]] == \
        sorted((int(r["rank"]), r["claim_id"], r["finding"], r["finding_zh"]) for r in rows)
    for finding in published["findings"]:
        assert finding["rating"] == ratings[finding["claim_id"]]
        assert finding["url"].endswith(f"#claim-{finding['claim_id']}")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_first_screen_shows_the_overall_verdict_then_the_findings_with_their_ratings(
        built_book, browser, viewport):
    """The article's overall verdict comes first and fits the first screen; the key findings
    follow it, each with its claim's rating."""
    width, height = VIEWPORTS[viewport]
    with serve(built_book) as site:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url
                   else route.abort())
        page.goto(site + "book/intro.html", wait_until="load")
        verdict = page.eval_on_selector(
            ".overall-verdict .overall-count",
            "el => ({bottom: el.getBoundingClientRect().bottom, right: el.getBoundingClientRect().right})")
        items = page.eval_on_selector_all(
            "ol.key-findings:not([lang]) > li",
            """els => els.map(el => ({top: el.getBoundingClientRect().top,
                                      badge: el.querySelector('.rating-badge')?.innerText || ''}))""")
        page.close()
    assert verdict["bottom"] <= height and verdict["right"] <= width, (viewport, verdict)
    expected = [load_verdict_records()[f.claim_id].rating.name for f in load_findings()]
    assert len(items) == len(expected)
    for item, name in zip(items, expected, strict=True):
        assert name in item["badge"]
        assert item["top"] > verdict["bottom"], "the findings come after the overall verdict"
