"""The Chinese (简体中文) of everything the render layer writes, beside its English.

The notebooks are executed once and every output carries both languages: an HTML block
its English under ``text/html`` and its Chinese under its own mimetype, a chart its
Vega-Lite spec and a translated copy (:func:`factcheck.render.charts.translate_spec`).
The Chinese comes from three places, looked up in this order:

1. the strings :func:`bilingual` recorded: text that carries numbers (a chart's
   description, a title that counts claims) is written from a template with ``{name}``
   placeholders, whose Chinese is in the catalog, and both languages are filled in with
   the same values;
2. the interface catalog, ``locales/zh_CN/LC_MESSAGES/ui.po`` (gettext; msgid = the exact
   English): template labels, chart titles, axis and legend titles, category labels,
   column names, table captions;
3. the data: every ``<name>_zh`` column of the tables in data/ beside its ``<name>``
   (claim subjects, part titles, conclusions...), and the Chinese the data layer keeps
   next to its English definitions (rating names, grades, kinds of unverifiable claims).

Only text with Latin letters is looked up: a number, a date or Chinese needs no translation.
"""
from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from .. import PROJECT_ROOT
from ..data import decision, references, verdicts
from ..data.tables import TRANSLATION_SUFFIX, load_datapackage, load_resource

CATALOG = PROJECT_ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "ui.po"
LANGUAGES = ("en", "zh")
_LATIN = re.compile(r"[A-Za-z]")


class MissingTranslation(LookupError):
    """An interface string that the catalog does not translate."""

    def __init__(self, msgid: str, catalog: Path = CATALOG):
        self.msgid = msgid
        try:
            shown = catalog.relative_to(PROJECT_ROOT)
        except ValueError:
            shown = catalog
        super().__init__(f"{msgid!r} has no Chinese in {shown}: add it there (msgid is the exact English)")


@lru_cache(maxsize=4)
def read_catalog(path: Path = CATALOG) -> dict[str, str]:
    """msgid -> msgstr for every translated, non-fuzzy message of a .po file."""
    with Path(path).open("rb") as handle:
        catalog = read_po(handle)
    return {message.id: message.string for message in catalog
            if message.id and isinstance(message.id, str) and message.string and not message.fuzzy}


def catalog() -> dict[str, str]:
    return read_catalog(CATALOG)


def gettext_zh(msgid: str) -> str:
    """The catalog's Chinese of an interface string; MissingTranslation when there is none."""
    try:
        return catalog()[msgid]
    except KeyError:
        raise MissingTranslation(msgid) from None


def interface_words(chinese: bool):
    """What turns an interface string into the edition's words: the catalog, or nothing."""
    return gettext_zh if chinese else str


def field_in(item, name: str, chinese: bool):
    """A data field in the edition's language: `name`, or `name_zh`, as a key of `item` (a row)
    or its attribute; a clear error when it has neither."""
    name = name + TRANSLATION_SUFFIX if chinese else name
    if isinstance(item, dict) or hasattr(item, "keys"):
        if name in item.keys():
            return item[name]
    elif hasattr(item, name):
        return getattr(item, name)
    raise LookupError(f"{type(item).__name__} has no field {name!r}")


def needs_translation(text) -> bool:
    return isinstance(text, str) and bool(_LATIN.search(text))


# ---------------------------------------------------------------- the data's own Chinese

@lru_cache(maxsize=1)
def data_translations() -> dict[str, str]:
    """English -> Chinese from the data: every `<name>_zh` column beside its `<name>`, and the
    Chinese the data layer defines next to its English (ratings, grades, kinds)."""
    pairs: dict[str, str] = {}

    def add(english, chinese) -> None:
        if needs_translation(english) and isinstance(chinese, str) and chinese:
            pairs.setdefault(str(english), chinese)

    for resource in load_datapackage()["resources"]:
        names = [field["name"] for field in resource.get("schema", {}).get("fields", [])]
        translated = [name for name in names
                      if name.endswith(TRANSLATION_SUFFIX) and name.removesuffix(TRANSLATION_SUFFIX) in names]
        if not translated:
            continue
        rows, _ = load_resource(resource["name"])
        for row in rows:
            for name in translated:
                add(row[name.removesuffix(TRANSLATION_SUFFIX)], row[name])
    for english, chinese in _defined_pairs():
        add(english, chinese)
    return pairs


def _defined_pairs():
    """The Chinese the data layer keeps in code next to its English definitions."""
    for rating in verdicts.RATINGS.values():
        yield rating.name, rating.name_zh
        yield rating.meaning, rating.meaning_zh
    for rule in (*decision.RULES, decision.FALLBACK):
        yield rule.when, rule.when_zh
    yield from _zipped(decision.UNVERIFIABLE_KINDS, decision.UNVERIFIABLE_KINDS_ZH)
    yield from _zipped(references.GRADES, references.GRADES_ZH)


def _zipped(english: dict, chinese: dict):
    """The English and Chinese texts of two dicts with the same keys, pair by pair."""
    for key, text in english.items():
        yield text, chinese.get(key)


# ---------------------------------------------------------------- looking up

# English -> Chinese of every string bilingual() made in this process.
_RECORDED: dict[str, str] = {}


def translation(text: str) -> str | None:
    """The Chinese of `text`, from what bilingual() recorded, the catalog or the data; None if none."""
    if not needs_translation(text):
        return None
    for table in (_RECORDED, catalog(), data_translations()):
        if text in table:
            return table[text]
    return None


def to_chinese(text, *, strict: bool = False):
    """`text` in Chinese where a translation is known. Text without Latin letters (and any
    value that is not a string) is returned as it is; other text without a translation is
    returned as it is, or, with `strict`, raises MissingTranslation."""
    if not needs_translation(text):
        return text
    chinese = translation(text)
    if chinese is None:
        if strict:
            raise MissingTranslation(text)
        return text
    return chinese


def bilingual(msgid: str, /, **values) -> str:
    """`msgid` (English with ``{name}`` placeholders, format specs allowed) filled in with
    `values`, and its Chinese (the catalog's msgstr for `msgid`) filled in with the same
    values, recorded so that charts and tables find it. Returns the English.

    A value that is text is put into the Chinese in Chinese (:func:`to_chinese`).
    """
    fields = {name for _, name, _, _ in string.Formatter().parse(msgid) if name}
    if fields != set(values):
        raise TypeError(f"bilingual({msgid!r}) takes the values {sorted(fields)}, got {sorted(values)}")
    english = msgid.format(**values)
    chinese = gettext_zh(msgid).format(**{name: to_chinese(value) for name, value in values.items()})
    record(english, chinese)
    return english


def record(english: str, chinese: str) -> None:
    """Remember the Chinese of a string made here (a description, a title with numbers)."""
    if needs_translation(english):
        _RECORDED[english] = chinese
