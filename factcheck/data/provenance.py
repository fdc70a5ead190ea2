"""What the article is and who stands behind it (data/provenance.csv).

Each fact rests on an exact quote of the article: the masthead note that lists the dailies
the page ran in and the photo credit. The number of dailies is counted from the
quote (one 《title》 each), never typed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import DataError
from .source import Source, load_source
from .tables import display_path, load_resource

NEWSPAPER_TITLE = re.compile(r"《[^》]+》")


@dataclass(frozen=True)
class ProvenanceFact:
    fact_id: str
    quote: str
    statement: str       # English; {n} is the number of dailies, counted from the quote
    statement_zh: str


def dailies(fact: ProvenanceFact) -> int:
    """How many newspapers the quote names."""
    return len(NEWSPAPER_TITLE.findall(fact.quote))


def load_provenance(source: Source | None = None) -> dict[str, ProvenanceFact]:
    """The facts by id, each quote found in the article."""
    source = source or load_source()
    rows, path = load_resource("provenance")
    facts = {}
    for row in rows:
        if row["quote"] not in source.raw:
            raise DataError(display_path(path), row["_row"], "quote", "not found in the article's text")
        fact = ProvenanceFact(row["fact_id"], row["quote"], row["statement"], row["statement_zh"])
        for field in ("statement", "statement_zh"):
            if "{n}" in getattr(fact, field) and not dailies(fact):
                raise DataError(display_path(path), row["_row"], field,
                                "{n} (the number of dailies) needs a quote that names them, "
                                "each in 《》")
        facts[fact.fact_id] = fact
    return facts
