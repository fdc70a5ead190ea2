"""What a reader sees on every page: no "nan", no "None", no count printed as a float, no
markdown asterisks left as text.

Reads the built book (`make book` first; `make test` does). Only visible text is
read: scripts, styles and the JSON-LD are skipped, and so are code cells' inputs,
where `None` is Python, and charts' axis labels.
"""
import json
import re

import pytest
from bs4 import BeautifulSoup

from factcheck import PROJECT_ROOT

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))

GLITCHES = {
    "nan": re.compile(r"(?i)\bnan\b"),  # pandas writes NaN
    # Python's None shown as a value; "None of the counts ..." is English.
    "None": re.compile(r"\bNone\b(?! [a-z])"),
    # A count printed as a float: "21.0", "1,998.0" (a rate such as 99.13 is fine).
    # (Licence versions, "Attribution 4.0" and its Chinese name "署名 4.0", are names, not counts.)
    "float count": re.compile(r"(?<![\d.])(?<!Attribution )(?<!CC BY )(?<!署名 )\d[\d,]*\.0(?![\d%])"),
    # Markdown emphasis the parser did not take: in Chinese a closing ** after a full stop and
    # before a character ("**资金。**原文") stays two asterisks on the page.
    "literal asterisks": re.compile(r"\*\*"),
}


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    for cell_input in soup.select(".cell_input, .highlight"):
        cell_input.decompose()
    # A chart's axis labels are its scale's ticks, which a continuous axis may well write as 1.0
    # (the rest of a chart's drawing, its tooltips included, is read).
    for ticks in soup.select(".factcheck-chart .role-axis-label"):
        ticks.decompose()
    return soup.get_text(" ")


def glitches(text: str) -> list[str]:
    found = []
    for name, pattern in GLITCHES.items():
        for match in pattern.finditer(text):
            found.append(f"{name}: …{text[max(0, match.start() - 40):match.end() + 20]}…")
    return found


@pytest.mark.parametrize("sample, expected", [
    ("Figure: nan = nan", ["nan", "nan"]), ("event  NaN  NaN", ["nan", "nan"]), ("published None.", ["None"]),
    ("counted: 21.0 colleges", ["float count"]),
    ("a rate of 99.13%, 21 colleges, 0.6 percentage points, 3.0% and nanjing. None of them", []),
    ("Creative Commons Attribution 4.0 International (CC BY 4.0)", []),
    ("知识共享署名 4.0 国际许可协议；共 21.0 所", ["float count"]),
    ("**资金与项目。**“2023年以来”", ["literal asterisks", "literal asterisks"]),
])
def test_the_glitch_finder_finds_what_it_should(sample, expected):
    assert [g.split(":")[0] for g in glitches(sample)] == expected


def test_no_page_shows_nan_none_or_a_float_count(built_book):
    problems = []
    for page in sorted(built_book.rglob("*.html")):
        if {"_static", "_sources"} & set(page.relative_to(built_book).parts):
            continue
        for glitch in glitches(visible_text(page.read_text(encoding="utf-8"))):
            problems.append(f"{page.relative_to(built_book)}: {glitch}")
    assert problems == []


# What a notebook shows its reader in JupyterLab or on GitHub: the stored text outputs.
READER_MIME_TYPES = ("text/html", "text/plain")


def stored_texts(notebook: dict) -> list[str]:
    texts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                texts.append("".join(output["text"]))
            for mime, value in output.get("data", {}).items():
                if mime in READER_MIME_TYPES:
                    texts.append("".join(value) if isinstance(value, list) else value)
    return texts


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_stored_output_shows_nan_none_or_a_float_count(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    problems = [glitch for text in stored_texts(notebook)
                for glitch in glitches(visible_text(text) if "<" in text else text)]
    assert problems == []
