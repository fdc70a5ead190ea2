"""The key findings: ranked data, each showing its claim's computed rating, traced numbers,
and on the book's first screen at a desktop and a phone width."""
import csv
import dataclasses
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


def _values_of(claim_ids) -> set[Decimal]:
    """The numbers a finding may state: the value, derived values and cited figures of the claims
    it speaks of (its own, and those it names in also_covers)."""
    claims = load_claims().set_index("claim_id")
    derived, records = load_derived(), load_verdict_records()
    references = load_reference_figures().set_index("figure_id")
    values = set()
    for claim in claim_ids:
        if claims.loc[claim, "value"] == claims.loc[claim, "value"]:
            values.add(Decimal(str(claims.loc[claim, "value"])))
        values |= set(derived.get(claim, {}).values())
        values |= {Decimal(str(references.loc[ref, "value"])) for ref in records[claim].references
                   if references.loc[ref, "value"] == references.loc[ref, "value"]}
    return values


def untraced_findings(findings) -> list[str]:
    found = []
    for finding in findings:
        allowed = _values_of((finding.claim_id, *finding.also_covers))
        for token in number_tokens(" ".join((finding.finding, finding.problem, finding.shortfall))):
            year = 1990 <= Decimal(token.split(" ")[0].replace(",", "")) <= 2030
            if not year and not is_traced(token, allowed):
                found.append(f"finding {finding.rank} ({finding.claim_id}): {token}")
    return found


def test_every_number_in_a_finding_is_a_value_of_the_claims_it_speaks_of():
    findings = load_findings()
    assert len(findings) == len(list(csv.DictReader((DATA_DIR / "findings.csv").open(encoding="utf-8"))))
    assert untraced_findings(findings) == []


def test_a_finding_stating_another_claims_number_is_found():
    # 1,813 is the lead's count above the special-type line, not the +320 claim's (issue 20, mutation 15).
    first = load_findings()[0]
    wrong = dataclasses.replace(first, finding=first.finding.replace("320", "1,813"))
    assert wrong.finding != first.finding
    assert untraced_findings([wrong]) == [f"finding 1 ({first.claim_id}): 1,813"]


def test_claims_json_publishes_the_findings_with_the_verdicts_ratings(built_book):
    published = json.loads((built_book / "claims.json").read_text(encoding="utf-8"))
    with (DATA_DIR / "findings.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    ratings = {claim["id"]: claim["verdict"] for claim in published["claims"]}
    fields = ("finding", "finding_zh", "shortfall", "shortfall_zh")
    assert [(f["rank"], f["claim_id"], *(f[field] for field in fields)) for f in published["findings"]] == \
        sorted((int(r["rank"]), r["claim_id"], *(r[field] for field in fields)) for r in rows)
    for finding in published["findings"]:
        assert finding["rating"] == ratings[finding["claim_id"]]
        assert finding["url"].endswith(f"#claim-{finding['claim_id']}")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_first_screen_shows_the_overall_verdict_then_the_findings_with_their_ratings(
        built_book, browser, viewport):
    """The article's overall verdict, in one sentence, comes first and fits the first screen; the
    key findings follow it, each with its claim's rating."""
    width, height = VIEWPORTS[viewport]
    with serve(built_book) as site:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.route("**/*", lambda route: route.continue_() if "127.0.0.1" in route.request.url
                   else route.abort())
        page.goto(site + "index.html", wait_until="load")
        verdict = page.eval_on_selector(
            ".overall-verdict .overall-summary",
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


def test_a_key_finding_links_to_a_card_never_to_a_ledger_row():
    """The intro's link goes to the working behind the finding, which a ledger row does not show."""
    from factcheck.data import DataError

    verdicts = load_verdict_records()
    assert len(load_findings(verdicts)) == len(load_findings())
    first = load_findings()[0].claim_id
    as_ledger_row = dataclasses.replace(verdicts[first], importance="supporting", rating=verdicts[
        next(claim for claim, record in verdicts.items() if record.rating.id == "unverifiable")].rating)
    assert not as_ledger_row.has_card
    with pytest.raises(DataError, match=r"findings\.csv, row 2, field 'claim_id'.*ledger row"):
        load_findings({**verdicts, first: as_ledger_row})


def test_a_shortfall_is_only_for_an_unverifiable_claim_and_is_given_in_both_languages(tmp_path, monkeypatch):
    """A weakness short of a rating belongs to an unverifiable claim: a claim found wanting says so
    in `problem`, and a confirmed one has none. The error names the file, row and field."""
    from factcheck.data import DataError

    verdicts = load_verdict_records()
    findings = load_findings(verdicts)
    weak = next(f for f in findings if f.shortfall)
    assert verdicts[weak.claim_id].rating.id == "unverifiable"
    confirmed = next(claim for claim, record in verdicts.items() if record.rating.id == "corroborated")
    with pytest.raises(DataError, match=r"findings\.csv, row \d+, field 'shortfall'.*rated corroborated"):
        load_findings({**verdicts, weak.claim_id: verdicts[confirmed]})
    # An unverifiable claim whose checks show no unstated basis and no missing measure has no shortfall:
    # "below the national rate" on a check recorded as not comparable does not carry the flag.
    plain = verdicts["s2-inclusive-coverage"]
    assert plain.rating.id == "unverifiable"
    assert not {check.outcome for check in plain.checks} & {"unstated", "no-measure"}
    with pytest.raises(DataError, match=r"field 'shortfall'.*records unstated or no-measure"):
        load_findings({**verdicts, weak.claim_id: plain})
    rows = list(csv.DictReader((DATA_DIR / "findings.csv").open(encoding="utf-8", newline="")))
    rows[[r["claim_id"] for r in rows].index(weak.claim_id)]["shortfall_zh"] = ""
    copy = tmp_path / "findings.csv"
    with copy.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    from factcheck.data import findings as module
    real = module.load_resource
    monkeypatch.setattr(module, "load_resource", lambda name: real(name, copy))
    with pytest.raises(DataError, match=r"row \d+, field 'shortfall_zh'.*the Chinese of 'shortfall'"):
        load_findings()
