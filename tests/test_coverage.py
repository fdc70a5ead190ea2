"""Every numeric mention in the article is a claim's figure or period, or excluded with a reason."""
import re

import pytest

from factcheck.data.coverage import account_for_mentions
from factcheck.data.registry import load_claims, load_exclusions
from factcheck.data.source import load_source


@pytest.fixture(scope="module")
def report():
    source = load_source()
    return account_for_mentions(source, load_claims(source), load_exclusions(source))


def test_every_numeric_mention_is_accounted_for(report):
    unaccounted = report[report["status"] == "unaccounted"]
    assert unaccounted.empty, "not tied to a claim nor excluded:\n" + unaccounted.to_string()


def _spans(report):
    return [(row.start, row.start + len(row.mention)) for row in report.itertuples()]


def test_each_row_of_the_report_is_the_text_at_its_offset(report):
    text = load_source().text
    assert [text[start:end] for start, end in _spans(report)] == list(report["mention"])


@pytest.mark.parametrize("pattern", [r"\d+", r"第[一二三四五六七八九十]+"],
                         ids=["arabic-digits", "chinese-ordinals"])
def test_every_number_in_the_article_is_in_exactly_one_row_of_the_report(report, pattern):
    """Read with a plain regex, independent of the extractor: every run of digits and
    every ordinal (第一) falls inside one reported mention, no fewer, no more."""
    spans = _spans(report)
    found = list(re.finditer(pattern, load_source().text))
    assert found, pattern
    for match in found:
        rows = [span for span in spans if span[0] <= match.start() and match.end() <= span[1]]
        assert len(rows) == 1, f"{match.group()!r} at {match.start()} is in {len(rows)} rows"


def test_no_exclusion_is_stale(report):
    assert report.attrs["unused_exclusions"] == []


def test_a_mention_inside_a_quote_but_not_named_by_it_is_not_accounted_for():
    # A long quote must not swallow the numbers it does not claim.
    source = load_source()
    claims = load_claims(source)
    claims = claims[claims["claim_id"] != "s2-funds-raised"]
    report = account_for_mentions(source, claims, load_exclusions(source))
    missing = report[report["status"] == "unaccounted"]
    assert list(missing["mention"]) == ["2023", "4.99亿"]  # its period and its figure
