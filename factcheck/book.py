"""Sphinx extension: the book draws its charts itself, with no network.

Jupyter Book and Altair load Vega, Vega-Lite and vega-embed from a CDN by
default, so an offline reader sees blank charts. Here:

- ``setup`` writes ``_static/vega-bundle.js`` at build time from the bundle
  that the pinned vl-convert-python package ships (no CDN, no minified copy in
  the repository) and adds that one file to every page;
- :class:`VegaLiteMimeRenderer`, a myst-nb mime-renderer plugin (entry point
  ``myst_nb.mime_renderers`` in pyproject.toml), turns each notebook output of
  ``factcheck.charts`` (a Vega-Lite spec) into a ``<div class="factcheck-chart">``
  and the inline script that draws it with that bundle's ``window.vegaEmbed``.

Listed in ``_config.yml`` under ``sphinx: extra_extensions``.
"""
from __future__ import annotations

import json
import re
import subprocess
from datetime import date
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from . import PROJECT_ROOT, charts, publish
from .source import RAW_SHA256

BUNDLE_NAME = "vega-bundle.js"

logger = logging.getLogger(__name__)


def _versions() -> tuple[str, dict[str, str]]:
    import altair
    import vl_convert

    # The Vega-Lite minor version that Altair writes specs for.
    vegalite = ".".join(altair.VEGALITE_VERSION.split(".")[:2])
    available = vl_convert.get_vegalite_versions()
    if vegalite not in available:
        raise ExtensionError(
            f"factcheck.book: Altair {altair.__version__} writes Vega-Lite {vegalite} specs, "
            f"but vl-convert-python {vl_convert.__version__} bundles only {available}. "
            "Pin versions of the two that agree in requirements.in and run `make requirements`."
        )
    return vegalite, {
        "vl-convert-python": vl_convert.__version__,
        "vega": vl_convert.get_vega_version(),
        "vega-lite": vegalite,
        "vega-embed": vl_convert.get_vega_embed_version(),
    }


def bundle_header() -> str:
    _, versions = _versions()
    listed = ", ".join(f"{name} {version}" for name, version in versions.items())
    return (f"/* Generated at build time by factcheck.book from {listed}. "
            "Do not edit or commit. */\n")


def bundle_source() -> str:
    """vl-convert's classic-script bundle, wrapped so its top-level names stay private.

    The bundle declares top-level ``const``s (``n``, ``t``, ...) and ends by
    assigning ``window.vegaEmbed``, ``window.vega`` and ``window.vegaLite``. In a
    classic script those ``const``s would share the global lexical scope with the
    theme's scripts; inside a function they cannot clash.
    """
    import vl_convert

    vegalite, _ = _versions()
    code = vl_convert.javascript_bundle(vl_version=vegalite)
    return bundle_header() + "(function () {\n" + code + "\n})();\n"


def write_bundle(static_dir: Path) -> Path:
    """Write the bundle into static_dir, unless an identical one is already there."""
    target = Path(static_dir) / BUNDLE_NAME
    header = bundle_header()
    if target.is_file():
        with target.open(encoding="utf-8") as existing:
            if existing.readline() == header:
                return target  # same versions, same bundle: keep it (and its mtime)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(bundle_source(), encoding="utf-8")
    logger.info("factcheck.book: wrote %s", target)
    return target


class VegaLiteMimeRenderer:
    """myst-nb plugin: a chart output becomes a container and a vegaEmbed call.

    The container's id is the chart's number on its page and a short hash of
    its spec, so the same notebook always gives the same page.
    """

    # Ahead of text/plain (and text/html) in the HTML builders only.
    mime_priority_overrides = [
        (builder, charts.VEGALITE_MIME_TYPE, 1)
        for builder in ("html", "dirhtml", "singlehtml")
    ]

    @staticmethod
    def handle_mime(renderer, data, inline: bool):
        if data.mime_type != charts.VEGALITE_MIME_TYPE:
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.content)
        document = renderer.renderer.document
        number = getattr(document, "_factcheck_charts", 0) + 1
        document._factcheck_charts = number
        markup = charts.render_html(spec, charts.chart_id(spec, number))
        return [nodes.raw(text=markup, format="html", classes=["output", "text_html"])]


def _on_builder_inited(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    # Written before any page, so Sphinx can stamp the script tag with the
    # file's checksum (?v=...) on every page alike. copy_static_files() later
    # adds the theme's files next to it and never removes it.
    write_bundle(Path(app.outdir) / "_static")


def _drop_duplicate_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Write each inline script once.

    sphinx-togglebutton and sphinx-thebe (loaded by Jupyter Book) add inline
    scripts after the HTML builder has copied Sphinx's registry, so Sphinx keeps
    two copies: one with filename None, one with filename "" (it normalises
    them differently), which its own duplicate check does not catch. The second
    ``const THEBE_JS_URL = ...`` then throws "SyntaxError: Identifier
    'THEBE_JS_URL' has already been declared" on every page.
    """
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen, unique = set(), []
    for script in scripts:
        attributes = getattr(script, "attributes", {}) or {}
        key = (getattr(script, "filename", script) or "", getattr(script, "priority", None),
               tuple(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _verdicts_date() -> str:
    """ClaimReview's datePublished: when the verdicts last changed (from git), else today."""
    return _git("log", "-1", "--format=%cs", "--", "data/verdicts.csv") or date.today().isoformat()


def _base_url(app: Sphinx) -> str:
    base = app.config.html_baseurl or ""
    return base if not base or base.endswith("/") else base + "/"


def _add_claim_reviews(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Each claim's chapter page carries a ClaimReview for every claim on it (JSON-LD)."""
    parts = [part for part, page in publish.CHAPTER_OF_PART.items() if page == pagename]
    if not parts:
        return
    document = app.env.factcheck_claims
    page_url = _base_url(app) + pagename + ".html"
    reviews = [publish.claim_review(claim, page_url, app.env.factcheck_date)
               for claim in document["claims"] if claim["part"] in parts]
    payload = json.dumps(reviews, ensure_ascii=False, indent=1).replace("</", "<\\/")
    context["metatags"] = (context.get("metatags", "")
                           + f'\n<script type="application/ld+json">\n{payload}\n</script>\n')


def _load_claims(app: Sphinx) -> None:
    app.env.factcheck_claims = publish.claims_document(_base_url(app))
    app.env.factcheck_date = _verdicts_date()


def _on_build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    # The same document the ClaimReviews were drawn from, loaded at builder-inited.
    document = app.env.factcheck_claims
    (outdir / "claims.json").write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")
    _stamp_intro(outdir)


def _stamp_intro(outdir: Path) -> None:
    """Write the build stamp into the intro page: commit, source checksum, build date.

    Done on the built file after every build, so the stamp is current even when
    Sphinx did not rewrite the page; the notebooks never see the date.
    """
    page = outdir / "book" / "intro.html"
    if not page.is_file():
        return
    commit = _git("rev-parse", "--short=12", "HEAD") or "unknown"
    dirty = " (with uncommitted changes)" if _git("status", "--porcelain") else ""
    stamp = (f'<p class="build-stamp" id="build-stamp">Built from commit <code>{commit}</code>{dirty} '
             f"on {date.today().isoformat()}. Source text SHA-256 <code>{RAW_SHA256}</code>.</p>")
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<p class="build-stamp" id="build-stamp">.*?</p>', stamp, text, flags=re.S)
    page.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _drop_duplicate_scripts)
    app.connect("builder-inited", _load_claims)
    app.connect("html-page-context", _add_claim_reviews)
    app.connect("build-finished", _on_build_finished)
    app.connect("builder-inited", _on_builder_inited)
    # One file on every page, cached by the browser across pages. Deferred, so
    # it does not hold up the page; factcheck.charts waits for it.
    app.add_js_file(BUNDLE_NAME, loading_method="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
