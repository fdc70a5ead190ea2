"""JupyterLab, as a reader reruns a chapter there (`make lab`), in Debian's headless Chromium.

The pinned JupyterLab serves a git checkout of the chapters (with the repository's
.gitattributes and its notebook filter installed); the kernel reads data/ from this
project. For each sampled chapter: run all cells, then require no error output, every chart
drawn, no console error, no Vega or Vega-Lite version warning and no failed request; save
it and require `git diff` to be empty and `git add` to stage nothing; and require links to
other chapters to be their published pages (a relative link in an output opens the raw file
in JupyterLab). Two chapters are sampled so that `make test`
stays within about five minutes: 04 (faceted charts, tables, links into the article) and
07 (the scorecard, whose charts carried the links that used to 404).
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from factcheck import PROJECT_ROOT
from factcheck.data.parts import SOURCE_PAGE, book_url
from factcheck.render.charts import VEGALITE_MIME_TYPE
from factcheck.tools import normalise

CHAPTERS = ["04_s2_education_reform.ipynb", "07_closing_and_captions.ipynb"]
JUPYTER = Path(sys.executable).with_name("jupyter")


def _git(checkout: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=checkout, check=True, capture_output=True,
                          text=True).stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a fresh git checkout of the chapters: (base URL, token, checkout)."""
    checkout = tmp_path_factory.mktemp("checkout")
    shutil.copytree(PROJECT_ROOT / "notebooks", checkout / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for name in (".gitattributes", ".gitignore"):
        shutil.copy(PROJECT_ROOT / name, checkout)
    _git(checkout, "init", "-q")
    _git(checkout, "-c", "user.name=test", "-c", "user.email=test@localhost", "add", ".")
    _git(checkout, "-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "-qm", "chapters")
    normalise.install(checkout)

    settings = tmp_path_factory.mktemp("jupyter")
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, FACTCHECK_ROOT=str(PROJECT_ROOT),
               JUPYTER_CONFIG_DIR=str(settings / "config"), JUPYTER_DATA_DIR=str(settings / "data"),
               JUPYTER_RUNTIME_DIR=str(settings / "runtime"))
    log = (settings / "server.log").open("w")
    server = subprocess.Popen(
        [str(JUPYTER), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={checkout}",
         "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
         "--expose-app-in-browser", *(["--allow-root"] if os.getuid() == 0 else [])],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"JupyterLab exited: {(settings / 'server.log').read_text()[-2000:]}")
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start within 60 s")
        yield base, token, checkout
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _until(page, script: str, what: str, timeout: float = 120) -> None:
    """Poll `script` in the page (Playwright's own waits can stall while JupyterLab draws)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate(script):
            return
        time.sleep(0.25)
    pytest.fail(f"JupyterLab: {what} within {timeout:.0f} s")


CURRENT = "window.jupyterapp.shell.currentWidget"
KERNEL_IDLE = (f"(() => {{ const w = {CURRENT}; const s = w && w.sessionContext && w.sessionContext.session;"
               " return !!(s && s.kernel && s.kernel.status === 'idle'); })()")
ALL_RUN = (f"(() => {{ const w = {CURRENT}; return w.sessionContext.session.kernel.status === 'idle'"
           " && w.content.widgets.every(c => c.model.type !== 'code' || c.model.executionCount > 0); })()")
ERROR_OUTPUTS = (f"{CURRENT}.content.widgets.flatMap(c => c.model.type === 'code' ? c.model.outputs.toJSON()"
                 " : []).filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue)")
CHARTS = (f"[...{CURRENT}.node.querySelectorAll('.jp-RenderedVegaCommon5')]"
          ".map(e => !!e.querySelector('svg, canvas'))")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_chapter_runs_draws_saves_and_links_in_jupyterlab(lab, browser, chapter):
    base, token, checkout = lab
    stored = json.loads((PROJECT_ROOT / "notebooks" / chapter).read_text(encoding="utf-8"))
    expected_charts = sum(VEGALITE_MIME_TYPE in output.get("data", {})
                          for cell in stored["cells"] for output in cell.get("outputs", []))
    assert expected_charts > 0

    page = browser.new_page(viewport={"width": 1366, "height": 900})
    console, failed = [], []
    page.on("console", lambda message: console.append((message.type, message.text)))
    page.on("pageerror", lambda error: console.append(("error", str(error))))
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    try:
        page.goto(f"{base}lab/tree/notebooks/{chapter}?reset&token={token}", wait_until="commit")
        _until(page, f"!!(window.jupyterapp && {CURRENT} && {CURRENT}.content)", "the notebook opens", 60)
        _until(page, KERNEL_IDLE, "the kernel starts", 60)
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        _until(page, ALL_RUN, "every cell runs")
        _until(page, f"{CHARTS}.length === {expected_charts} && {CHARTS}.every(Boolean)",
               f"all {expected_charts} charts draw", 60)

        assert page.evaluate(ERROR_OUTPUTS) == []
        errors = [text for kind, text in console if kind == "error"]
        assert errors == [], errors
        versions = [text for _, text in console if "version" in text.lower() and "vega" in text.lower()]
        assert versions == [], versions

        page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
        _until(page, f"!{CURRENT}.context.model.dirty", "the notebook saves", 30)
        # Saved, the file differs (JupyterLab adds a PNG of each chart); through the filter it
        # does not. (`git status` lists it until `git add` refreshes the index: with a clean
        # filter git reports a changed size without reading the file.)
        assert _git(checkout, "diff") == ""
        _git(checkout, "add", "notebooks")
        assert _git(checkout, "status", "--porcelain") == ""

        # A claim box links to the article by the published address (a relative link in an
        # output opens the raw file in JupyterLab): JupyterLab keeps it, in a new tab.
        link = page.locator(f".jp-OutputArea-output a[href^='{book_url()}']").first
        assert link.get_attribute("target") == "_blank"
        assert link.get_attribute("href").startswith(f"{book_url()}{SOURCE_PAGE}.html#source-")
        assert page.evaluate("[...document.querySelectorAll('.jp-OutputArea-output a')]"
                             ".filter(a => a.href.includes('/files/')).length") == 0
        assert failed == [], failed
    finally:
        page.close()
