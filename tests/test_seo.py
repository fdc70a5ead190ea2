"""What search engines, link previews and fact-check tools read from the built book: every page
of both editions names itself as canonical, with reciprocal hreflang; a description and Open
Graph tags in its language; the sitemaps of both editions; a front page that is the introduction
itself; and ClaimReview blocks that are complete, one-to-one on the scale, and agree with
claims.json and with the claim's card on the page."""
import csv
import json
import re
from copy import copy

import pytest
from bs4 import BeautifulSoup

from factcheck import PROJECT_ROOT
from factcheck.book.publish import book_metadata
from factcheck.data.parts import SOURCE_PAGE
from factcheck.data.source import ARTICLE
from factcheck.data.verdicts import load_ratings
from factcheck.render.i18n import gettext_zh

BASE = "https://chongzuo-fact-check.github.io/chongzuo-education-claims/"
EDITIONS = {"en": "", "zh": "zh/"}
LANGUAGE = {"en": ("en", "en_US"), "zh": ("zh-Hans", "zh_CN")}
# Pages that are not for search engines (noindex, in no sitemap).
NOT_INDEXED = ("genindex.html", "search.html")


def _pages(built_book, edition):
    """Every page of one edition: the front page, the pages in folders, the search and index."""
    root = built_book / EDITIONS[edition]
    return sorted(["index.html", *NOT_INDEXED] + [path.relative_to(root).as_posix()
                                                  for folder in ("book", "notebooks")
                                                  for path in (root / folder).glob("*.html")])


def _address(edition, page):
    """A page's published address: the front page's is the edition's own."""
    return BASE + EDITIONS[edition] + ("" if page == "index.html" else page)


def _head(built_book, edition, page):
    html = (built_book / EDITIONS[edition] / page).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def head_problems(soup, edition, page) -> list[str]:
    """What is wrong with one page's canonical, alternates, description and Open Graph tags."""
    found = []
    here = _address(edition, page)
    canonical = [link["href"] for link in soup.select('link[rel="canonical"]')]
    if canonical != [here]:
        found.append(f"canonical {canonical}, not the page itself {here}")
    links = soup.select('head link[rel="alternate"][hreflang]')
    alternates = {link["hreflang"]: link["href"] for link in links}
    english = _address("en", page)
    expected = {"en": english, "zh-Hans": _address("zh", page), "x-default": english}
    if alternates != expected or len(links) != len(expected):
        found.append(f"hreflang {alternates}, expected {expected}")
    descriptions = soup.select('meta[name="description"]')
    text = descriptions[0]["content"] if descriptions else ""
    # Mostly Chinese characters, or mostly Latin letters (a quoted Chinese title is allowed in English).
    chinese = len(re.findall(r"[\u4e00-\u9fff]", text)) > len(re.findall(r"[A-Za-z]", text))
    if len(descriptions) != 1 or not text or chinese != (edition == "zh"):
        found.append(f"description {text[:40]!r} is missing, repeated or not in the edition's language")
    robots = [tag["content"] for tag in soup.select('meta[name="robots"]')]
    if robots != (["noindex"] if page in NOT_INDEXED else []):
        found.append(f"robots {robots}")
    if page in NOT_INDEXED:
        return found
    og = {tag["property"]: tag["content"] for tag in soup.select('meta[property^="og:"]')}
    other = LANGUAGE["en" if edition == "zh" else "zh"][1]
    if (og.get("og:url") != here or og.get("og:locale") != LANGUAGE[edition][1]
            or og.get("og:locale:alternate") != other or not og.get("og:title")
            or og.get("og:description") != text):
        found.append(f"Open Graph {og}")
    return found


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_names_itself_canonical_with_reciprocal_hreflang_and_a_description(built_book, edition):
    pages = _pages(built_book, edition)
    toc = (PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8")
    in_toc = re.findall(r"^\s*-?\s*(?:root|file):\s*(\S+)", toc, re.M)
    assert sorted(page.removesuffix(".html") for page in pages if page not in NOT_INDEXED) == sorted(in_toc)
    problems = {page: head_problems(_head(built_book, edition, page), edition, page) for page in pages}
    assert {page: found for page, found in problems.items() if found} == {}
    assert len(problems) == len(in_toc) + len(NOT_INDEXED), "every page checked"


@pytest.mark.parametrize("edition, page, change", [
    ("zh", "notebooks/04_s2_education_reform.html", "canonical to the English page"),
    ("en", "index.html", "no zh-Hans alternate"),
    ("zh", "book/methodology.html", "an English description"),
    ("en", "search.html", "indexed"),
])
def test_a_broken_head_is_found(built_book, edition, page, change):
    soup = _head(built_book, edition, page)
    assert head_problems(soup, edition, page) == []
    if change == "canonical to the English page":
        soup.select_one('link[rel="canonical"]')["href"] = _address("en", page)
    elif change == "no zh-Hans alternate":
        soup.select_one('link[rel="alternate"][hreflang="zh-Hans"]').decompose()
    elif change == "an English description":
        soup.select_one('meta[name="description"]')["content"] = "How the book chooses claims"
    else:
        soup.select_one('meta[name="robots"]').decompose()
    assert head_problems(soup, edition, page) != []


def test_the_sitemaps_list_every_page_of_both_editions_and_robots_points_to_them(built_book):
    index = (built_book / "sitemap.xml").read_text(encoding="utf-8")
    maps = re.findall(r"<sitemap><loc>([^<]+)</loc></sitemap>", index)
    assert "<sitemapindex" in index and maps == [BASE + "sitemap-en.xml", BASE + "zh/sitemap-zh.xml"]
    listed = [url for sitemap in maps for url in re.findall(
        r"<loc>([^<]+)</loc>", (built_book / sitemap.removeprefix(BASE)).read_text(encoding="utf-8"))]
    expected = [BASE + EDITIONS[edition] + page for edition in EDITIONS
                for page in _pages(built_book, edition) if page not in NOT_INDEXED]
    assert sorted(listed) == sorted(expected)
    robots = (built_book / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {BASE}sitemap.xml" in robots and "Disallow: /" not in robots


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_front_page_is_the_introduction_itself(built_book, edition):
    """No redirect: the site's address shows the overall verdict, in a valid page."""
    html = (built_book / EDITIONS[edition] / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert soup.title and soup.title.string.strip()
    assert soup.html["lang"].split("-")[0] == edition
    assert soup.select_one('meta[http-equiv="refresh" i]') is None
    assert soup.select_one("article .overall-verdict") is not None
    assert not (built_book / EDITIONS[edition] / "book" / "intro.html").exists()


# data/claims.csv has one row per claim, and every claim has its ClaimReview on its chapter page.
CLAIMS = 146


def _reviews(built_book, edition):
    """Every ClaimReview block of every page of the edition, with the page it is on."""
    root = built_book / EDITIONS[edition]
    for page in _pages(built_book, edition):
        soup = BeautifulSoup((root / page).read_text(encoding="utf-8"), "html.parser")
        for block in soup.select('script[type="application/ld+json"]'):
            data = json.loads(block.string)
            for review in (data if isinstance(data, list) else [data]):
                yield page, soup, review


def _words(tag, drop: str = "") -> str:
    tag = copy(tag)
    for part in tag.select(drop) if drop else []:
        part.decompose()
    return " ".join(tag.get_text(" ").split())


def card_problems(soup, claim, review, edition) -> list[str]:
    """The claim's card (or its ledger row) on the page says what its ClaimReview says."""
    card = soup.find(id=f"verdict-{claim['id']}")
    if soup.find(id=f"claim-{claim['id']}") is None or card is None:
        return [f"{review['url']} has no claim or verdict on the page"]
    name = review["reviewRating"].get("name")
    if "verdict-joined" in card.get("class", []):   # the second figure of one problem, on the first's card
        badge = _words(card.find_parent(class_="verdict-card").select_one(".verdict-head .rating-badge"),
                       ".rating-symbol")
        conclusion = _words(card.select_one(".verdict-joined-conclusion"))
        if (badge, conclusion) != (name, review["reviewBody"]):
            return [f"the card says {badge!r}: {conclusion[:50]!r}, the ClaimReview {name!r}: "
                    f"{review['reviewBody'][:50]!r}"]
        return []
    if "verdict-card" in card.get("class", []):
        badge = _words(card.select_one(".verdict-head .rating-badge"), ".rating-symbol")
        conclusion = _words(card.select_one(".verdict-conclusion"), "strong")
        if (badge, conclusion) != (name, review["reviewBody"]):
            return [f"the card says {badge!r}: {conclusion[:50]!r}, the ClaimReview {name!r}: "
                    f"{review['reviewBody'][:50]!r}"]
        return []
    # A ledger row: the chapter's claims that no record settles, each with its quote.
    row = card.find_parent("tr")
    quote = row.select_one("q").get_text() if row is not None and row.select_one("q") else ""
    unverifiable = load_ratings()["unverifiable"]
    if name != (unverifiable.name_zh if edition == "zh" else unverifiable.name) or quote != claim["quote"]:
        return [f"the ledger row quotes {quote!r} as unverifiable, the ClaimReview rates it {name!r}"]
    conclusion = _words(row.select_one(".ledger-conclusion")) if row.select_one(".ledger-conclusion") else ""
    if conclusion != review["reviewBody"]:
        return [f"the ledger row says {conclusion[:50]!r}, the ClaimReview {review['reviewBody'][:50]!r}"]
    return []


def review_problems(review, claim, edition, built_book, book_url=BASE) -> list[str]:
    """What one ClaimReview lacks or gets wrong, against its entry in claims.json."""
    found = []
    rating = review["reviewRating"]
    name = claim["verdict_name_zh"] if edition == "zh" else claim["verdict_name"]
    if rating.get("name") != name:
        found.append(f"reviewRating.name {rating.get('name')!r}, not {name!r}")
    if review["reviewBody"] != (claim["conclusion_zh"] if edition == "zh" else claim["conclusion"]):
        found.append("reviewBody is not the claim's conclusion")
    shown = review["claimReviewed"]
    # Whole, or its opening clauses with an ellipsis that says it was cut.
    if len(shown) > 75 or not (shown == claim["quote"] or shown.endswith("……")
                               and claim["quote"].startswith(shown.removesuffix("……"))):
        found.append(f"claimReviewed {review['claimReviewed']!r}")
    if review["author"].get("url") != book_url or review["inLanguage"] != LANGUAGE[edition][0]:
        found.append("author url or language")
    # The project is named as the page's footer names it, in the page's language.
    author = gettext_zh(book_metadata()["author"]) if edition == "zh" else book_metadata()["author"]
    if review["author"].get("name") != author:
        found.append(f"author {review['author'].get('name')!r}, not {author!r}")
    item = review["itemReviewed"]
    appearance, first = item.get("appearance", {}), item.get("firstAppearance", {})
    target = appearance.get("url", "").removeprefix(BASE).split("#")
    if len(target) != 2 or target[0] != EDITIONS[edition] + SOURCE_PAGE + ".html" \
            or f'id="{target[1]}"' not in (built_book / target[0]).read_text(encoding="utf-8"):
        found.append(f"appearance url {appearance.get('url')!r} does not resolve to the claim in the article")
    dates = {item.get("datePublished"), first.get("datePublished"), appearance.get("datePublished")}
    if first.get("headline") != ARTICLE["headline"] or dates != {ARTICLE["published"]}:
        found.append("firstAppearance or the article's date")
    if claim["verdict"] == "unverifiable":
        if "ratingValue" in rating:
            found.append("an unverifiable claim has a ratingValue")
    elif not rating.get("worstRating", 0) <= rating.get("ratingValue", -1) <= rating.get("bestRating", -1):
        found.append(f"ratingValue {rating.get('ratingValue')!r} outside its range")
    return found


def _claims(built_book):
    return {claim["id"]: claim for claim in
            json.loads((built_book / "claims.json").read_text(encoding="utf-8"))["claims"]}


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_claim_review_block_is_complete_and_agrees_with_claims_json_and_the_card(built_book, edition):
    claims = _claims(built_book)
    with (PROJECT_ROOT / "data" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        registered = [row["claim_id"] for row in csv.DictReader(handle)]
    values: dict = {}
    problems, checked = [], []
    for page, soup, review in _reviews(built_book, edition):
        claim = claims[review["url"].rsplit("#claim-", 1)[1]]
        checked.append(claim["id"])
        if not review["url"].startswith(BASE + EDITIONS[edition] + page + "#"):
            problems.append(f"{claim['id']}: url {review['url']} is not the page it is on ({page})")
        problems += [f"{claim['id']}: {p}" for p in review_problems(review, claim, edition, built_book)
                     + card_problems(soup, claim, review, edition)]
        values.setdefault(review["reviewRating"].get("ratingValue"), set()).add(claim["verdict"])
    assert len(checked) == CLAIMS, f"checked {len(checked)} ClaimReview blocks, not one per claim"
    assert sorted(checked) == sorted(registered) == sorted(claims), "each claim once, on its page"
    assert problems == []
    # One value a rating and one rating a value; the scale's order (data/scale/ratings.csv) from the top.
    assert all(len(ratings) == 1 for ratings in values.values()), values
    by_rating = {next(iter(ratings)): value for value, ratings in values.items()}
    scale = [rating for rating in load_ratings() if rating in by_rating and rating != "unverifiable"]
    assert [by_rating[rating] for rating in scale] == sorted((by_rating[r] for r in scale), reverse=True)
    assert by_rating.get("unverifiable", None) is None


def _first_card_review(built_book, edition):
    for _, soup, review in _reviews(built_book, edition):
        if "verdict-card" in soup.find(id="verdict-" + review["url"].rsplit("#claim-", 1)[1])["class"]:
            return soup, review
    raise AssertionError("no claim with a card")


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_review_or_card_that_disagrees_is_found(built_book, edition):
    claims = _claims(built_book)
    soup, review = _first_card_review(built_book, edition)
    claim = claims[review["url"].rsplit("#claim-", 1)[1]]
    assert review_problems(review, claim, edition, built_book) == []
    assert card_problems(soup, claim, review, edition) == []
    broken = {**review, "reviewRating": {k: v for k, v in review["reviewRating"].items() if k != "name"},
              "claimReviewed": "长" * 76, "author": {**review["author"], "url": ""}}
    assert len(review_problems(broken, claim, edition, built_book)) == 3
    other = next(c for c in claims.values() if c["verdict"] != claim["verdict"])
    renamed = {**review, "reviewRating": {**review["reviewRating"], "name": other["verdict_name"]}}
    assert card_problems(soup, claim, renamed, edition) != []
