"""The verdict table: one verdict per claim, every external comparison graded, no untraced number."""
from decimal import Decimal

import pytest

from factcheck.data import DATA_DIR, DataError
from factcheck.data.derived import load_derived
from factcheck.data.mentions import extract_mentions
from factcheck.data.references import load_reference_figures, named_sources
from factcheck.data.registry import load_claims
from factcheck.data.source import load_source
from factcheck.data.verdicts import RATINGS, load_checks, load_verdicts
from prose_numbers import is_traced, number_tokens


@pytest.fixture(scope="module")
def claims():
    return load_claims()


@pytest.fixture(scope="module")
def verdicts():
    return load_verdicts()


@pytest.fixture(scope="module")
def references():
    return load_reference_figures()


def test_every_claim_has_exactly_one_verdict(claims, verdicts):
    assert sorted(verdicts["claim_id"]) == sorted(claims["claim_id"])


def test_the_scale_has_at_least_the_six_required_ratings():
    for needed in ("adds-up", "matches-official", "contradicted", "inconsistent", "misleading",
                   "unverifiable"):
        assert needed in RATINGS


def test_every_cited_figure_has_a_graded_source(verdicts, references):
    cited = {ref for refs in verdicts["references"] for ref in refs.split(";") if ref}
    graded = references.set_index("figure_id")
    for ref in cited:
        assert graded.loc[ref, "grade"] in ("official", "official-repost", "aggregator")
        assert graded.loc[ref, "url"].startswith("http")
        assert graded.loc[ref, "quote"]


def test_external_comparisons_cite_a_source_or_are_unverifiable(verdicts):
    external = verdicts[verdicts["checks"].str.contains("external")]
    for row in external.itertuples():
        assert row.references or row.verdict == "unverifiable", row.claim_id


def _numbers_in(text: str) -> list[str]:
    return [token.replace(",", "") for token in number_tokens(text)]


def test_every_number_in_a_rationale_or_a_check_is_traced(claims, verdicts, references):
    """A number in a rationale, or in the reason or failing condition of one of its checks,
    must be a claim's value, a computed derived value, a figure in a cited reference's quote,
    or a year: nothing typed from nowhere."""
    checks = load_checks(references)
    claim_values = {Decimal(str(v)) for v in claims["value"].dropna()}
    derived_values = {v for named in load_derived().values() for v in named.values()}
    by_id = references.set_index("figure_id")
    for row in verdicts.itertuples():
        allowed = claim_values | derived_values
        for ref in (row.references or "").split(";"):
            if ref:
                allowed |= {m.value for m in extract_mentions(by_id.loc[ref, "quote"])}
                if by_id.loc[ref, "value"] == by_id.loc[ref, "value"]:
                    allowed.add(Decimal(str(by_id.loc[ref, "value"])))
        texts = [row.rationale, row.conclusion] + [text for check in checks[row.claim_id]
                                   for text in (check.reason, check.fails_if)]
        for text in texts:
            for token in _numbers_in(text):
                number = token.split(" ")[0]
                if 1990 <= Decimal(number) <= 2030 and "." not in number and number == token:
                    continue  # a year
                assert is_traced(token, allowed), f"{row.claim_id}: {token} in {text!r} is not traced"


def test_a_verdict_for_an_unknown_claim_is_named(tmp_path):
    text = (DATA_DIR / "verdicts.csv").read_text(encoding="utf-8")
    path = tmp_path / "verdicts.csv"
    path.write_text(text.replace("\nlead-population,", "\nlead-populace,", 1), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_verdicts(load_source(), path)
    assert (error.value.row, error.value.field) == (2, "claim_id")


def test_an_unknown_verdict_is_named(tmp_path):
    text = (DATA_DIR / "verdicts.csv").read_text(encoding="utf-8")
    path = tmp_path / "verdicts.csv"
    mutated = text.replace("\nlead-population,unverifiable,", "\nlead-population,true-ish,", 1)
    assert mutated != text
    path.write_text(mutated, encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_verdicts(load_source(), path)
    assert (error.value.row, error.value.field) == (2, "rating")


def test_no_claim_id_stands_in_the_text_a_reader_reads():
    """Verdicts, checks, corrections and findings refer to another claim by what it says, never by
    its id: an id is an anchor for machines, not words for readers."""
    import csv
    import re

    from factcheck.data import DATA_DIR
    with (DATA_DIR / "claims.csv").open(encoding="utf-8") as handle:
        ids = {row["claim_id"] for row in csv.DictReader(handle)}
    pattern = re.compile("|".join(sorted(map(re.escape, ids), key=len, reverse=True)))
    texts = {"verdicts.csv": ("conclusion", "rationale", "would_settle"),
             "checks.csv": ("reason", "fails_if"), "corrections.csv": ("reason",),
             "findings.csv": ("finding",)}
    checked, found = 0, []
    for name, columns in texts.items():
        for row in csv.DictReader((DATA_DIR / name).open(encoding="utf-8")):
            for column in columns:
                for text in (row[column], row.get(f"{column}_zh", "")):
                    checked += 1
                    found += [(name, row["claim_id"], column, hit) for hit in pattern.findall(text or "")]
    assert checked > 1000, checked
    assert found == [], found


def test_a_cards_reasoning_never_restates_its_conclusion():
    """One text per level: "What we found" adds to the conclusion or is left out (the card then
    shows one line). Restating: one contains the other, or they share most of their text."""
    import csv
    import difflib

    from factcheck import DATA_DIR

    with (DATA_DIR / "verdicts.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    restated = [(row["claim_id"], suffix) for row in rows for suffix in ("", "_zh")
                if row["rationale" + suffix] and (
                    row["conclusion" + suffix] in row["rationale" + suffix]
                    or row["rationale" + suffix] in row["conclusion" + suffix]
                    or difflib.SequenceMatcher(None, row["conclusion" + suffix],
                                               row["rationale" + suffix]).ratio() > 0.75)]
    assert restated == []


def test_a_source_without_a_title_or_a_description_is_named(tmp_path):
    rows = (DATA_DIR / "reference" / "sources.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    assert header[1] == "title" and header[-2:] == ["described_as", "described_as_zh"]
    # The first source with a plain own title and no description: clear the title.
    number, row = next((n, row) for n, row in enumerate(rows[1:], start=2)
                       if '"' not in row and row.split(",")[1] and row.endswith(",,"))
    cells = row.split(",")
    cells[1] = ""
    rows[number - 1] = ",".join(cells)
    copy = tmp_path / "sources.csv"
    copy.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        named_sources(copy)
    assert f"row {number}, field 'title'" in str(error.value), error.value


@pytest.mark.parametrize("rendering", ["title_en", "title_zh"])
def test_a_source_title_without_its_rendering_in_the_other_language_is_refused_naming_its_row(
        tmp_path, rendering):
    """Each edition shows a title in the other language with its rendering (a Chinese title in
    English, any other in Chinese): a missing one is one clear error, naming the file, row and field."""
    import csv

    path = DATA_DIR / "reference" / "sources.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    number, row = next((n, row) for n, row in enumerate(rows, start=2) if row[rendering])
    row[rendering] = ""
    copy = tmp_path / "sources.csv"
    with copy.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataError) as error:
        named_sources(copy)
    assert f"row {number}, field '{rendering}'" in str(error.value), error.value
