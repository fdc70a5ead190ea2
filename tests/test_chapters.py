"""The chapters: every claim in exactly one, in the article's order, with no untraced number in the prose."""
import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from factcheck import PROJECT_ROOT
from factcheck.data.mentions import extract_mentions
from factcheck.data.derived import load_derived
from factcheck.data.parts import SOURCE_PAGE, chapter_pages, parts_on_page
from factcheck.data.references import load_reference_figures
from factcheck.data.registry import load_claims
from prose_numbers import is_traced, without_dates

NOTEBOOKS = PROJECT_ROOT / "notebooks"
# Chapter notebook -> the parts it judges, in article order (from the book's own map).
CHAPTER_PARTS = {page.removeprefix("notebooks/"): parts_on_page(page) for page in chapter_pages()}
VEGALITE = "application/vnd.vegalite.v5+json"
VERDICT_CALL = re.compile(r"""chapter\.verdict\(\s*["']([a-z0-9-]+)["']""")


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
                for claim_id in VERDICT_CALL.findall(_source(cell)):
                    calls[claim_id] += 1
                    where[claim_id] = name
    claims = load_claims()
    assert sorted(calls) == sorted(claims["claim_id"])
    assert [c for c, n in calls.items() if n != 1] == []
    for claim in claims.itertuples():
        assert claim.part in CHAPTER_PARTS[where[claim.claim_id]], claim.claim_id


def test_the_table_of_contents_lists_the_chapters_in_the_articles_order():
    toc = yaml.safe_load((PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [entry["file"] for part in toc["parts"] for entry in part["chapters"]]
    chapters = [f for f in files if f.startswith("notebooks/")]
    assert chapters == ["notebooks/01_source_and_claims"] + [f"notebooks/{n}" for n in CHAPTER_PARTS]
    for entry in files:
        assert (PROJECT_ROOT / entry).with_suffix(".ipynb").exists() or \
            (PROJECT_ROOT / entry).with_suffix(".md").exists(), entry


@pytest.mark.parametrize("name", list(CHAPTER_PARTS))
def test_each_chapter_has_charts_with_descriptions_and_tables(name):
    """Read from the stored outputs, so a chart drawn by a helper counts as one written by hand."""
    outputs = [o for c in _cells(name) if c["cell_type"] == "code" for o in c["outputs"]]
    specs = [o["data"][VEGALITE] for o in outputs if VEGALITE in o.get("data", {})]
    assert len(specs) >= 2, f"{name} has {len(specs)} charts"
    for spec in specs:
        assert spec.get("description") and spec.get("title"), str(spec)[:80]
    tables = [o for o in outputs if "factcheck-table" in "".join(o.get("data", {}).get("text/html", ""))]
    assert len(tables) >= len(specs)


def _allowed_numbers():
    values = {Decimal(str(v)) for v in load_claims()["value"].dropna()}
    for named in load_derived().values():
        values |= set(named.values())
    references = load_reference_figures()
    values |= {Decimal(str(v)) for v in references["value"].dropna()}
    for quote in references["quote"]:
        values |= {m.value for m in extract_mentions(quote)}
    return values


@pytest.mark.parametrize("name", ["01_source_and_claims", *CHAPTER_PARTS])
def test_numbers_in_the_prose_are_traced_to_data(name):
    """A number written in a chapter's prose must be a claim's, a reference's or a derived value."""
    allowed = _allowed_numbers()
    for cell in _cells(name):
        if cell["cell_type"] != "markdown":
            continue
        text = re.sub(r"`[^`]*`", " ", _source(cell))                 # code spans
        text = re.sub(r"\(\d{4}[—–-]\d{4}\)", " ", text)
        text = without_dates(text)
        text = re.sub(r"(?i)\b(?:section|sections|part|chapter)s? \d( and \d)?", " ", text)
        for token in re.findall(r"(?<![\w.-])\d[\d,]*(?:\.\d+)?", text):
            number = Decimal(token.replace(",", ""))
            if number <= 10 and "." not in token or 1990 <= number <= 2030:
                continue  # counting words and years
            assert is_traced(token, allowed), \
                f"{name}: {token} in the prose is not a registered, referenced or derived number"


def test_the_readme_lists_the_chapters_of_the_table_of_parts_in_order():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `(notebooks/\d\d_[a-z0-9_]+)` \|", readme, re.M)
    assert listed == [SOURCE_PAGE, *chapter_pages()]
