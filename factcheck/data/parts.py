"""The table of parts (data/parts.csv): the one place the article's parts are named.

Each part has an id, its position in the article, a title, a short title for
charts and lists, the book page that gives its verdicts, and the Chinese of both
titles for the Chinese edition. The article splitter, the chapters, claims.json,
the scorecard, the table of contents and the README all derive from it (the last
two are checked by tests).

Addresses here are relative to the book's root, without the ``.html`` of the
built page: ``notebooks/04_s2_education_reform``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .tables import load_resource

# The page that shows the article itself, with every claim highlighted.
SOURCE_PAGE = "notebooks/01_source_and_claims"
# The page that gives the reason for every change of a rating.
CORRECTIONS_PAGE = "book/corrections"
# The page that counts every verdict together, and where on it the unverifiable claims are
# counted by why (a label in its notebook, so the anchor is the same in both editions).
SCORECARD_PAGE = "notebooks/07_closing_and_captions"
BY_KIND_ANCHOR = "unverifiable-by-kind"


@dataclass(frozen=True)
class PartEntry:
    id: str
    order: int
    title: str
    short_title: str
    page: str
    title_zh: str = ""           # the Chinese edition's title and short title
    short_title_zh: str = ""
    opens_with: str = ""         # the words its first paragraph begins with, as printed
    holds: str = "text"          # "text", or "captions": the paragraphs set off by a double blank line


@lru_cache(maxsize=1)
def load_parts() -> dict[str, PartEntry]:
    """Every part, in the article's order, by id."""
    rows, _ = load_resource("parts")
    entries = [PartEntry(row["part_id"], row["order"], row["title"], row["short_title"], row["page"],
                         row["title_zh"] or "", row["short_title_zh"] or "", row["opens_with"] or "",
                         row["holds"])
               for row in rows]
    return {entry.id: entry for entry in sorted(entries, key=lambda e: e.order)}


def chapter_notebooks() -> list[str]:
    """The chapters' notebooks, from the project's root: ``notebooks/02_lead.ipynb``, ..."""
    return [f"{page}.ipynb" for page in chapter_pages()]


def part_ids() -> tuple[str, ...]:
    return tuple(load_parts())


def chapter_pages() -> list[str]:
    """The pages that give verdicts, in the article's order, each once."""
    return list(dict.fromkeys(part.page for part in load_parts().values()))


def parts_on_page(page: str) -> tuple[str, ...]:
    return tuple(part.id for part in load_parts().values() if part.page == page)


def claim_anchor(claim_id: str) -> str:
    return f"claim-{claim_id}"


def source_anchor(claim_id: str) -> str:
    return f"source-{claim_id}"


def claim_path(claim_id: str, part: str) -> str:
    """Where a claim's verdict is, from the book's root."""
    return f"{load_parts()[part].page}.html#{claim_anchor(claim_id)}"


def source_path(claim_id: str) -> str:
    """Where a claim is highlighted in the article, from the book's root."""
    return f"{SOURCE_PAGE}.html#{source_anchor(claim_id)}"


@lru_cache(maxsize=1)
def book_url() -> str:
    """The address the book is published at (``html.baseurl`` in _config.yml), ending in /."""
    import yaml

    from .. import PROJECT_ROOT
    config = PROJECT_ROOT / "_config.yml"
    url = (yaml.safe_load(config.read_text(encoding="utf-8")).get("html") or {}).get("baseurl") or ""
    if not url.startswith("https://"):
        raise ValueError(f"{config}: html.baseurl must be the book's https:// address, not {url!r}")
    return url if url.endswith("/") else url + "/"


def link_from_chapter(path: str) -> str:
    """A link from a chapter's output to another page of the book (a chapter, or a page
    under ``book/``): its published address.

    In JupyterLab a relative link in an output opens the raw file (or a 404); the published
    page opens in a new tab. The built book turns these links into relative ones between
    its own pages (factcheck.book.metadata).
    """
    folder, _, _ = path.partition("/")
    if folder not in ("notebooks", "book"):
        raise ValueError(f"{path!r} is not a page of the book")
    return book_url() + path
