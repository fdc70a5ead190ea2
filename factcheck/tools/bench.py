"""`make bench`: the book's build and page figures, each beside a floor measured in the same run.

The floor is what any book of this many notebooks must pay: a notebook that only
imports pandas and altair, executed by the same kernel, once per notebook of the
book. Targets: a clean build of both editions (side by side, each executing the notebooks in
its own language, as `make book` runs them) <= 3.0x the floor, a no-change rebuild of both <= 0.5x,
every HTML page <= 400 KB (both editions), no chart runtime loaded before a reader presses a chart,
a first visit to the heaviest chapter <= 0.8 MB over the network and a second chapter visited
after it (same browser, HTTP cache on) <= 300 KB, served gzipped as a static host serves them;
the busiest chapter on a phone (390 px) <= 30,000 px tall with <= 3,000 elements, in both editions.
Last, Lighthouse on six pages of the book it built (factcheck.tools.lighthouse: scores, LCP, TBT
and CLS, the median of three runs), also written to _build/lighthouse.json.

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
from collections import Counter
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .. import PROJECT_ROOT
from ..book.kernels import UnixSocketKernelManager
from ..data.parts import load_parts
from ..data.registry import load_claims
from ..data.source import load_source
from ..render import language
from . import lighthouse
from .browser import BUILT_BOOK as HTML
from .browser import OFFLINE_ARGS, is_local, launch, serve

BUILD = HTML.parent
# The chart scripts (factcheck.book.vega): the runtime, and the file that loads it on a press.
CHART_SCRIPTS = ("vega-bundle.js", "factcheck-charts.js")
BIN = Path(sys.executable).parent


def _flags(name: str) -> list[str]:
    """A command's flags, as the Makefile defines them (its one place)."""
    if name not in os.environ:
        raise SystemExit(f"{name} is not set: run the bench as `make bench`.")
    return shlex.split(os.environ[name])


BOOK_CMD = [str(BIN / "jupyter-book"), "build", str(PROJECT_ROOT)]
CHINESE_CMD = [str(BIN / "python"), "-m", "factcheck.book.editions", "zh"]
CLEAN_LIMIT = 3.0
REBUILD_LIMIT = 0.5
PAGE_LIMIT = 400 * 1024
# Bytes over the network (headers included), in decimal units: 1.5 MB and 400 KB.
FIRST_VISIT_LIMIT = 800_000
SECOND_VISIT_LIMIT = 300_000
# The busiest chapter on a phone: its height (about 35 screens) and its elements.
PHONE_HEIGHT_LIMIT = 30_000
ELEMENT_LIMIT = 3_000


def _timed(*commands: list[str]) -> float:
    """Seconds to run `commands` side by side, as `make book` runs the two editions."""
    start = time.perf_counter()
    environment = {**os.environ, language.VARIABLE: "en"}
    running = [subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=environment) for command in commands]
    if any(process.wait() != 0 for process in running):
        raise SystemExit(f"a build failed: {commands}")
    return time.perf_counter() - start


def busiest_chapter() -> str:
    """The chapter page that gives the most verdicts (data/parts.csv, data/claims.csv)."""
    parts = load_parts()
    counts = Counter(parts[part].page for part in load_claims(load_source())["part"])
    return f"{counts.most_common(1)[0][0]}.html"


def floor_seconds(notebooks: int) -> float:
    cells = [nbformat.v4.new_code_cell("import pandas\nimport altair")]
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        for _ in range(notebooks):
            notebook = nbformat.v4.new_notebook(cells=cells)
            NotebookClient(notebook, kernel_manager_class=UnixSocketKernelManager, kernel_name="python3",
                           resources={"metadata": {"path": folder}}).execute()
        return time.perf_counter() - start


def visits(first: str, second: str) -> list[dict]:
    """What a reader's browser transfers: a first visit to `first`, then `second` in the same
    context with its HTTP cache on (the server sends a static host's cache headers), text gzipped as
    a static host sends it (GitHub Pages does), so the bytes are those a reader's visit transfers.

    Bytes are Chromium's own count of what came over the network (headers and bodies,
    Network.loadingFinished's encodedDataLength): a file taken from the cache counts 0.
    """
    from playwright.sync_api import sync_playwright

    results = []
    with serve(HTML, compressed=True) as site, sync_playwright() as playwright:
        # No page.route: interception would turn the cache off. The host rules keep it offline.
        browser = launch(playwright, OFFLINE_ARGS)
        context = browser.new_context()
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        requests: dict[str, dict] = {}

        def sent(event):
            if event["request"]["url"].startswith("http"):
                requests.setdefault(event["requestId"], {"url": event["request"]["url"], "bytes": 0})

        def finished(event):
            if event["requestId"] in requests:
                requests[event["requestId"]]["bytes"] = event["encodedDataLength"]

        cdp.on("Network.requestWillBeSent", sent)
        cdp.on("Network.loadingFinished", finished)
        offsite: list[str] = []
        page.on("request", lambda r: None if is_local(r.url) or not r.url.startswith("http")
                else offsite.append(r.url))
        for path in (first, second):
            requests.clear()
            page.goto(site + path, wait_until="networkidle")
            got = list(requests.values())
            scripts = {r["url"].split("/")[-1].split("?")[0] for r in got
                       if any(name in r["url"] for name in CHART_SCRIPTS)}
            results.append({"path": path, "bytes": sum(r["bytes"] for r in got),
                            "requests": len(got),
                            "transferred": sum(1 for r in got if r["bytes"] > 0),
                            "chart_scripts": sorted(scripts),
                            "largest": max(got, key=lambda r: r["bytes"])})
        browser.close()
    if site.errors or offsite:
        raise SystemExit(f"the visits had failed or off-site requests: {site.errors} {offsite}")
    return results


def on_a_phone(paths: list[str]) -> dict[str, tuple[int, int]]:
    """Each page's height and element count at 390x844, laid out with its fonts."""
    from playwright.sync_api import sync_playwright

    sizes = {}
    with serve(HTML) as site, sync_playwright() as playwright:
        browser = launch(playwright, OFFLINE_ARGS)
        for path in paths:
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            page.goto(site + path, wait_until="load")
            page.evaluate("() => document.fonts.ready.then(() => true)")
            sizes[path] = tuple(page.evaluate(
                "() => [document.documentElement.scrollHeight, document.querySelectorAll('*').length]"))
            context.close()
        browser.close()
    return sizes


def second_chapter(pages: list[Path]) -> str:
    """The heaviest chapter page other than the busiest: the hardest second visit."""
    chapters = [p for p in pages if p.parent == HTML / "notebooks"
                and p.relative_to(HTML).as_posix() != busiest_chapter()]
    return max(chapters, key=lambda p: p.stat().st_size).relative_to(HTML).as_posix()


def main() -> int:
    notebooks = len(list((PROJECT_ROOT / "notebooks").glob("*.ipynb")))
    floor = floor_seconds(notebooks)
    shutil.rmtree(BUILD, ignore_errors=True)
    book = BOOK_CMD + _flags("BOOK_FLAGS")
    clean_english = _timed(book)
    clean_chinese = _timed(CHINESE_CMD)
    shutil.rmtree(BUILD, ignore_errors=True)
    clean = _timed(book, CHINESE_CMD)
    rebuild = _timed(book, CHINESE_CMD)
    chapter = busiest_chapter()
    nbval = _timed([str(BIN / "pytest"), "-q", "-p", "no:cacheprovider", *_flags("NBVAL_FLAGS"),
                    "notebooks"])
    pages = sorted((p for p in HTML.rglob("*.html") if "_static" not in p.parts),
                   key=lambda p: p.stat().st_size)
    largest = pages[-1]
    over = [p for p in pages if p.stat().st_size > PAGE_LIMIT]
    first, second = visits(chapter, second_chapter(pages))
    chinese_first, _ = visits(f"zh/{chapter}", f"zh/{second['path']}")
    phone = on_a_phone([chapter, f"zh/{chapter}"])

    def verdict(ok: bool) -> str:
        return "meets target" if ok else "MISSES target"

    print(f"floor: import pandas+altair, {notebooks} notebooks, same kernel: {floor:6.1f} s")
    print(f"clean build, English (notebooks executed): {clean_english:6.1f} s = "
          f"{clean_english / floor:4.2f}x floor")
    print(f"clean build, Chinese (notebooks executed): {clean_chinese:6.1f} s = "
          f"{clean_chinese / floor:4.2f}x floor")
    print(f"clean build, both editions side by side:   {clean:6.1f} s = {clean / floor:4.2f}x floor "
          f"(target <= {CLEAN_LIMIT}x: {verdict(clean <= CLEAN_LIMIT * floor)})")
    print(f"rebuild of both with nothing changed:      {rebuild:6.1f} s = {rebuild / floor:4.2f}x floor "
          f"(target <= {REBUILD_LIMIT}x: {verdict(rebuild <= REBUILD_LIMIT * floor)})")
    print(f"pytest --nbval alone:                   {nbval:6.1f} s = {nbval / floor:4.2f}x floor")
    print(f"largest page: {largest.relative_to(HTML)} {largest.stat().st_size / 1024:.0f} KB "
          f"(target every page <= 400 KB: {verdict(not over)}; {len(over)} over)")
    print(f"first visit to {chapter}: {first['bytes']:,} bytes ({first['bytes'] / 1e6:.2f} MB) "
          f"in {first['requests']} requests "
          f"(target <= {FIRST_VISIT_LIMIT / 1e6:.1f} MB: {verdict(first['bytes'] <= FIRST_VISIT_LIMIT)}); "
          f"chart scripts: {first['chart_scripts']} "
          f"(target: no Vega runtime before a press: "
          f"{verdict(CHART_SCRIPTS[0] not in first['chart_scripts'])})")
    print(f"then a second chapter, {second['path']}, same browser, HTTP cache on: "
          f"{second['bytes']:,} bytes ({second['bytes'] / 1e3:.0f} KB) in {second['requests']} requests, "
          f"{second['transferred']} not from the cache "
          f"(target <= {SECOND_VISIT_LIMIT / 1e3:.0f} KB: {verdict(second['bytes'] <= SECOND_VISIT_LIMIT)})")
    print(f"first visit to zh/{chapter}: {chinese_first['bytes']:,} bytes "
          f"({chinese_first['bytes'] / 1e6:.2f} MB) in {chinese_first['requests']} requests "
          f"(target <= {FIRST_VISIT_LIMIT / 1e6:.1f} MB: "
          f"{verdict(chinese_first['bytes'] <= FIRST_VISIT_LIMIT)})")
    for path, (height, elements) in phone.items():
        print(f"{path} at 390 px: {height:,} px tall, {elements:,} elements "
              f"(target <= {PHONE_HEIGHT_LIMIT:,} px and <= {ELEMENT_LIMIT:,}: "
              f"{verdict(height <= PHONE_HEIGHT_LIMIT and elements <= ELEMENT_LIMIT)})")
    # Last, and on its own: Lighthouse times the page on this machine, so nothing else may run.
    return lighthouse.main()


if __name__ == "__main__":
    sys.exit(main())
