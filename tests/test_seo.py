"""What search engines, link previews and fact-check tools read from the built book: every page
of both editions names itself as canonical, with reciprocal hreflang; a description and Open
Graph tags in its language; a sitemap of both editions; a valid front door; and ClaimReview
blocks that are complete, one-to-one on the scale, and agree with claims.json."""
import csv
import json
import re

import pytest
from bs4 import BeautifulSoup

from factcheck import PROJECT_ROOT
from factcheck.data.source import ARTICLE
from factcheck.data.verdicts import load_ratings

BASE = "https://chongzuo-fact-check.github.io/chongzuo-education-claims/"
EDITIONS = {"en": "", "zh": "zh/"}
LANGUAGE = {"en": ("en", "en_US"), "zh": ("zh-Hans", "zh_CN")}


def _pages(built_book, edition):
    root = built_book / EDITIONS[edition]
    return sorted(path.relative_to(root).as_posix() for folder in ("book", "notebooks")
                  for path in (root / folder).glob("*.html"))


def _head(built_book, edition, page):
    html = (built_book / EDITIONS[edition] / page).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def head_problems(soup, edition, page) -> list[str]:
    """What is wrong with one page's canonical, alternates, description and Open Graph tags."""
    found = []
    here = BASE + EDITIONS[edition] + page
    canonical = [link["href"] for link in soup.select('link[rel="canonical"]')]
    if canonical != [here]:
        found.append(f"canonical {canonical}, not the page itself {here}")
    links = soup.select('head link[rel="alternate"][hreflang]')
    alternates = {link["hreflang"]: link["href"] for link in links}
    expected = {"en": BASE + page, "zh-Hans": BASE + "zh/" + page, "x-default": BASE + page}
    if alternates != expected:
        found.append(f"hreflang {alternates}, expected {expected}")
    description = soup.select_one('meta[name="description"]')
    text = description["content"] if description else ""
    # Mostly Chinese characters, or mostly Latin letters (a quoted Chinese title is allowed in English).
    chinese = len(re.findall(r"[\u4e00-\u9fff]", text)) > len(re.findall(r"[A-Za-z]", text))
    if not text or chinese != (edition == "zh"):
        found.append(f"description {text[:40]!r} is missing or not in the edition's language")
    og = {tag["property"]: tag["content"] for tag in soup.select('meta[property^="og:"]')}
    if og.get("og:url") != here or og.get("og:locale") != LANGUAGE[edition][1] or not og.get("og:title"):
        found.append(f"Open Graph {og}")
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_names_itself_canonical_with_reciprocal_hreflang_and_a_description(built_book, edition):
    pages = _pages(built_book, edition)
    toc = (PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8")
    in_toc = re.findall(r"^\s*-?\s*(?:root|file):\s*(\S+)", toc, re.M)
    assert sorted(page.removesuffix(".html") for page in pages) == sorted(in_toc), "every page of the book"
    problems = {page: head_problems(_head(built_book, edition, page), edition, page) for page in pages}
    assert {page: found for page, found in problems.items() if found} == {}


def test_a_chinese_page_naming_the_english_page_canonical_is_found(built_book):
    page = "notebooks/04_s2_education_reform.html"
    soup = _head(built_book, "zh", page)
    soup.select_one('link[rel="canonical"]')["href"] = BASE + page
    assert any("canonical" in problem for problem in head_problems(soup, "zh", page))


def test_the_sitemap_lists_every_page_of_both_editions_and_robots_points_to_it(built_book):
    listed = re.findall(r"<loc>([^<]+)</loc>", (built_book / "sitemap.xml").read_text(encoding="utf-8"))
    expected = [BASE + EDITIONS[edition] + page
                for edition in EDITIONS for page in _pages(built_book, edition)]
    assert sorted(listed) == sorted(expected)
    assert f"Sitemap: {BASE}sitemap.xml" in (built_book / "robots.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_front_door_is_a_valid_page_with_a_title_and_a_canonical_link(built_book, edition):
    html = (built_book / EDITIONS[edition] / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert soup.title and soup.title.string.strip()
    assert soup.html["lang"] == LANGUAGE[edition][0]
    assert soup.select_one('link[rel="canonical"]')["href"] == BASE + EDITIONS[edition] + "book/intro.html"


def _reviews(built_book, edition):
    root = built_book / EDITIONS[edition]
    for path in sorted((root / "notebooks").glob("*.html")):
        for block in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select(
                'script[type="application/ld+json"]'):
            data = json.loads(block.string)
            yield from (data if isinstance(data, list) else [data])


def review_problems(review, claim, edition, built_book) -> list[str]:
    """What one ClaimReview lacks or gets wrong, against its entry in claims.json."""
    found = []
    ratings = load_ratings()
    rating = review["reviewRating"]
    name = ratings[claim["verdict"]].name_zh if edition == "zh" else ratings[claim["verdict"]].name
    if rating.get("name") != name:
        found.append(f"reviewRating.name {rating.get('name')!r}, not {name!r}")
    shown = review["claimReviewed"]
    if len(shown) > 75 or not claim["quote"].startswith(shown.rstrip("…")):
        found.append(f"claimReviewed {review['claimReviewed']!r}")
    if not review["author"].get("url") or review["inLanguage"] != LANGUAGE[edition][0]:
        found.append("author url or language")
    item = review["itemReviewed"]
    appearance, first = item.get("appearance", {}), item.get("firstAppearance", {})
    target = appearance.get("url", "").removeprefix(BASE).split("#")
    if len(target) != 2 or target[0] != EDITIONS[edition] + "notebooks/01_source_and_claims.html" \
            or f'id="{target[1]}"' not in (built_book / target[0]).read_text(encoding="utf-8"):
        found.append(f"appearance url {appearance.get('url')!r} does not resolve to the claim in the article")
    if first.get("headline") != ARTICLE["headline"] or item.get("datePublished") != ARTICLE["published"]:
        found.append("firstAppearance or the article's date")
    if claim["verdict"] == "unverifiable":
        if "ratingValue" in rating:
            found.append("an unverifiable claim has a ratingValue")
    elif not rating.get("worstRating", 0) <= rating.get("ratingValue", -1) <= rating.get("bestRating", -1):
        found.append(f"ratingValue {rating.get('ratingValue')!r} outside its range")
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_claim_review_block_is_complete_and_agrees_with_claims_json(built_book, edition):
    claims = {claim["id"]: claim for claim in
              json.loads((built_book / "claims.json").read_text(encoding="utf-8"))["claims"]}
    with (PROJECT_ROOT / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        registered = len(list(csv.DictReader(handle)))
    reviews = list(_reviews(built_book, edition))
    assert len(reviews) == len(claims) == registered, "one ClaimReview per claim, on its page"
    values: dict[str, set] = {}
    problems = []
    for review in reviews:
        claim = claims[review["url"].rsplit("#claim-", 1)[1]]
        problems += [f"{claim['id']}: {p}" for p in review_problems(review, claim, edition, built_book)]
        values.setdefault(review["reviewRating"].get("ratingValue"), set()).add(claim["verdict"])
    assert problems == []
    shared = {value: ratings for value, ratings in values.items() if len(ratings) > 1}
    assert shared == {}, f"a ratingValue stands for two ratings: {shared}"


def test_a_review_without_a_rating_name_or_with_a_long_claim_is_found(built_book):
    review = next(_reviews(built_book, "en"))
    document = json.loads((built_book / "claims.json").read_text(encoding="utf-8"))
    claims = {c["id"]: c for c in document["claims"]}
    claim = claims[review["url"].rsplit("#claim-", 1)[1]]
    assert review_problems(review, claim, "en", built_book) == []
    broken = {**review, "reviewRating": {k: v for k, v in review["reviewRating"].items() if k != "name"},
              "claimReviewed": "长" * 76}
    assert len(review_problems(broken, claim, "en", built_book)) == 2
