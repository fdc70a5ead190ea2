"""The Chinese of everything the render layer writes, when outputs are made in Chinese.

The language is a setting of execution (:mod:`factcheck.render.language`): the Chinese
edition runs the notebooks with it set to Chinese, and every output is then written in
Chinese only. Text that carries numbers (a chart's description, a title that counts claims)
is written by :func:`localised` from a template with ``{name}`` placeholders, whose Chinese is
in the catalog. Every other English string is looked up in two places, in this order:

1. the interface catalog, ``locales/zh_CN/LC_MESSAGES/ui.po`` (gettext; msgid = the exact
   English): template labels, chart titles, axis and legend titles, category labels,
   column names, table captions;
2. the data: every ``<name>_zh`` column of the tables in data/ beside its ``<name>``
   (claim subjects, part titles, conclusions...), and the Chinese the data layer keeps
   next to its English definitions (rating names, grades, kinds of unverifiable claims).

Only text with Latin letters is looked up: a number, a date or Chinese needs no translation.
"""
from __future__ import annotations

import re
import string
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from .. import PROJECT_ROOT
from ..data import decision, references, verdicts
from ..data.tables import TRANSLATION_SUFFIX, load_datapackage, load_resource
from . import language

CATALOG = PROJECT_ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "ui.po"
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


@lru_cache(maxsize=8)
def read_catalog(path: Path = CATALOG, context: str | None = None) -> dict[str, str]:
    """msgid -> msgstr for every translated, non-fuzzy message of a .po file that has the
    context `context` (None: the messages without one)."""
    with Path(path).open("rb") as handle:
        catalog = read_po(handle)
    return {message.id: message.string for message in catalog
            if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
            and message.context == context}


def catalog(context: str | None = None) -> dict[str, str]:
    return read_catalog(CATALOG, context)


def gettext_zh(msgid: str) -> str:
    """The catalog's Chinese of an interface string; MissingTranslation when there is none."""
    try:
        return catalog()[msgid]
    except KeyError:
        raise MissingTranslation(msgid) from None


def pgettext_zh(context: str, msgid: str) -> str:
    """The catalog's Chinese of a word in a context (the decision table's "outcome", "check",
    "scope"), where the same English means another thing elsewhere."""
    try:
        return catalog(context)[msgid]
    except KeyError:
        raise MissingTranslation(f"{msgid} (msgctxt {context!r})") from None


# The decision table's ids, as an English reader reads them on a card (claims.json keeps the ids).
ENGLISH_WORDS = {
    "check": {"arithmetic": "Arithmetic", "consistency": "Consistency within the article",
              "comparability": "Comparability", "wording": "Wording", "external": "Outside source",
              "search": "Search for a source"},
    "outcome": {"consistent": "agrees", "inconsistent": "cannot all be true",
                "computed": "worked out for context; it does not test the claim", "misleading": "misleading",
                "base-changed": "bases differ, unannounced", "slip": "a slip of wording",
                "comparable": "like for like", "unstated": "basis not stated",
                "not-comparable": "measures something else", "matches": "matches", "differs": "differs",
                "official-record-not-found": "official record not found",
                "no-record-found": "no record found", "no-measure": "no like-for-like measure"},
}
# A kind or outcome added to the decision table needs its words here, or a card would show its id.
assert ENGLISH_WORDS["check"].keys() == decision.OUTCOMES.keys()
assert ENGLISH_WORDS["outcome"].keys() == {o for outcomes in decision.OUTCOMES.values() for o in outcomes}


def pgettext_en(context: str, msgid: str) -> str:
    """The English words for a decision-table id (ENGLISH_WORDS); any other msgid as it is."""
    return ENGLISH_WORDS.get(context, {}).get(msgid, msgid)


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


def quoted_alternatives(names, chinese: bool) -> str:
    """Names in quotation marks, as alternatives: the last joined by the catalog's word for "or";
    the others by a comma in English, by nothing in Chinese, where quoted names in a row take no
    separator (GB/T 15834)."""
    quoted = [f"“{name}”" for name in names]
    if len(quoted) < 2:
        return "".join(quoted)
    first = ("" if chinese else ", ").join(quoted[:-1])
    return interface_words(chinese)("%(first)s or %(last)s") % {"first": first, "last": quoted[-1]}


def source_name(source, chinese: bool) -> tuple[str, str]:
    """A source as the book names it, in two parts: its own title (may be empty), and what it
    is in our words, in brackets and in the edition's language (empty when there is none)."""
    title, described = (value if isinstance(value, str) else ""
                        for value in (source["title"], field_in(source, "described_as", chinese)))
    # Each edition gives a title in the other language in its own too, before our description.
    rendering = source.get("title_zh" if chinese else "title_en")
    if isinstance(rendering, str) and rendering:
        described = f"“{rendering}”" + (("；" if chinese else "; ") + described if described else "")
    if not described:
        return title, ""
    if chinese:
        return title, f"（{described}）"
    return title, f" ({described})" if title else f"({described})"


def source_title(source, chinese: bool) -> str:
    """:func:`source_name` as one text."""
    return "".join(source_name(source, chinese))


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
    """The scale's records: ratings and grades, in both languages."""
    for rating in verdicts.load_ratings().values():
        yield rating.name, rating.name_zh
        yield rating.meaning, rating.meaning_zh
    for grade in references.load_grades().values():
        yield grade.label, grade.label_zh
        yield grade.meaning, grade.meaning_zh


# ---------------------------------------------------------------- looking up

def translation(text: str) -> str | None:
    """The Chinese of `text`, from the catalog or the data; None if neither has it."""
    if not needs_translation(text):
        return None
    for table in (catalog(), data_translations()):
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


def localised(msgid: str, /, **values) -> str:
    """`msgid` (English with ``{name}`` placeholders, format specs allowed) in the current
    language, filled in with `values`: the English, or the catalog's msgstr for `msgid`, in
    which a value that is text is put in Chinese (:func:`to_chinese`)."""
    fields = {name for _, name, _, _ in string.Formatter().parse(msgid) if name}
    if fields != set(values):
        raise TypeError(f"localised({msgid!r}) takes the values {sorted(fields)}, got {sorted(values)}")
    if not language.is_chinese():
        return msgid.format(**values)
    return _chinese_numbers(gettext_zh(msgid), values)


def _chinese_numbers(template: str, values: dict) -> str:
    """A msgstr filled in the Chinese way: a number whose placeholder asks for thousands
    separators ({n:,.0f}) is written without them, in ten-thousands or hundred-millions when large
    (render/numbers.py); text is put in
    Chinese."""
    from .numbers import format_number_zh

    filled, pieces = {}, []
    for literal, name, spec, conversion in string.Formatter().parse(template):
        pieces.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is None:
            continue
        value = values[name]
        if spec and "," in spec and isinstance(value, int | float | Decimal):
            filled[name] = format_number_zh(format(value, spec.replace(",", "")))
            pieces.append("{" + name + "}")
        else:
            filled[name] = to_chinese(value)
            converted = f"!{conversion}" if conversion else ""
            pieces.append("{" + name + converted + (f":{spec}" if spec else "") + "}")
    return "".join(pieces).format(**filled)
