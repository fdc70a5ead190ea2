"""What the published book says about each claim, built from data/ alone.

- `claims_document()` is `_build/html/claims.json`: every claim with its verdict,
  derived values, graded references and its place in the book;
- `claim_review()` is the schema.org ClaimReview for one claim, which the book
  puts on the claim's chapter page as JSON-LD.

The article's details come from data/datapackage.json, the book's from _config.yml.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import yaml

from .. import PROJECT_ROOT
from ..data import decision
from ..data.dataset import load_dataset
from ..data.findings import load_findings
from ..data.parts import claim_anchor, claim_path, load_parts, source_path
from ..data.references import load_grades
from ..data.source import ARTICLE
from ..data.tables import is_missing
from ..data.verdicts import Verdict, load_ratings
from ..render.i18n import gettext_zh

# ClaimReview's numeric rating: stronger support, higher number. Unverifiable has none.
# ClaimReview's ratingValue: a rating's place on the published scale (data/scale/ratings.csv),
# counted from the bottom, one number per rating. "Unverifiable" is off the scale (it finds
# nothing either way) and has no value.
UNRATED = "unverifiable"
# The longest claimReviewed that Google's fact-check markup guidelines recommend.
CLAIM_REVIEWED_LIMIT = 75


def rating_values() -> dict[str, int]:
    """Each rating with a value, from the scale's order: the strongest support is the highest."""
    rated = [rating for rating in load_ratings() if rating != UNRATED]
    return {rating: len(rated) - place for place, rating in enumerate(rated)}


def short_quote(quote: str, limit: int = CLAIM_REVIEWED_LIMIT) -> str:
    """The quote, or, when longer than `limit`, its opening clauses up to a comma and an ellipsis
    (……) that says it was cut."""
    if len(quote) <= limit:
        return quote
    head = quote[:limit - 2]
    cut = max(head.rfind(mark) for mark in "，、；：")
    return (head[:cut] if cut > 0 else head) + "……"


@lru_cache(maxsize=1)
def book_metadata() -> dict:
    """The book's title and author, as _config.yml gives them."""
    config = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    return {"title": config["title"], "author": config["author"]}


def json_number(value):
    """A table value as a JSON number (an int where it is whole), or null."""
    if is_missing(value):
        return None
    number = Decimal(str(value))
    return int(number) if number == number.to_integral_value() else float(number)


def json_text(value):
    """A table cell as JSON text: empty cells (None, NaN or "") become null."""
    return None if is_missing(value) or value == "" else value


def _reference_entry(figure: dict) -> dict:
    return {
        "id": figure["figure_id"], "subject": figure["subject"], "geography": figure["geography"],
        "period": figure["period"], "figure": json_text(figure["figure"]),
        "value": json_number(figure["value"]), "unit": figure["unit"], "quote": figure["quote"],
        "gloss": figure["gloss"],
        "url": figure["url"], "grade": figure["grade"],
        "title": json_text(figure["title"]), "title_en": json_text(figure["title_en"]),
        "title_zh": json_text(figure["title_zh"]),
        "described_as": json_text(figure["described_as"]),
        "publisher": figure["publisher"], "published": json_text(figure["published"]),
    }


def _check_entry(check: decision.Check) -> dict:
    return {"step": check.step, "check": check.kind, "outcome": check.outcome, "scope": check.scope,
            "grade": check.grade,
            "references": list(check.references), "derived": list(check.derived),
            "fails_if": json_text(check.fails_if), "reason": json_text(check.reason)}


def _claim_entry(claim: dict, verdict: Verdict, references: dict[str, dict], base_url: str,
                 date_published: str) -> dict:
    return {
        "id": claim["claim_id"],
        "part": claim["part"],
        "part_title": load_parts()[claim["part"]].title,
        "kind": claim["kind"],
        "subject": claim["subject"],
        "subject_zh": claim["subject_zh"],
        "period": claim["period"],
        "period_basis": claim["period_basis"],
        "period_note": json_text(claim["period_note"]),
        "quote": claim["quote"],
        "english": claim["english"],
        "figure": json_text(claim["figure"]),
        "value": json_number(claim["value"]),
        "unit": json_text(claim["unit"]),
        "approximate": bool(claim["approximate"]),
        "verdict": verdict.rating.id,
        "verdict_name": verdict.rating.name,
        "verdict_name_zh": verdict.rating.name_zh,
        "conclusion": verdict.conclusion,
        "conclusion_zh": verdict.conclusion_zh,
        "date_modified": verdict.corrections[-1].date if verdict.corrections else json_text(date_published),
        "rationale": verdict.rationale,
        "rationale_zh": verdict.rationale_zh,
        "rule": verdict.rule.number,
        "importance": verdict.importance,
        "unverifiable_kind": verdict.unverifiable_kind,
        "checks": [_check_entry(check) for check in verdict.checks],
        "corrections": [{"date": c.date, "previous_rating": c.previous.id, "new_rating": c.new.id,
                         "reason": c.reason} for c in verdict.corrections],
        "derived": {name: json_number(value) for name, value in verdict.derived.items()},
        "would_settle": json_text(verdict.would_settle),
        "would_settle_zh": json_text(verdict.would_settle_zh),
        "references": [_reference_entry(references[ref]) for ref in verdict.references],
        "url": base_url + claim_path(claim["claim_id"], claim["part"]),
        "source_url": base_url + source_path(claim["claim_id"]),
    }


def claims_document(base_url: str = "", *, date_published: str = "") -> dict:
    """Every claim with its verdict. A claim's `date_modified` is its latest correction's
    date, else `date_published` (when the verdicts last changed)."""
    data = load_dataset()
    source, figures, claims, verdicts = data.source, data.references, data.claims, data.verdicts
    references = {figure["figure_id"]: figure for figure in figures.to_dict("records")}
    claims_by_id = {claim["claim_id"]: claim for claim in claims.to_dict("records")}
    return {
        "title": book_metadata()["title"],
        "article": {"headline": ARTICLE["headline"], "author": ARTICLE["author"],
                    "year": ARTICLE["published"], "published_earliest": ARTICLE["published_earliest"],
                    "published_basis": ARTICLE["published_basis"], "sha256": source.raw_sha256},
        "verdict_scale": [{"id": r.id, "name": r.name, "meaning": r.meaning, "name_zh": r.name_zh,
                           "meaning_zh": r.meaning_zh} for r in load_ratings().values()],
        "decision_table": decision.table(),
        "unverifiable_kinds": decision.UNVERIFIABLE_KINDS,
        "grades": {grade.id: grade.meaning for grade in load_grades().values()},
        "findings": [{"rank": f.rank, "claim_id": f.claim_id, "rating": verdicts[f.claim_id].rating.id,
                      "finding": f.finding, "finding_zh": f.finding_zh,
                      "shortfall": f.shortfall, "shortfall_zh": f.shortfall_zh,
                      "url": base_url + claim_path(f.claim_id, claims_by_id[f.claim_id]["part"])}
                     for f in load_findings()],
        "claims": [_claim_entry(claim, verdicts[claim["claim_id"]], references, base_url, date_published)
                   for claim in claims.sort_values("start").to_dict("records")],
    }


def claim_review(claim: dict, page_url: str, date_published: str, *, chinese: bool = False,
                 edition_base: str = "", book_url: str = "") -> dict:
    """schema.org ClaimReview for one entry of claims_document(), in the page's language.
    `edition_base` is the edition's address (the claim's place in the article view is there),
    `book_url` the book's own, which names the reviewing organisation."""
    name = claim["verdict_name_zh"] if chinese else claim["verdict_name"]
    rating = {"@type": "Rating", "name": name, "alternateName": name}
    values = rating_values()
    if claim["verdict"] in values:
        rating.update(ratingValue=values[claim["verdict"]], bestRating=max(values.values()),
                      worstRating=min(values.values()))
    article = {"@type": "CreativeWork", "headline": ARTICLE["headline"],
               "datePublished": ARTICLE["published"], "inLanguage": ARTICLE["language"]}
    source_url = edition_base + source_path(claim["id"]) if edition_base else claim["source_url"]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{page_url}#{claim_anchor(claim['id'])}",
        "claimReviewed": short_quote(claim["quote"]),
        "author": {"@type": "Organization", "url": book_url,
                   "name": gettext_zh(book_metadata()["author"]) if chinese else book_metadata()["author"]},
        "datePublished": date_published,
        "dateModified": claim["date_modified"] or date_published,
        "reviewRating": rating,
        "reviewBody": claim["conclusion_zh"] if chinese else claim["conclusion"],
        "inLanguage": "zh-Hans" if chinese else "en",
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": ARTICLE["author"]},
            "datePublished": ARTICLE["published"],
            # The article as it first ran (no address of it is known), and where the claim
            # appears in the book's copy of it.
            "firstAppearance": article,
            "appearance": {**article, "url": source_url},
        },
    }
