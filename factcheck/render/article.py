"""The article by part, every claim's quote highlighted, anchored and linked to its verdict.

The text is cut into segments where a highlight starts or stops or a claim
begins; templates/article.html draws each segment, with the markers of the
claims that begin there.
"""
from __future__ import annotations

import pandas as pd

from ..data.parts import claim_path, link_from_chapter, load_parts, source_anchor
from ..data.registry import load_claims
from ..data.source import Source, Span, load_source
from ..data.verdicts import load_ratings, load_verdicts
from .blocks import HTMLBlock, render_block


def _segments(span: Span, text: str, covered: list[int], starts: dict[int, list[dict]]) -> list[dict]:
    cuts = sorted({span.start, span.end}
                  | {offset for offset in starts if span.start <= offset < span.end}
                  | {offset for offset in range(span.start + 1, span.end)
                     if bool(covered[offset]) != bool(covered[offset - 1])})
    return [{"anchors": starts.get(start, []), "covered": bool(covered[start]), "text": text[start:end]}
            for start, end in zip(cuts, cuts[1:], strict=False)]


def article_html(source: Source | None = None, claims: pd.DataFrame | None = None,
                 verdicts: pd.DataFrame | None = None, link_prefix: str = "") -> HTMLBlock:
    """The whole article, highlighted, in an English and a Chinese frame (the text is the
    article's own Chinese in both)."""
    source = source or load_source()
    claims = load_claims(source) if claims is None else claims
    verdicts = load_verdicts(source, claims=claims) if verdicts is None else verdicts
    judged = claims.merge(verdicts[["claim_id", "verdict"]], on="claim_id").sort_values("start")
    covered = [0] * (len(source.text) + 1)
    starts: dict[int, list[dict]] = {}
    for number, row in enumerate(judged.itertuples(), start=1):
        for offset in range(row.start, row.end):
            covered[offset] += 1
        starts.setdefault(row.start, []).append({
            "claim_id": row.claim_id, "number": number, "anchor": source_anchor(row.claim_id),
            "href": link_prefix + link_from_chapter(claim_path(row.claim_id, row.part)),
            "rating": load_ratings()[row.verdict].name, "rating_zh": load_ratings()[row.verdict].name_zh,
            "subject": row.subject, "subject_zh": row.subject_zh,
        })
    entries = load_parts()
    parts = [{"id": part.id, "title": part.title, "title_zh": entries[part.id].title_zh,
              "short_title": entries[part.id].short_title, "short_title_zh": entries[part.id].short_title_zh,
              "paragraphs": [_segments(span, source.text, covered, starts) for span in part.spans]}
             for part in source.parts.values()]
    return render_block("article.html", parts=parts)
