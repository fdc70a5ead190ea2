"""Tracing the numbers written in prose back to the data.

A chapter's prose and a verdict's rationale may only write numbers that are a
claim's value, a reference's figure or a computed derived value, rounded to the
places written. The tests of both use these two helpers.
"""
from __future__ import annotations

import re
from decimal import Decimal

from factcheck.data.translation import MONTHS

_DATE = re.compile(rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b")


def without_dates(text: str) -> str:
    """The text with dates such as '13 September 2024' blanked: their numbers are not quantities."""
    return _DATE.sub(" ", text)


SCALES = {"million": Decimal(10) ** 6, "billion": Decimal(10) ** 9}
# A number as written, with its scale word if one follows ("2.5 million").
NUMBER = re.compile(r"(?<![\w.-])\d[\d,]*(?:\.\d+)?(?: (?:million|billion)\b)?")


def number_tokens(text: str) -> list[str]:
    """The numbers written in `text`, dates left out."""
    return NUMBER.findall(without_dates(text))


def is_traced(token: str, values: set[Decimal]) -> bool:
    """Whether a number as written ('3.6', '1,234', '2.5 million') is one of `values`
    rounded to its places."""
    number, _, word = token.replace(",", "").partition(" ")
    scale = SCALES[word] if word else Decimal(1)
    places = len(number.split(".")[1]) if "." in number else 0
    quantum = Decimal(1).scaleb(-places)
    return any((value / scale).quantize(quantum) == Decimal(number) for value in values)


# --- A chapter's prose, traced against that chapter's own data ------------------

def _strings(arguments: str) -> list[str]:
    return re.findall(r"""["']([A-Za-z0-9_-]+)["']""", arguments)


def _calls(code: str, method: str) -> list[str]:
    """The literal string arguments of every `chapter.<method>(...)` call in `code`."""
    pattern = re.compile(rf"\bchapter\.{method}\(([^)]*)\)")
    return [name for match in pattern.finditer(code) for name in _strings(match.group(1))]


def sections(cells: list[dict]) -> list[list[dict]]:
    """The cells cut at every level-2 heading (a markdown cell that starts with '## ')."""
    cut: list[list[dict]] = [[]]
    for cell in cells:
        if cell["cell_type"] == "markdown" and "".join(cell["source"]).startswith("## "):
            cut.append([])
        cut[-1].append(cell)
    return [section for section in cut if section]


def paragraphs(cells: list[dict]) -> list[dict]:
    """The markdown cells' paragraphs and list items, each as a markdown cell of its own."""
    pieces = []
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for piece in re.split(r"\n\s*\n|\n(?=[*-] )", "".join(cell["source"])):
                pieces.append({"cell_type": "markdown", "source": [piece]})
    return pieces


def claims_shown(cells: list[dict]) -> set[str]:
    """Claims whose box or verdict the cells show: chapter.claim / chapter.verdict."""
    code = code_of(cells)
    return set(_calls(code, "claim")) | set(_calls(code, "verdict"))


def code_of(cells: list[dict]) -> str:
    return "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")


def references_named(cells: list[dict]) -> set[str]:
    """Reference figures the chapter's code names: chapter.reference / reference_row / sources."""
    code = code_of(cells)
    return {name for method in ("reference", "reference_row", "sources") for name in _calls(code, method)}


def claims_named(cells: list[dict]) -> set[str]:
    """Claims whose values the chapter's code reads with chapter.value("claim-id")."""
    return set(_calls(code_of(cells), "value"))


def prose_numbers(cells: list[dict]) -> list[str]:
    """Every number written in the markdown cells that must be traced, as written.

    Left out: code spans, year ranges such as (2003–2024), dates, section numbers
    (the article's "section 2", the chapter's own "## 11." headings), ordinals in names
    ("the 14th five-year plans"), counting words up to 10 and years 1990–2030. A number
    followed by "million" or "billion" is kept with that word, and traced at that scale.
    """
    tokens = []
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        text = re.sub(r"`[^`]*`", " ", "".join(cell["source"]))
        text = re.sub(r"\(\d{4}[—–-]\d{4}\)", " ", text)
        text = without_dates(text)
        text = re.sub(r"(?i)\b(?:section|sections|part|chapter)s? \d( and \d)?", " ", text)
        text = re.sub(r"(?m)^(#{1,6}\s+)\d+\.", r"\1", text)
        text = re.sub(r"\b\d+(?:st|nd|rd|th)\b", " ", text)
        for token in NUMBER.findall(text):
            number = Decimal(token.split(" ")[0].replace(",", ""))
            if number <= 10 and "." not in token or 1990 <= number <= 2030:
                continue
            tokens.append(token)
    return tokens


def untraced(cells: list[dict], allowed: set[Decimal]) -> list[str]:
    """The prose numbers of `cells` that are none of `allowed`, rounded to the places written."""
    return [token for token in prose_numbers(cells) if not is_traced(token, allowed)]


# Claims a chapter's sections may cite without reading them in their code: chapter page ->
# claim ids (their values and derived values). The reader of this file sees every
# cross-reference that is not a chapter.value() call in the section itself.
CROSS_REFERENCES: dict[str, tuple[str, ...]] = {
    # The reform rate's section tests it against the training section's implied 344 schools.
    "notebooks/03_s1_party_leadership": ("s1-training-coverage",),
    # The pairing section names the 32 master-teacher studios of the teachers' section.
    "notebooks/05_s3_balanced_development": ("s3-master-studios",),
}
