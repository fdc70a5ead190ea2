"""Keep the page catalogs whole: extract, update, and refuse what is not translated.

    python -m factcheck.tools.translations           # make translations
    python -m factcheck.tools.translations --check   # report only (the tests run this check)

Sphinx's gettext builder extracts every page's messages (index.md, book/*.md and the notebooks' prose)
into _build/gettext/*.pot. Each page's catalog in locales/zh_CN/LC_MESSAGES is then updated
from its template with Babel: a new English entry is added untranslated, a changed one keeps
its old Chinese marked fuzzy for a translator to review, a removed one is dropped. Last, every
shipped catalog (pages, ui.po, the theme's words) is checked: no fuzzy or untranslated entry,
and each entry's Chinese keeps the numbers of its English (`problems`). ui.po is kept by hand:
its msgids are the English the package and the notebooks' code write, which no extractor sees;
a Chinese run that meets one it lacks stops, naming it (factcheck.render.i18n.MissingTranslation).
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from .. import PROJECT_ROOT
from ..data.translation import as_written, numbers_in, placement_problem

LOCALE = PROJECT_ROOT / "locales" / "zh_CN" / "LC_MESSAGES"
TEMPLATES = PROJECT_ROOT / "_build" / "gettext"
# The pages' catalogs, one per page, which the gettext builder's templates update. sphinx.po and
# booktheme.po hold the theme's words that override Sphinx's and the theme's own Chinese; they
# are kept by hand, like ui.po. The root page (index, the introduction) is the one page outside
# the folders.
PAGE_FOLDERS = ("book", "notebooks")
ROOT_PAGES = ("index.pot",)


def _text(value) -> str:
    return value if isinstance(value, str) else (value[0] if value else "")


def problems(path: Path) -> list[str]:
    """What is wrong with one catalog, entry by entry in its order, each naming the file and msgid:
    a fuzzy or untranslated entry; a number of the English missing from its Chinese or one the
    Chinese adds; a number the Chinese says more often than the English; a number the Chinese puts
    in a clause with other numbers, or writes with another unit (translation.placement_problem)."""
    try:
        shown = path.relative_to(PROJECT_ROOT)
    except ValueError:
        shown = path
    with path.open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        if not message.id:
            continue
        english, chinese = _text(message.id), _text(message.string)
        where = f"{shown}: msgid {english[:70]!r}"
        if message.fuzzy:
            found.append(f"{where} is fuzzy: its English changed; review the Chinese, then drop the flag")
            continue
        if not chinese:
            found.append(f"{where} is not translated")
            continue
        en, zh = numbers_in(english), numbers_in(chinese)
        missing, added = sorted(set(en) - set(zh)), sorted(set(zh) - set(en))
        repeated = sorted(value for value in zh if zh[value] > en[value] and value in en)
        if missing or added or repeated:
            found.append(f"{where}: the Chinese drops {as_written(missing, english)}, adds "
                         f"{as_written(added, chinese)}, repeats {as_written(repeated, chinese)}")
        elif problem := placement_problem(english, chinese):
            found.append(f"{where}: {problem}")
    return found


def catalogs() -> list[Path]:
    return sorted(LOCALE.rglob("*.po"))


def extract() -> None:
    """The pages' messages, as Sphinx's gettext builder writes them, into _build/gettext."""
    from jupyter_book.sphinx import build_sphinx

    settings = {"external_toc_path": (PROJECT_ROOT / "_toc.yml").as_posix(), "gettext_compact": False,
                "nb_execution_mode": "off", "nitpicky": True, "latex_individualpages": False}
    status = build_sphinx(PROJECT_ROOT, TEMPLATES, use_external_toc=True, noconfig=True,
                          path_config=str(PROJECT_ROOT / "_config.yml"), confoverrides=settings,
                          doctreedir=TEMPLATES / ".doctrees", builder="gettext", quiet=True)
    if status not in (0, None):
        raise SystemExit("the gettext builder failed (see above)")


def update(template: Path, target: Path) -> Counter:
    """Update one page's catalog from its template; count what changed."""
    with template.open("rb") as handle:
        pot = read_po(handle)
    if target.is_file():
        with target.open("rb") as handle:
            catalog = read_po(handle, locale="zh_CN")
    else:
        from babel.messages.catalog import Catalog

        catalog = Catalog(locale="zh_CN")
    before = {message.id: (message.string, message.fuzzy) for message in catalog if message.id}
    # The header keeps its dates: a catalog changes when its messages do, not with the clock.
    dates = (catalog.creation_date, catalog.revision_date)
    catalog.update(pot, update_header_comment=False)
    catalog.creation_date, catalog.revision_date = dates
    after = {message.id: (message.string, message.fuzzy) for message in catalog if message.id}
    counts = Counter(added=sum(1 for m in after if m not in before),
                     removed=sum(1 for m in before if m not in after),
                     fuzzy=sum(1 for m, (_, fuzzy) in after.items()
                               if fuzzy and not before.get(m, ("", False))[1]))
    if counts["added"] or counts["removed"] or counts["fuzzy"]:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=False, ignore_obsolete=True,
                     include_previous=True, sort_output=False)
    return counts


def main(arguments: list[str]) -> int:
    if "--check" not in arguments:
        extract()
        pages = sorted([TEMPLATES / name for name in ROOT_PAGES]
                       + [path for folder in PAGE_FOLDERS for path in (TEMPLATES / folder).rglob("*.pot")])
        for template in pages:
            relative = template.relative_to(TEMPLATES).with_suffix(".po")
            counts = update(template, LOCALE / relative)
            if any(counts.values()):
                print(f"{relative}: {counts['added']} new, {counts['fuzzy']} now fuzzy, "
                      f"{counts['removed']} removed")
    found = [problem for path in catalogs() for problem in problems(path)]
    for problem in found:
        print(problem, file=sys.stderr)
    print(f"{len(catalogs())} catalogs, {len(found)} problems", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
