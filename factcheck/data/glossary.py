"""The bilingual glossary (data/glossary.csv): the terms the book relies on, in English and Chinese.

Official indicators are defined as the Ministry of Education and the National Bureau of
Statistics define them; a term whose official definition a cited page gives names that
source. The seven ratings are terms too: :func:`load_glossary` adds them from the scale
(factcheck/data/verdicts.py), their one home, so the CSV does not repeat them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import DataError
from .tables import display_path, load_resource
from .verdicts import load_ratings


@dataclass(frozen=True)
class GlossaryTerm:
    term_id: str
    term: str                 # English
    term_zh: str              # simplified Chinese
    definition: str
    definition_zh: str
    source_id: str | None     # a row of reference/sources.csv, or None


def load_glossary(path: Path | None = None) -> list[GlossaryTerm]:
    """The glossary's terms in file order, then the scale's seven ratings in its order;
    `path` reads another copy of the file (tests).

    The loader refuses a repeated term id, an empty or untranslated cell, a Chinese text
    whose numbers differ from its English, and a source that is not in reference/sources.csv.
    """
    rows, glossary_path = load_resource("glossary", path)
    for row in rows:
        if row["term_id"] in load_ratings():
            raise DataError(display_path(glossary_path), row["_row"], "term_id",
                            f"{row['term_id']!r} is a rating: the scale in factcheck/data/verdicts.py "
                            "defines it, and the glossary takes it from there")
    terms = [GlossaryTerm(row["term_id"], row["term"], row["term_zh"], row["definition"],
                          row["definition_zh"], row["source_id"]) for row in rows]
    return terms + [GlossaryTerm(rating.id, rating.name, rating.name_zh, rating.meaning,
                                 rating.meaning_zh, None) for rating in load_ratings().values()]
