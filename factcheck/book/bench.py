"""`make bench`: the book's build and page figures, each beside a floor measured in the same run.

The floor is what any book of this many notebooks must pay: a notebook that only
imports pandas and altair, executed by the same kernel, once per notebook of the
book. Targets: clean build <= 2.5x the floor, no-change rebuild <= 0.5x the floor,
every HTML page <= 400 KB, and the chart JavaScript served as one cached file.

It deletes and rebuilds _build/ (that is what a clean build means).
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .. import PROJECT_ROOT
from .browser import BUILT_BOOK as HTML
from .browser import is_local, launch, serve

BUILD = HTML.parent
BIN = Path(sys.executable).parent


def _flags(name: str) -> list[str]:
    """A command's flags, as the Makefile defines them (its one place)."""
    if name not in os.environ:
        raise SystemExit(f"{name} is not set: run the bench as `make bench`.")
    return shlex.split(os.environ[name])


BOOK_CMD = [str(BIN / "jupyter-book"), "build", str(PROJECT_ROOT)]
PAGE_LIMIT = 400 * 1024
CHAPTER = "notebooks/04_s2_education_reform.html"


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=PROJECT_ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def floor_seconds(notebooks: int) -> float:
    cells = [nbformat.v4.new_code_cell("import pandas\nimport altair")]
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        for _ in range(notebooks):
            notebook = nbformat.v4.new_notebook(cells=cells)
            NotebookClient(notebook, kernel_name="python3",
                           resources={"metadata": {"path": folder}}).execute()
        return time.perf_counter() - start


def first_visit_bytes(path: str) -> tuple[int, int, list[str]]:
    """Bytes a first visit to a page transfers, and the chart scripts it loads."""
    from playwright.sync_api import sync_playwright

    sizes, scripts = [], []
    with serve(HTML) as site, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_()
                   if is_local(route.request.url) else route.abort())

        def on_response(response):
            try:
                sizes.append(len(response.body()))
            except Exception:  # a redirect or an aborted request has no body
                return
            if "vega" in response.url:
                scripts.append(response.url.split("/")[-1].split("?")[0])

        page.on("response", on_response)
        page.goto(site + path, wait_until="networkidle")
        browser.close()
    return sum(sizes), len(sizes), scripts


def main() -> int:
    notebooks = len(list((PROJECT_ROOT / "notebooks").glob("*.ipynb")))
    floor = floor_seconds(notebooks)
    shutil.rmtree(BUILD, ignore_errors=True)
    book = BOOK_CMD + _flags("BOOK_FLAGS")
    clean = _timed(book)
    rebuild = _timed(book)
    nbval = _timed([str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", *_flags("NBVAL_FLAGS"),
                    "notebooks"])
    pages = sorted((p for p in HTML.rglob("*.html") if "_static" not in p.parts),
                   key=lambda p: p.stat().st_size)
    largest = pages[-1]
    over = [p for p in pages if p.stat().st_size > PAGE_LIMIT]
    transferred, requests, chart_scripts = first_visit_bytes(CHAPTER)

    def verdict(ok: bool) -> str:
        return "meets target" if ok else "MISSES target"

    print(f"floor: import pandas+altair, {notebooks} notebooks, same kernel: {floor:6.1f} s")
    print(f"clean build (all notebooks executed):   {clean:6.1f} s = {clean / floor:4.2f}x floor "
          f"(target <= 2.5x: {verdict(clean <= 2.5 * floor)})")
    print(f"rebuild with nothing changed:           {rebuild:6.1f} s = {rebuild / floor:4.2f}x floor "
          f"(target <= 0.5x: {verdict(rebuild <= 0.5 * floor)})")
    print(f"pytest --nbval alone:                   {nbval:6.1f} s = {nbval / floor:4.2f}x floor")
    print(f"largest page: {largest.relative_to(HTML)} {largest.stat().st_size / 1024:.0f} KB "
          f"(target every page <= 400 KB: {verdict(not over)}; {len(over)} over)")
    print(f"first visit to {CHAPTER}: {transferred / 1024:.0f} KB in {requests} requests; "
          f"chart JavaScript files: {sorted(set(chart_scripts))} "
          f"(target one cached file: {verdict(len(set(chart_scripts)) == 1)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
