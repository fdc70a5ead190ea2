"""`make book`'s last step: refuse a built book that is broken, whatever Sphinx said.

    python -m factcheck.tools.verify [_build/html]

- claims.json must be valid against data/schema/claims.schema.json;
- no page may load anything from outside the site: a `src`, `srcset`, `poster` or
  `data`, a stylesheet's, icon's or preload's `href`, an iframe, or a CSS `url()`, lazy
  or not (links a reader follows, `<a href>`, are not loads and may leave the site);
- the chart JavaScript must be, byte for byte, the bundle of this environment.

Each failure is one line naming the page and what it references; the exit code is 1.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
from bs4 import BeautifulSoup

from .. import PROJECT_ROOT
from ..book.vega import BUNDLE_NAME, environment_bundle
from .browser import BUILT_BOOK

SCHEMA = PROJECT_ROOT / "data" / "schema" / "claims.schema.json"
LOADING_ATTRIBUTES = ("src", "srcset", "poster", "data")
LOADING_LINKS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "modulepreload", "manifest",
                 "apple-touch-icon", "mask-icon"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
SKIPPED = {"_sources", "reports"}


def is_outside(url: str) -> bool:
    """Whether loading `url` would leave the site (data: URIs and fragments stay inside)."""
    url = url.strip()
    if not url or url.startswith(("#", "data:", "about:blank")):
        return False
    parts = urlsplit(url)
    return bool(parts.scheme in ("http", "https", "ftp") or parts.netloc or url.startswith("//"))


def outside_references(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attribute in LOADING_ATTRIBUTES:
            value = tag.get(attribute)
            if value and tag.name != "a":
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if attribute == "srcset" \
                    else [value]
                found += [f"<{tag.name} {attribute}={url}>" for url in urls if is_outside(url)]
        if tag.name == "link" and LOADING_LINKS & set(tag.get("rel", [])) and is_outside(tag.get("href", "")):
            found.append(f"<link rel={' '.join(tag.get('rel'))} href={tag['href']}>")
        if tag.name == "iframe":
            found.append(f"<iframe src={tag.get('src', '')}>")
        for css in ([tag.string or ""] if tag.name == "style" else []) + [tag.get("style", "")]:
            found += [f"CSS url({url})" for url in CSS_URL.findall(css) if is_outside(url)]
    return found


def check_pages(site: Path) -> list[str]:
    problems = []
    for page in sorted(site.rglob("*.html")):
        if SKIPPED & set(page.relative_to(site).parts):
            continue
        problems += [f"{page.relative_to(site)}: loads {ref} from outside the site"
                     for ref in outside_references(page.read_text(encoding="utf-8"))]
    for sheet in sorted(site.rglob("*.css")):
        problems += [f"{sheet.relative_to(site)}: CSS url({url}) is outside the site"
                     for url in CSS_URL.findall(sheet.read_text(encoding="utf-8", errors="replace"))
                     if is_outside(url)]
    return problems


def check_claims_json(site: Path) -> list[str]:
    path = site / "claims.json"
    if not path.is_file():
        return ["claims.json is missing"]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(
        json.loads(path.read_text(encoding="utf-8"))), key=lambda e: list(e.absolute_path))
    return [f"claims.json, at {'/'.join(map(str, e.absolute_path)) or 'the top'}: {e.message}"
            for e in errors[:10]]


def check_bundle(site: Path) -> list[str]:
    built = site / "_static" / BUNDLE_NAME
    if not built.is_file():
        return [f"_static/{BUNDLE_NAME} is missing"]
    expected = hashlib.sha256(environment_bundle().read_bytes()).hexdigest()
    actual = hashlib.sha256(built.read_bytes()).hexdigest()
    if actual != expected:
        return [f"_static/{BUNDLE_NAME} has sha256 {actual[:12]}…, not this environment's "
                f"{expected[:12]}…: delete it and build again"]
    return []


def verify(site: Path = BUILT_BOOK) -> list[str]:
    return check_claims_json(site) + check_bundle(site) + check_pages(site)


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else BUILT_BOOK
    problems = verify(site)
    for problem in problems:
        print(f"make book: {problem}", file=sys.stderr)
    if problems:
        print(f"make book: the book in {site} is broken ({len(problems)} problem(s)); not publishing it.",
              file=sys.stderr)
        return 1
    print(f"verified {site}: claims.json valid, chart bundle whole, nothing loaded from outside the site")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
