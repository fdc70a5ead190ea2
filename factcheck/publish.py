"""What the published book says about each claim, built from data/ alone.

- `claims_document()` is `_build/html/claims.json`: every claim with its verdict,
  derived values, graded references and its place in the book;
- `claim_review()` is the schema.org ClaimReview for one claim, which the book
  puts on the claim's chapter page as JSON-LD;
- `article_html()` is the article with every claim highlighted, anchored and
  linked to its verdict, for the source chapter.
"""
from __future__ import annotations

import html
from decimal import Decimal

import pandas as pd

from .registry import is_missing, load_claims
from .source import PART_TITLES, Source, load_source
from .verdicts import GRADES, VERDICTS, load_reference_figures, load_verdicts, parse_derived

SOURCE_PAGE = "notebooks/01_source_and_claims"
CHAPTER_OF_PART = {
    "lead": "notebooks/02_lead",
    "s1": "notebooks/03_s1_party_leadership",
    "s2": "notebooks/04_s2_education_reform",
    "s3": "notebooks/05_s3_balanced_development",
    "s4": "notebooks/06_s4_services_and_support",
    "closing": "notebooks/07_closing_and_captions",
    "captions": "notebooks/07_closing_and_captions",
}
ARTICLE_HEADLINE = "实施教育优先发展战略 办好人民满意的教育——崇左市推动教育高质量发展综述"
ARTICLE_AUTHOR = "崇左市融媒体中心 (Chongzuo Media Centre): 陈文圣, 黄洁"
ARTICLE_YEAR = "2024"
PUBLISHER = "The Chongzuo fact-check project"
# ClaimReview's numeric rating: stronger support, higher number. Unverifiable has none.
RATING_VALUES = {"matches-official": 5, "corroborated": 4, "adds-up": 4,
                 "misleading": 2, "inconsistent": 2, "contradicted": 1}


def claim_anchor(claim_id: str) -> str:
    return f"claim-{claim_id}"


def source_anchor(claim_id: str) -> str:
    return f"source-{claim_id}"


def claim_path(claim_id: str, part: str) -> str:
    """The claim's place in the book, relative to the book's root."""
    return f"{CHAPTER_OF_PART[part]}.html#{claim_anchor(claim_id)}"


def source_path(claim_id: str) -> str:
    return f"{SOURCE_PAGE}.html#{source_anchor(claim_id)}"


def link_between_chapters(path: str) -> str:
    """A book-root path to a chapter, as a link from another chapter (all live in notebooks/)."""
    return path.split("/", 1)[1]


def _number(value):
    if is_missing(value):
        return None
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def _text(value):
    """A table cell as JSON text: empty cells (None or NaN) become null."""
    return None if is_missing(value) or value == "" else value


def _judged_claims(source: Source | None = None,
                   references: pd.DataFrame | None = None) -> pd.DataFrame:
    source = source or load_source()
    claims = load_claims(source)
    verdicts = load_verdicts(source, claims=claims, references=references)
    return claims.merge(verdicts, on="claim_id", how="left").sort_values("start")


def claims_document(base_url: str = "", source: Source | None = None) -> dict:
    source = source or load_source()
    figures = load_reference_figures()
    judged = _judged_claims(source, figures)
    references = figures.set_index("figure_id")
    entries = []
    for row in judged.itertuples():
        refs = []
        for ref in (row.references or "").split(";"):
            if not ref:
                continue
            fig = references.loc[ref]
            refs.append({
                "id": ref, "subject": fig["subject"], "geography": fig["geography"],
                "period": fig["period"], "figure": _text(fig["figure"]), "value": _number(fig["value"]),
                "unit": fig["unit"], "quote": fig["quote"], "url": fig["url"],
                "grade": fig["grade"], "title": fig["title"], "publisher": fig["publisher"],
                "published": _text(fig["published"]),
            })
        entries.append({
            "id": row.claim_id,
            "part": row.part,
            "part_title": PART_TITLES[row.part],
            "kind": row.kind,
            "subject": row.subject,
            "period": row.period,
            "quote": row.quote,
            "english": row.english,
            "figure": _text(row.figure),
            "value": _number(row.value),
            "unit": _text(row.unit),
            "approximate": bool(row.approximate),
            "verdict": row.verdict,
            "verdict_name": VERDICTS[row.verdict][0],
            "rationale": row.rationale,
            "checks": row.checks.split(";"),
            "derived": {k: _number(v) for k, v in parse_derived(row.derived).items()},
            "would_settle": _text(row.would_settle),
            "references": refs,
            "url": base_url + claim_path(row.claim_id, row.part),
            "source_url": base_url + source_path(row.claim_id),
        })
    return {
        "title": "Checking Chongzuo's education claims",
        "article": {"headline": ARTICLE_HEADLINE, "author": ARTICLE_AUTHOR, "year": ARTICLE_YEAR,
                    "sha256": source.raw_sha256},
        "verdict_scale": [{"id": k, "name": n, "meaning": m} for k, (n, m) in VERDICTS.items()],
        "grades": GRADES,
        "claims": entries,
    }


def claim_review(claim: dict, page_url: str, date_published: str) -> dict:
    """schema.org ClaimReview for one entry of claims_document()."""
    rating = {"@type": "Rating", "alternateName": claim["verdict_name"]}
    if claim["verdict"] in RATING_VALUES:
        rating.update(ratingValue=RATING_VALUES[claim["verdict"]], bestRating=5, worstRating=1)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{page_url}#{claim_anchor(claim['id'])}",
        "claimReviewed": claim["quote"],
        "author": {"@type": "Organization", "name": PUBLISHER},
        "datePublished": date_published,
        "reviewRating": rating,
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": ARTICLE_AUTHOR},
            "datePublished": ARTICLE_YEAR,
            "appearance": {"@type": "CreativeWork", "headline": ARTICLE_HEADLINE,
                           "datePublished": ARTICLE_YEAR, "inLanguage": "zh-Hans"},
        },
    }


def article_html(source: Source | None = None, link_prefix: str = "") -> str:
    """The article by part, every claim's quote highlighted, each with an anchor
    (#source-<id>) and a link to its verdict in its chapter."""
    source = source or load_source()
    judged = _judged_claims(source)
    judged["number"] = range(1, len(judged) + 1)
    covered = [0] * (len(source.text) + 1)
    starts: dict[int, list] = {}
    for row in judged.itertuples():
        for offset in range(row.start, row.end):
            covered[offset] += 1
        starts.setdefault(row.start, []).append(row)
    blocks = []
    for part in source.parts.values():
        paragraphs = []
        for span in part.spans:
            pieces, open_mark = [], False
            for offset in range(span.start, span.end):
                here = starts.get(offset, [])
                for index, row in enumerate(here):
                    separator = "," if index < len(here) - 1 else ""
                    if open_mark:
                        pieces.append("</mark>")
                        open_mark = False
                    name = VERDICTS[row.verdict][0]
                    pieces.append(
                        f'<a class="claim-link" id="{source_anchor(row.claim_id)}" '
                        f'href="{link_prefix}{link_between_chapters(claim_path(row.claim_id, row.part))}" '
                        f'title="{html.escape(row.claim_id)}: {html.escape(name)}" '
                        f'aria-label="Claim {row.number}, {html.escape(row.claim_id)}: {html.escape(name)}">'
                        f'<sup>{row.number}{separator}</sup></a>')
                if covered[offset] and not open_mark:
                    pieces.append('<mark class="claim-highlight">')
                    open_mark = True
                elif not covered[offset] and open_mark:
                    pieces.append("</mark>")
                    open_mark = False
                pieces.append(html.escape(source.text[offset]))
            if open_mark:
                pieces.append("</mark>")
            paragraphs.append(f"<p>{''.join(pieces)}</p>")
        blocks.append(f'<section class="article-part" lang="zh-Hans" id="part-{part.id}">\n'
                      f'<p lang="en"><strong>{html.escape(part.title)}</strong> <code>{part.id}</code></p>\n'
                      + "\n".join(paragraphs) + "\n</section>")
    return "\n".join(blocks)
