"""The chapters: every claim in exactly one, in the article's order, with no untraced number in the prose."""
import copy
import csv
import functools
import json
import re
from collections import Counter
from decimal import Decimal

import pytest
import yaml

from chart_specs import (
    chart_problems,
    charts_and_tables,
    charts_in,
    data_tables_in,
    drawn_values,
    not_written,
    numbers_in,
)
from factcheck import PROJECT_ROOT
from factcheck.data.derived import load_derived
from factcheck.data.mentions import extract_mentions
from factcheck.data.parts import SOURCE_PAGE, chapter_pages, parts_on_page
from factcheck.data.references import load_reference_figures
from factcheck.data.registry import load_claims
from factcheck.data.tables import is_missing
from factcheck.data.verdicts import load_verdict_records
from prose_numbers import (
    CROSS_REFERENCES,
    claims_named,
    claims_shown,
    is_traced,
    paragraphs,
    prose_numbers,
    references_named,
    sections,
    untraced,
)

NOTEBOOKS = PROJECT_ROOT / "notebooks"
# Chapter notebook -> the parts it judges, in article order (from the book's own map).
CHAPTER_PARTS = {page.removeprefix("notebooks/"): parts_on_page(page) for page in chapter_pages()}
VERDICT_CALL = re.compile(r"""chapter\.verdict\(\s*["']([a-z0-9-]+)["']""")
# A second claim of the same problem, whose verdict shares the first's card.
TOGETHER_WITH = re.compile(r"""together_with=["']([a-z0-9-]+)["']""")
# The figures of one sentence that share one card: the keys of the call's dict.
ONE_SENTENCE = re.compile(r"verdicts_of_one_sentence\(\{(.*?)\}\)", re.DOTALL)
ONE_SENTENCE_KEY = re.compile(r"""["']([a-z0-9-]+)["']\s*:\s*dict\(""")


def _cells(name):
    return json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]


def _source(cell):
    return "".join(cell["source"])


def test_every_claim_gets_its_verdict_in_exactly_one_chapter():
    calls = Counter()
    where = {}
    for name in CHAPTER_PARTS:
        for cell in _cells(name):
            if cell["cell_type"] == "code":
                source = _source(cell)
                one_sentence = [key for call in ONE_SENTENCE.findall(source)
                                for key in ONE_SENTENCE_KEY.findall(call)]
                for claim_id in VERDICT_CALL.findall(source) + TOGETHER_WITH.findall(source) + one_sentence:
                    calls[claim_id] += 1
                    where[claim_id] = name
    claims = load_claims()
    assert sorted(calls) == sorted(claims["claim_id"])
    assert [c for c, n in calls.items() if n != 1] == []
    for claim in claims.itertuples():
        assert claim.part in CHAPTER_PARTS[where[claim.claim_id]], claim.claim_id


@pytest.mark.parametrize("name", ["01_source_and_claims", *CHAPTER_PARTS])
def test_a_chapter_opens_with_its_question_and_then_what_it_found(name):
    """The chapter template: the title and the question, then the findings (the bottom line
    first), and only then the claims and their working."""
    first, second = (_source(cell) for cell in _cells(name)[:2])
    assert first.startswith("# ") and "**The question of this chapter:**" in first, first[:200]
    assert second.startswith(("## What we found\n", "## What this chapter established\n")), second[:200]
    assert second.count("\n* ") >= 2, "the findings are a list"


def test_the_table_of_contents_lists_the_chapters_in_the_articles_order():
    toc = yaml.safe_load((PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [entry["file"] for part in toc["parts"] for entry in part["chapters"]]
    chapters = [f for f in files if f.startswith("notebooks/")]
    assert chapters == ["notebooks/01_source_and_claims"] + [f"notebooks/{n}" for n in CHAPTER_PARTS]
    for entry in files:
        assert (PROJECT_ROOT / entry).with_suffix(".ipynb").exists() or \
            (PROJECT_ROOT / entry).with_suffix(".md").exists(), entry


@pytest.mark.parametrize("name", list(CHAPTER_PARTS))
def test_each_chapter_shows_complete_charts_each_with_its_table(name):
    """Read from the executed outputs stored in the notebook, as the book shows them."""
    cells = _cells(name)
    charts = charts_in(cells)
    # Each chapter draws its own evidence; the count of its verdicts is a sentence (below).
    assert len(charts) >= 1, f"{name} shows {len(charts)} charts"
    for index, spec in enumerate(charts):
        assert chart_problems(spec) == [], f"{name}: chart {index} ({spec.get('title')})"
    assert data_tables_in(cells) >= len(charts), f"{name}: fewer data tables than charts"


@pytest.mark.parametrize("name", list(CHAPTER_PARTS))
def test_each_chapter_ends_with_the_count_of_its_verdicts_as_a_sentence(name):
    """The sentence counts the chapter's claims and each rating's share of them, the commonest
    first, as data/verdicts.csv gives them: no chart of near-identical grey tiles."""
    html = [text for cell in _cells(name) if cell["cell_type"] == "code"
            for output in cell.get("outputs", []) for kind, text in output.get("data", {}).items()
            if kind == "text/html" and 'class="chapter-tally"' in "".join(text)]
    assert len(html) == 1, f"{name}: {len(html)} verdict counts"
    sentence = re.sub(r"<[^>]+>", "", "".join(html[0]))
    records = load_verdict_records()
    claims = load_claims()
    mine = claims[claims["part"].isin(CHAPTER_PARTS[name])]["claim_id"]
    expected = Counter(records[claim].rating.name for claim in mine)
    total = re.search(r"\((\d+) claims\)", sentence)
    assert total and int(total[1]) == len(mine), sentence
    said = {rating: int(count) for count, rating in
            re.findall(r"(\d+) ([^;.]+)", sentence.split(": ", 1)[1])}
    assert said == {rating[:1].lower() + rating[1:]: count for rating, count in expected.items()}, sentence
    assert list(said.values()) == sorted(said.values(), reverse=True), "the commonest first"


def _title_text(spec: dict) -> str:
    title = spec.get("title")
    parts = [title.get("text"), title.get("subtitle")] if isinstance(title, dict) else [title]
    return " ".join(" ".join(p) if isinstance(p, list) else str(p or "") for p in parts)


def values_not_shown(spec: dict, table_html: str) -> list[str]:
    """The values a chart draws that its description or its table does not give, each matched to
    a number of its own (a reference line, such as 100%, may be named in the title instead)."""
    values = drawn_values(spec)
    table = numbers_in(re.sub(r"<[^>]+>", " ", table_html)) + numbers_in(_title_text(spec))
    description = numbers_in(spec.get("description", ""))
    return ([f"{value} not in its table" for value in not_written(values, table)]
            + [f"{value} not in its description" for value in not_written(values, description)])


@pytest.mark.parametrize("name", ["01_source_and_claims", *CHAPTER_PARTS])
def test_every_value_a_chart_draws_is_in_its_description_and_its_table(name):
    """Read from the stored outputs: a bar drawn one higher than its table says is caught."""
    cells = _cells(name)
    pairs = charts_and_tables(cells)
    assert len(pairs) == len(charts_in(cells)), f"{name}: a chart without its table after it"
    drawn = 0
    for spec, table in pairs:
        drawn += len(drawn_values(spec))
        assert values_not_shown(spec, table) == [], f"{name}: {_title_text(spec)}"
    assert drawn > 0, f"{name}: no chart draws a value from its data"


def test_a_bar_drawn_one_higher_than_its_table_is_caught():
    spec, table = charts_and_tables(_cells("07_closing_and_captions"))[1]
    spec = copy.deepcopy(spec)
    assert values_not_shown(spec, table) == []
    rows = next(iter(spec["datasets"].values()))
    rows[0]["claims"] += 1
    assert any("not in its table" in problem for problem in values_not_shown(spec, table))


def _first_layered_chart():
    return next(spec for spec in charts_in(_cells("02_lead")) if "layer" in spec)


@pytest.mark.parametrize("mutation, problem", [
    (lambda spec: spec.pop("title"), "no title"),
    (lambda spec: spec.update(description=""), "no description"),
    (lambda spec: [spec["datasets"].update({name: []}) for name in spec["datasets"]], "view 0 has no data"),
    (lambda spec: [layer["encoding"]["x"].pop("title", None) for layer in spec["layer"]],
     "view 0: the x axis has no title"),
    (lambda spec: spec["layer"][0]["encoding"].update(
        tooltip=[{"field": "unverifiable_kind", "type": "nominal"}]),
     "view 0: a tooltip shows the column name 'unverifiable_kind'"),
], ids=["title", "description", "data", "axis-title", "tooltip-title"])
def test_a_chart_missing_a_part_is_reported(mutation, problem):
    spec = copy.deepcopy(_first_layered_chart())
    assert chart_problems(spec) == []
    mutation(spec)
    assert problem in chart_problems(spec)


@functools.cache
def _data():
    """Claims, derived values, reference figures (by id) and verdicts, read once: every section
    of every chapter is traced against them, and no test here changes data/."""
    return (load_claims(), load_derived(), load_reference_figures().set_index("figure_id"),
            load_verdict_records())


def _reference_numbers(figure_ids, references) -> set[Decimal]:
    values = set()
    for figure_id in figure_ids:
        row = references.loc[figure_id]
        if not is_missing(row["value"]):
            values.add(Decimal(str(row["value"])))
        values |= {m.value for m in extract_mentions(row["quote"])}
    return values


def chapter_numbers(page: str, cells: list[dict]) -> set[Decimal]:
    """The numbers a chapter's prose may write: its own claims' values and derived values,
    the references its verdicts cite or its code names, and the values of other claims it
    reads with chapter.value() or lists in CROSS_REFERENCES.

    The source chapter (01) shows the whole article, so it may write any claim's value or
    any number in a claim's quote. The closing chapter (07) follows the common rule: its
    scorecard's counts are code output, not prose.
    """
    claims, derived, references, verdicts = _data()
    if page == SOURCE_PAGE:
        values = {Decimal(str(v)) for v in claims["value"].dropna()}
        return values | {m.value for quote in claims["quote"] for m in extract_mentions(quote)}
    own = set(claims.loc[claims["part"].isin(parts_on_page(page)), "claim_id"])
    cited = claims_named(cells) | set(CROSS_REFERENCES.get(page, ()))
    values = {Decimal(str(v)) for v in claims.loc[claims["claim_id"].isin(own | cited), "value"].dropna()}
    for claim_id in own:
        values |= set(derived.get(claim_id, {}).values())
    figure_ids = references_named(cells) | {ref for c in own for ref in verdicts[c].references}
    return values | _reference_numbers(figure_ids, references)


def section_numbers(page: str, cells: list[dict]) -> set[Decimal]:
    """The numbers one section's prose may write: those of the claims it shows, their derived
    values and cited references, the references its code names and the claims it reads."""
    claims, derived, references, verdicts = _data()
    own = claims_shown(cells)
    cited = claims_named(cells) | set(CROSS_REFERENCES.get(page, ()))
    values = {Decimal(str(v)) for v in claims.loc[claims["claim_id"].isin(own | cited), "value"].dropna()}
    for claim_id in own | set(CROSS_REFERENCES.get(page, ())):
        values |= set(derived.get(claim_id, {}).values())
    figure_ids = references_named(cells) | {ref for c in own for ref in verdicts[c].references}
    # 100 is the whole of a percentage: "below 100%" needs no source.
    return values | _reference_numbers(figure_ids, references) | {Decimal(100)}


def untraced_in_chapter(page: str, cells: list[dict]) -> list[str]:
    """Each section (cut at '## ' headings) that shows claims is traced against its own data.

    The opening question may write any of the chapter's numbers. A later section that shows
    no claim (the summary) may too, but each of its paragraphs must draw on one section's
    data: a summary line cannot pair one section's figure with another's.
    """
    whole = chapter_numbers(page, cells)
    cut = sections(cells)
    scopes = [section_numbers(page, section) for section in cut if claims_shown(section)]
    found = []
    for number, section in enumerate(cut):
        if page == SOURCE_PAGE or (number == 0 and not claims_shown(section)):
            found += untraced(section, whole)
        elif claims_shown(section):
            found += untraced(section, section_numbers(page, section))
        else:
            for paragraph in paragraphs(section):
                outside = [untraced([paragraph], scope) for scope in scopes] or [prose_numbers([paragraph])]
                found += min(outside, key=len)
    return found


@pytest.mark.parametrize("page", [SOURCE_PAGE, *chapter_pages()], ids=lambda p: p.removeprefix("notebooks/"))
def test_numbers_in_the_prose_are_traced_to_the_chapters_own_data(page):
    """A number written in a chapter's prose must be one of its claims', references' or derived values."""
    assert untraced_in_chapter(page, _cells(page.removeprefix("notebooks/"))) == []


def _replaced(cells: list[dict], old: str, new: str) -> list[dict]:
    copy = json.loads(json.dumps(cells))
    for cell in copy:
        if cell["cell_type"] == "markdown":
            cell["source"] = [line.replace(old, new) for line in cell["source"]]
    assert copy != cells, f"{old!r} is not in the prose"
    return copy


def test_a_number_from_another_chapters_data_is_not_traced():
    # 802,251 is a figure of chapter 04's data; written in chapter 02 it traces to nothing there.
    lead = "notebooks/02_lead"
    other = "notebooks/04_s2_education_reform"
    assert is_traced("802,251", chapter_numbers(other, _cells(other.removeprefix("notebooks/"))))
    mutated = _replaced(_cells("02_lead"), "over 21 years", "over 802,251 years")
    assert untraced_in_chapter(lead, mutated) == ["802,251"]


def test_a_number_from_another_section_of_the_same_chapter_is_not_traced():
    # 1,813 is chapter 02's own figure (lead-tekong-2024), but not one of the population section's.
    mutated = _replaced(_cells("02_lead"), "over 21 years", "over 1,813 years")
    assert "1,813" in untraced_in_chapter("notebooks/02_lead", mutated)


def test_a_number_from_no_data_is_not_traced():
    mutated = _replaced(_cells("05_s3_balanced_development"), "1,455", "1,456")
    assert untraced_in_chapter("notebooks/05_s3_balanced_development", mutated) == ["1,456"]


def test_the_readme_lists_the_chapters_of_the_table_of_parts_in_order():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `(notebooks/\d\d_[a-z0-9_]+)` \|", readme, re.M)
    assert listed == [SOURCE_PAGE, *chapter_pages()]


REFERENCE_READ = re.compile(r"""chapter\.reference(?:_row)?\(\s*["']([a-z0-9_]+)["']""")
SOURCES_TABLE = re.compile(r"chapter\.sources\(([^)]*)\)")


@pytest.mark.parametrize("name", list(CHAPTER_PARTS))
def test_every_outside_figure_a_chapter_uses_is_cited_on_its_page(name):
    """A figure a chapter reads from data/reference (for a chart, a table or its prose) is cited
    where a reader can find it: by a check of one of the chapter's claims, so that a card or a
    list row lists its source, or in a table of sources on the page. A chart once drew national
    targets and grants whose sources no card listed (editor L3)."""
    code = "\n".join(_source(cell) for cell in _cells(name) if cell["cell_type"] == "code")
    used = set(REFERENCE_READ.findall(code))
    tabled = {figure for call in SOURCES_TABLE.findall(code)
              for figure in re.findall(r"""["']([a-z0-9_]+)["']""", call)}
    mine = set(load_claims().query("part in @CHAPTER_PARTS[@name]")["claim_id"])
    cited = set()
    with (PROJECT_ROOT / "data" / "checks.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["claim_id"] in mine:
                cited.update(filter(None, row["references"].split(";")))
    assert sorted(used - cited - tabled) == [], name
