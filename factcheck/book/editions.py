"""The book's two editions: English at _build/html, Chinese (简体中文) at _build/html/zh.

    python -m factcheck.book.editions zh     # after `jupyter-book build .` (make book)

Both are built from the same sources and the same executed notebooks. The Chinese edition
runs Sphinx again with the language set to zh_CN: the prose comes from the gettext catalogs
in locales/zh_CN/LC_MESSAGES (one .po file a page), and each output shows its Chinese twin
(factcheck.render.i18n), which strict nbval keeps as current as the English one. Nothing is
executed again: the Chinese edition renders the outputs stored in the notebooks.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .. import PROJECT_ROOT
from ..render import blocks, charts

BUILD = PROJECT_ROOT / "_build"
ENGLISH = BUILD / "html"
FOLDER = "zh"
CHINESE_OUTPUT = ENGLISH / FOLDER
LANGUAGE = "zh_CN"
# The Chinese twins first (lower is preferred in myst-nb), then what the English edition shows.
CHINESE_MIME_PRIORITY = [(builder, mime, priority)
                         for builder in ("html", "dirhtml", "singlehtml")
                         for mime, priority in ((charts.ZH_VEGALITE_MIME_TYPE, 0),
                                                (blocks.ZH_HTML_MIME_TYPE, 2))]
OVERRIDES = {
    "language": LANGUAGE,
    "locale_dirs": [str(PROJECT_ROOT / "locales")],
    "gettext_compact": False,
    "nb_execution_mode": "off",
    "nb_mime_priority_overrides": CHINESE_MIME_PRIORITY,
    "html_title": "崇左教育说法核查",
}


def overrides() -> dict:
    """OVERRIDES with the interface strings Sphinx extensions print, from ui.po."""
    from ..render.i18n import gettext_zh
    return {**OVERRIDES, "nb_code_prompt_show": gettext_zh("Show code"),
            "nb_code_prompt_hide": gettext_zh("Hide code")}


def is_chinese(config) -> bool:
    return (config.language or "").startswith("zh")


def build_chinese(strict: bool = True) -> int:
    from jupyter_book.sphinx import build_sphinx

    settings = {"external_toc_path": (PROJECT_ROOT / "_toc.yml").as_posix(),
                 "latex_individualpages": False, "nitpicky": True, **overrides()}
    result = build_sphinx(PROJECT_ROOT, CHINESE_OUTPUT, use_external_toc=True, noconfig=True,
                          path_config=str(PROJECT_ROOT / "_config.yml"), confoverrides=settings,
                          doctreedir=BUILD / ".doctrees-zh", builder="html",
                          warningiserror=strict, keep_going=True, quiet=True)
    return 0 if result in (0, None) else 1


def main(argv: list[str]) -> int:
    if argv != [FOLDER]:
        print("usage: python -m factcheck.book.editions zh", file=sys.stderr)
        return 2
    status = build_chinese()
    print(f"The Chinese edition is at {Path(CHINESE_OUTPUT) / 'index.html'}"
          if status == 0 else "The Chinese edition failed to build.", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
