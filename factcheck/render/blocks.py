"""HTML that notebooks display and the book prints: the templated boxes.

Every box (a claim, a verdict, the highlighted article) comes from one Jinja2
template in ``factcheck/render/templates/``, named after it. Values are escaped
with ``html.escape`` on the way in, so a quote or a URL can never break the page.

Every box is written in one language: the one outputs are made in
(:mod:`factcheck.render.language`), or the edition's, for the book's own directives. A
template is rendered with Jinja's i18n extension: its labels are ``{% trans %}`` blocks and
``_()`` calls, identity in English and the catalog's Chinese in Chinese
(:mod:`factcheck.render.i18n`), where a label missing from the catalog raises
``MissingTranslation`` naming it. Data text is picked with the ``local`` filter
(``{{ verdict|local("conclusion") }}`` is ``conclusion`` or ``conclusion_zh``).
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..data.decision import UNVERIFIABLE_KINDS, UNVERIFIABLE_WHEN
from ..data.tables import is_missing
from ..data.translation import CHINESE
from . import language as languages
from .i18n import field_in, gettext_zh, pgettext_en, pgettext_zh, source_name, to_chinese
from .numbers import format_number, format_number_zh

TEMPLATES = Path(__file__).parent / "templates"


class HTMLBlock:
    """A piece of HTML that notebooks display and the book prints: a data table, a claim box."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {"text/html": self.markup}

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        # The default repr holds a memory address, which would differ on every run.
        return f"<HTML: {len(self.markup)} characters>"


def _escape(value) -> Markup:
    """Every value printed by a template: escaped once, as html.escape does it."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def _local(language: str):
    """The `local` filter: a data field in the language rendered (`name`, or `name_zh`)."""
    return lambda item, name: field_in(item, name, chinese=language != "en")


def _source_name(language: str):
    """The `source_name` filter: a source's own title as a <cite>, then our description of it."""
    def name(source) -> Markup:
        title, described = source_name(source, chinese=language != "en")
        return (Markup("<cite>{}</cite>").format(title) if title else Markup("")) + described
    return name


def _ngettext_zh(singular: str, plural: str, n: int) -> str:
    return gettext_zh(singular if n == 1 else plural)


# Kana: a quote from a Japanese machine translation of a Chinese page is Japanese, not Chinese.
KANA = re.compile(r"[\u3040-\u30ff]")


def language_of(text) -> str:
    """The language tag of a source's quote: Japanese, Chinese or English."""
    text = str(text)
    return "ja" if KANA.search(text) else "zh-Hans" if CHINESE.search(text) else "en"


YEAR_SPAN = re.compile(r"\b(\d{4})-(\d{4})\b")
# Digits, not word boundaries: in Chinese text a date runs straight into the next character.
ISO_DAY_IN_TEXT = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
ISO_MONTH_IN_TEXT = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?!\d)")


def dates_in_chinese(text: str) -> str:
    """A source's period ("2024-09-08", "2021-12", "2018-12 / 2019-01", "2023-2024") as Chinese
    writes dates and spans; the forms are in ui.po."""
    text = ISO_DAY_IN_TEXT.sub(lambda m: gettext_zh("%(year)s-%(month)s-%(day)s") % {
        "year": m[1], "month": int(m[2]), "day": int(m[3])}, str(text))
    text = ISO_MONTH_IN_TEXT.sub(lambda m: gettext_zh("%(year)s-%(month)s") % {
        "year": m[1], "month": int(m[2])}, text)
    return YEAR_SPAN.sub("\\1—\\2", text)


def _figure_needs_reading(edition: str):
    """Whether a claim box spells out what the article's figure stands for. Not where the figure
    is its value ("341", "96.56%": "341 = 341 schools" tells a reader nothing), and in Chinese
    not for the units of ten thousand and a hundred million, which are how Chinese writes the
    number anyway; always where the article gives it as approximate ("more than 20")."""
    def needs_reading(claim) -> bool:
        if not is_missing(claim.approximate) and claim.approximate:
            return True
        if edition != "en":
            return False
        figure = "" if is_missing(claim.figure) else str(claim.figure)
        digits = figure[:-1] if figure.endswith("%") and claim.unit == "percent" else figure
        return not (re.fullmatch(r"\d+(\.\d+)?", digits) and float(digits) == float(claim.value))
    return needs_reading


def derived_label(name: str) -> str:
    """A derived value's name as words ("share_of_residents_pct" -> "Share of residents (%)"):
    the folded working names each value a reader sees, in English, and in Chinese by ui.po."""
    unit = ""
    for suffix, words in (("_pct", " (%)"), ("_pp", " (percentage points)"), ("_yuan", " (yuan)")):
        if name.endswith(suffix):
            name, unit = name[:-len(suffix)], words
    text = name.replace("_pp_", " percentage-point ").replace("_", " ").replace("guangxi", "Guangxi")
    return text[:1].upper() + text[1:] + unit


def _sentence_part(label: str) -> str:
    """A label ("Population of Chongzuo") as words inside an English sentence ("population of
    Chongzuo"). An acronym ("GDP ...") keeps its capitals."""
    text = str(label)
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


@lru_cache(maxsize=2)
def environment(language: str = "en") -> jinja2.Environment:
    if language not in languages.LANGUAGES:
        raise ValueError(f"no language {language!r}; the book has {languages.LANGUAGES}")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             finalize=_escape, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=False, extensions=["jinja2.ext.i18n"])
    # {% trans %} blocks are read with their whitespace collapsed: a label is one line.
    env.policies["ext.i18n.trimmed"] = True
    if language == "en":
        env.install_null_translations(newstyle=True)
        env.globals["pgettext"] = pgettext_en
    else:
        env.install_gettext_callables(gettext_zh, _ngettext_zh, newstyle=True, pgettext=pgettext_zh)
    env.filters["number"] = format_number if language == "en" else format_number_zh
    env.filters["local"] = _local(language)
    # Looked up, not formatted: a label such as "Growth (%)" holds a percent sign.
    env.filters["derived_label"] = (derived_label if language == "en"
                                    else lambda name: gettext_zh(derived_label(name)))
    env.filters["source_name"] = _source_name(language)
    env.filters["sentence_part"] = _sentence_part if language == "en" else str
    # Words the book's tables and charts share (a rating's name, "claims"), in the edition's language.
    env.filters["words"] = str if language == "en" else (lambda text: to_chinese(text, strict=True))
    # Why a claim is unverifiable: the words that stand beside its badge, and the rule behind them.
    local = (lambda text: text) if language == "en" else gettext_zh
    env.filters["unverifiable_kind"] = lambda kind: local(UNVERIFIABLE_KINDS[kind])
    env.filters["unverifiable_rule"] = lambda kind: local(UNVERIFIABLE_WHEN[kind])
    # Dates and spans of years: ISO in English; in Chinese as Chinese writes them (2023—2024,
    # and the date forms in ui.po).
    env.filters["dates_in"] = str if language == "en" else dates_in_chinese
    # A source's own words are marked with their language: most are Chinese, a few English.
    env.filters["language_of"] = language_of
    # A value put into a {% trans %} block is not finalized: the `text` filter escapes it as
    # every other value is, and writes a missing one as "".
    env.filters["text"] = lambda value: _escape("" if is_missing(value) else value)
    # An empty cell may reach a template as None, NaN or "": none of them is shown.
    env.tests["present"] = lambda value: not is_missing(value) and value != ""
    env.tests["needing_reading"] = _figure_needs_reading(language)
    return env


def render(template: str, language: str | None = None, **context) -> str:
    """One template of templates/, filled in, in one language: the current one
    (:func:`factcheck.render.language.current`), or the one given: "en", or Chinese ("zh", or
    a tag such as "zh-Hans", which the template receives as `language`)."""
    language = language or languages.current()
    edition = "zh" if languages.is_chinese(language) else "en"
    return environment(edition).get_template(template).render(language=language, **context)


def render_block(template: str, **context) -> HTMLBlock:
    """One template rendered in the current language, as a block a cell shows."""
    return HTMLBlock(render(template, **context))
