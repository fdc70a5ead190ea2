"""How to cite the book: one record, written in the forms its readers use.

The English edition prints an author–title citation; the Chinese edition prints GB/T 7714-2015's
form for an electronic resource ([EB/OL]); both editions offer CSL-JSON (reference managers) and
BibTeX as downloads. The year and the date are the commit's (git), never the clock's or a typed
year; the title and author are _config.yml's, the Chinese title ui.po's.
"""
from __future__ import annotations

import json

from ..render.i18n import gettext_zh
from .publish import book_metadata

CSL_NAME = "chongzuo-fact-check.csl.json"
# Marks the raw node that prints the citation: its address is text to keep as published, not a
# link to make relative, and it is no page's description.
PRINTED = "factcheck_printed_citation"
BIBTEX_NAME = "chongzuo-fact-check.bib"


def record(url: str, date: str, chinese: bool = False) -> dict:
    """The citation's fields: title, author, date (YYYY-MM-DD), year, url, language."""
    meta = book_metadata()
    title = gettext_zh(meta["title"]) if chinese else meta["title"]
    author = gettext_zh(meta["author"]) if chinese else meta["author"]
    return {"title": title, "author": author, "date": date, "year": date[:4], "url": url,
            "language": "zh-Hans" if chinese else "en"}


def english(fields: dict) -> str:
    return f"{fields['author']} ({fields['date']}). {fields['title']}. {fields['url']}"


def gbt7714(fields: dict) -> str:
    """GB/T 7714-2015, an electronic resource: author. Title[EB/OL]. (date updated)[date cited]. URL."""
    return (f"{fields['author']}. {fields['title']}[EB/OL]. ({fields['date']})"
            f"[{fields['date']}]. {fields['url']}.")


def csl_json(fields: dict) -> str:
    year, month, day = (int(part) for part in fields["date"].split("-"))
    item = {"id": "chongzuo-fact-check", "type": "webpage", "title": fields["title"],
            "author": [{"literal": fields["author"]}], "issued": {"date-parts": [[year, month, day]]},
            "URL": fields["url"], "language": fields["language"]}
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


def bibtex(fields: dict) -> str:
    return ("@online{chongzuo-fact-check,\n"
            f"  author = {{{{{fields['author']}}}}},\n"
            f"  title = {{{fields['title']}}},\n"
            f"  year = {{{fields['year']}}},\n"
            f"  date = {{{fields['date']}}},\n"
            f"  url = {{{fields['url']}}},\n"
            f"  langid = {{{'chinese' if fields['language'] != 'en' else 'english'}}},\n"
            "}\n")
