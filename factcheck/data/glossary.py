"""The bilingual glossary (data/glossary.csv): the terms the book relies on, in English and Chinese.

Official indicators are defined as the Ministry of Education and the National Bureau of
Statistics define them; a term whose official definition a cited page gives names that
source. The seven ratings are terms too, with the names and meanings of the scale
(factcheck/data/verdicts.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .tables import load_resource


@dataclass(frozen=True)
class GlossaryTerm:
    term_id: str
    term: str                 # English
    term_zh: str              # simplified Chinese
    definition: str
    definition_zh: str
    source_id: str | None     # a row of reference/sources.csv, or None


def load_glossary(path: Path | None = None) -> list[GlossaryTerm]:
    """The glossary in file order; `path` reads another copy of it (tests).

    The loader refuses a repeated term id, an empty or untranslated cell, a Chinese text
    whose numbers differ from its English, and a source that is not in reference/sources.csv.
    """
    rows, _ = load_resource("glossary", path)
    return [GlossaryTerm(row["term_id"], row["term"], row["term_zh"], row["definition"],
                         row["definition_zh"], row["source_id"]) for row in rows]
