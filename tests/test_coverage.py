"""Every numeric mention in the article is a claim's figure or period, or excluded with a reason."""
import pytest

from factcheck.data.coverage import account_for_mentions
from factcheck.data.mentions import extract_mentions
from factcheck.data.registry import load_claims, load_exclusions
from factcheck.data.source import load_source


@pytest.fixture(scope="module")
def report():
    source = load_source()
    return account_for_mentions(source, load_claims(source), load_exclusions(source))


def test_every_numeric_mention_is_accounted_for(report):
    unaccounted = report[report["status"] == "unaccounted"]
    assert unaccounted.empty, "not tied to a claim nor excluded:\n" + unaccounted.to_string()


def test_the_report_lists_every_mention_the_extractor_finds(report):
    assert len(report) == len(extract_mentions(load_source().text))


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
