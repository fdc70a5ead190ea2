"""The whole checked dataset, loaded once: what the chapters, the book and claims.json read.

Every table of data/ is read and checked by its own loader (registry, references, verdicts);
`load_dataset` runs them once, in order, each reading what the one before loaded, and keeps
the result. A process that builds the book or runs a chapter reads data/ once.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .parts import PartEntry, load_parts
from .references import load_reference_figures
from .registry import load_claims
from .source import Source, load_source
from .verdicts import Verdict, load_checks, load_verdict_records, load_verdicts


@dataclass(frozen=True)
class Dataset:
    source: Source
    parts: dict[str, PartEntry]
    claims: pd.DataFrame            # one row a claim, in the registry's order
    references: pd.DataFrame        # one row a reference figure, joined to its source
    verdict_table: pd.DataFrame     # one row a verdict, for tables and charts
    verdicts: dict[str, Verdict]    # the same verdicts as typed records, by claim id


@lru_cache(maxsize=1)
def load_dataset() -> Dataset:
    source = load_source()
    claims = load_claims(source)
    references = load_reference_figures()
    checks = load_checks(references)
    table = load_verdicts(source, claims=claims, references=references, checks=checks)
    records = load_verdict_records(source, claims=claims, references=references, checks=checks, table=table)
    return Dataset(source, load_parts(), claims, references, table, records)
