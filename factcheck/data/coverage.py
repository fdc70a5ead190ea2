"""Accounting for every numeric mention in the article.

A mention is accounted for when a claim's quote contains it and the claim
names it, as its figure or inside its period (the 2023 of 2023年以来), or
when data/mention_exclusions.csv lists it with a reason.
"""
from __future__ import annotations

import pandas as pd

from .mentions import extract_mentions
from .source import Source


def _claims_naming(mention, claims: pd.DataFrame) -> list[str]:
    inside = claims[(claims["start"] <= mention.start) & (mention.end <= claims["end"])]
    return [
        row.claim_id
        for row in inside.itertuples()
        if row.figure == mention.text or (row.period and mention.text in row.period)
    ]


def _exclusion_for(mention, exclusions: pd.DataFrame, text: str):
    for row in exclusions.itertuples():
        if row.mention != mention.text:
            continue
        offset = row.context.find(row.mention)
        while offset != -1:
            start = mention.start - offset
            if text[start : start + len(row.context)] == row.context:
                return row
            offset = row.context.find(row.mention, offset + 1)
    return None


def account_for_mentions(source: Source, claims: pd.DataFrame,
                         exclusions: pd.DataFrame) -> pd.DataFrame:
    """One row per numeric mention: where it is and what accounts for it."""
    rows, used_exclusions = [], set()
    for mention in extract_mentions(source.text):
        claim_ids = _claims_naming(mention, claims)
        exclusion = None if claim_ids else _exclusion_for(mention, exclusions, source.text)
        if exclusion is not None:
            used_exclusions.add(exclusion.Index)
        rows.append({
            "mention": mention.text,
            "part": source.part_of(mention.start),
            "start": mention.start,
            "raw_start": source.to_raw(mention.start),
            "status": "claim" if claim_ids else "excluded" if exclusion is not None else "unaccounted",
            "claim_ids": ";".join(claim_ids),
            "reason": exclusion.reason if exclusion is not None else "",
        })
    report = pd.DataFrame(rows)
    report.attrs["unused_exclusions"] = [
        row.mention + " @ " + row.context
        for row in exclusions.itertuples() if row.Index not in used_exclusions
    ]
    return report
