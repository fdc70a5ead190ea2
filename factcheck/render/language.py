"""Which language the render layer writes: a setting of execution, read when output is made.

The English edition runs the notebooks as they are; the Chinese edition runs them again with
``FACTCHECK_LANGUAGE=zh`` (factcheck.book.editions), so each stored output carries one language.
In JupyterLab, run ``%env FACTCHECK_LANGUAGE=zh`` (or :func:`use`) before a chapter's cells.
"""
from __future__ import annotations

import os

VARIABLE = "FACTCHECK_LANGUAGE"
LANGUAGES = ("en", "zh")
DEFAULT = "en"


def current() -> str:
    """The language outputs are written in now: "en" unless the setting says "zh"."""
    language = os.environ.get(VARIABLE, DEFAULT) or DEFAULT
    if language not in LANGUAGES:
        raise ValueError(f"{VARIABLE}={language!r}: the book is written in {', '.join(LANGUAGES)}")
    return language


def is_chinese(language: str | None = None) -> bool:
    """True for Chinese: the current language, or a tag such as "zh" or "zh-Hans"."""
    return (language or current()).startswith("zh")


def use(language: str) -> None:
    """Write the following outputs in `language` (this process and the kernels it starts)."""
    if language not in LANGUAGES:
        raise ValueError(f"no language {language!r}; the book is written in {', '.join(LANGUAGES)}")
    os.environ[VARIABLE] = language
