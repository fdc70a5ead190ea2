"""How to cite the book: each edition prints its citation with the edition's published address and
the commit's date, in its readers' form, and the downloads give the same record.

Read from the built book (`make book`) and checked against _config.yml, ui.po and git, not
against factcheck.book.citation's own output.
"""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from factcheck.book.editions import FOLDER

ROOT = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
BOOK_URL = CONFIG["html"]["baseurl"]


def _commit_day() -> str:
    day = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", day), day
    return day


def _ui_chinese(msgid: str) -> str:
    with open(ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "ui.po", "rb") as catalog:
        return read_po(catalog)[msgid].string


def _printed(built_book, chinese: bool) -> str:
    page = built_book / (FOLDER if chinese else "") / "book" / "reuse.html"
    forms = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
        "blockquote.citation-form")
    assert len(forms) == 1, f"{page}: {len(forms)} citations"
    return forms[0].get_text(" ", strip=True)


def test_the_english_citation_gives_the_published_address_and_the_commit_date(built_book):
    expected = f"{CONFIG['author']} ({_commit_day()}). {CONFIG['title']}. {BOOK_URL}"
    assert _printed(built_book, chinese=False) == expected


def test_the_chinese_citation_is_in_gbt_7714_form_with_the_chinese_edition_address(built_book):
    day, address = _commit_day(), BOOK_URL + FOLDER + "/"
    author, title = _ui_chinese(CONFIG["author"]), _ui_chinese(CONFIG["title"])
    # GB/T 7714-2015, an electronic resource: author. Title[EB/OL]. (updated)[cited]. address.
    expected = f"{author}. {title}[EB/OL]. ({day})[{day}]. {address}."
    assert _printed(built_book, chinese=True) == expected


@pytest.mark.parametrize("chinese", [False, True], ids=["en", "zh"])
def test_the_downloads_give_the_same_record(built_book, chinese):
    folder = built_book / (FOLDER if chinese else "") / "downloads"
    address = BOOK_URL + (FOLDER + "/" if chinese else "")
    [item] = json.loads((folder / "chongzuo-fact-check.csl.json").read_text(encoding="utf-8"))
    year, month, day = (int(part) for part in _commit_day().split("-"))
    assert (item["URL"], item["issued"]["date-parts"]) == (address, [[year, month, day]])
    bibtex = (folder / "chongzuo-fact-check.bib").read_text(encoding="utf-8")
    assert f"url = {{{address}}}" in bibtex and f"date = {{{_commit_day()}}}" in bibtex
