"""What each page tells machines, and the files beside the pages: ClaimReview (JSON-LD) on every
chapter page, claims.json, the downloads, the records request, the build stamp, and links
between chapters made relative."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .. import PROJECT_ROOT
from ..data.parts import parts_on_page
from ..data.source import RAW_SHA256
from ..data.tables import load_resource
from ..render import requests
from ..render.i18n import interface_words
from . import citation, downloads, editions, publish
from .editions import base_url, edition_url


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""

def _correction_dates() -> list[str]:
    """The dates the corrections log records: outside a git checkout, the build dates its
    verdicts by them, never by the clock."""
    return [str(row["date"]) for row in load_resource("corrections")[0]]


def _verdicts_date() -> str:
    """When the verdicts last changed (from git): a claim's dateModified unless a correction
    dates it; outside git, the latest correction's date."""
    return (_git("log", "-1", "--format=%cs", "--", "data/verdicts.csv", "data/derived.csv")
            or max(_correction_dates()))


def _first_verdicts_date() -> str:
    """ClaimReview's datePublished: when the verdicts were first recorded (the first commit of
    data/verdicts.csv), so it never falls after a correction; outside git, the earliest
    correction's date."""
    history = _git("log", "--format=%cs", "--", "data/verdicts.csv").splitlines()
    return history[-1] if history else min(_correction_dates())

def _add_claim_reviews(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Each claim's chapter page carries a ClaimReview for every claim on it (JSON-LD)."""
    parts = parts_on_page(pagename)
    if not parts:
        return
    document = app.env.factcheck_claims
    page_url = edition_url(app) + pagename + ".html"
    reviews = [publish.claim_review(claim, page_url, app.env.factcheck_first_date,
                                    chinese=editions.is_chinese(app.config), edition_base=edition_url(app),
                                    book_url=base_url(app))
               for claim in document["claims"] if claim["part"] in parts]
    # Compact: machines read it, and every chapter page carries it.
    payload = json.dumps(reviews, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    context["metatags"] = (context.get("metatags", "")
                           + f'\n<script type="application/ld+json">\n{payload}\n</script>\n')

def _load_claims(app: Sphinx) -> None:
    app.env.factcheck_date = _verdicts_date()
    app.env.factcheck_first_date = _first_verdicts_date()
    app.env.factcheck_claims = publish.claims_document(base_url(app),
                                                       date_published=app.env.factcheck_date)

def _on_build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    # The same document the ClaimReviews were drawn from, loaded at builder-inited.
    document = app.env.factcheck_claims
    (outdir / "claims.json").write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")
    downloads.write_downloads(outdir)
    _write_citations(outdir, app)
    (outdir / requests.DOWNLOAD).write_text(requests.request_text(editions.is_chinese(app.config)),
                                            encoding="utf-8")

def build_stamp(chinese: bool = False) -> str:
    """The build stamp: commit, its date, and the source text's checksum. From git, not the clock:
    the same commit gives the same page."""
    commit = _git("rev-parse", "--short=12", "HEAD") or "unknown"
    built = _commit_day() or "unknown"
    dirty = " (with uncommitted changes)" if _git("status", "--porcelain") else ""
    words = interface_words(chinese)
    sentence = words("Built from commit {commit}{dirty} on {date}. Source text SHA-256 {sha}.").format(
        commit=f"<code>{commit}</code>", dirty=words(dirty) if dirty else "",
        date=built, sha=f"<code>{RAW_SHA256}</code>")
    return f'<p class="build-stamp" id="build-stamp">{sentence}</p>'


def _stamped_pages(env) -> set:
    if not hasattr(env, "factcheck_stamped"):
        env.factcheck_stamped = set()
    return env.factcheck_stamped


def note_stamped(env, docname: str) -> None:
    """A page that shows the build stamp (the build-stamp directive) is read again on every build,
    so its stamp names the commit being built even when its source did not change."""
    _stamped_pages(env).add(docname)


def _reread_stamped(app, env, added, changed, removed) -> list:
    return sorted(_stamped_pages(env) - set(removed))


def _forget_stamped(app, env, docname) -> None:
    _stamped_pages(env).discard(docname)


def _merge_stamped(app, env, docnames, other) -> None:
    _stamped_pages(env).update(_stamped_pages(other))


def _link_pages_not_notebooks(app: Sphinx, doctree, docname: str) -> None:
    """A chapter's output links to other chapters by their published address
    (factcheck.data.parts.link_from_chapter), in an href or in a chart's data; on the page
    they become relative links, so the built book links within itself wherever it is served."""
    book = base_url(app)
    if not book:
        return
    folder = docname.rpartition("/")[0]
    here, root = (book + folder + "/" if folder else book), "../" * docname.count("/")
    for node in doctree.findall(nodes.raw):
        if node.get("format") == "html" and book in node.astext() and not node.get(citation.PRINTED):
            text = node.astext().replace(here, "").replace(book, root)
            node.children = [nodes.Text(text)]


def _from_the_build(app: Sphinx, config) -> None:
    """The footer's year is the commit's (never a typed year or the clock's), and every page
    links to the repository and to a way to report an error, in its edition's language."""
    year = _commit_day()[:4]
    if year:
        config.copyright = year
    repository = (config.html_theme_options or {}).get("repository_url", "")
    if repository:
        words = interface_words(editions.is_chinese(config))
        source, report = words("The repository: code and data"), words("Report an error")
        footer = (f'<p class="report-error"><a href="{repository}">{source}</a>'
                  f' · <a href="{repository}/issues/new">{report}</a></p>')
        config.html_theme_options = {**config.html_theme_options, "extra_footer": footer}


def _commit_day() -> str:
    """The date of the commit being built (YYYY-MM-DD), or "" outside a git checkout."""
    return _git("log", "-1", "--format=%cs")


def citation_fields(app: Sphinx) -> dict:
    """The book's citation for this edition: its address, and the commit's date (or, outside
    git, the date the verdicts last changed)."""
    return citation.record(edition_url(app), _commit_day() or _verdicts_date(),
                           editions.is_chinese(app.config))


def _write_citations(outdir: Path, app: Sphinx) -> None:
    fields = citation_fields(app)
    folder = outdir / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / citation.CSL_NAME).write_text(citation.csl_json(fields), encoding="utf-8")
    (folder / citation.BIBTEX_NAME).write_text(citation.bibtex(fields), encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _from_the_build)
    app.connect("builder-inited", _load_claims)
    app.connect("html-page-context", _add_claim_reviews)
    app.connect("doctree-resolved", _link_pages_not_notebooks)
    app.connect("build-finished", _on_build_finished)
    app.connect("env-get-outdated", _reread_stamped)
    app.connect("env-purge-doc", _forget_stamped)
    app.connect("env-merge-info", _merge_stamped)
