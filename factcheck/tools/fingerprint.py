"""The fingerprint of everything the built book is made from.

    python -m factcheck.tools.fingerprint

jupyter-cache keys a notebook on its code cells only, and Sphinx rewrites a page
only when its source changes, so a change in data/ or in the package could leave
a page showing old numbers. `make book` compares this fingerprint with the one
stored beside the last build and starts from a clean _build when they differ.
"""
from __future__ import annotations

import hashlib
import sys

from .. import PROJECT_ROOT

INPUTS = ("data", "factcheck", "locales", "notebooks", "book", "index.md", "_config.yml", "_toc.yml",
          "requirements.txt", "pyproject.toml")
IGNORED_PARTS = {"__pycache__", ".ipynb_checkpoints"}
# Sphinx compiles each .po of locales/ into a .mo beside it: an output, not an input.
IGNORED_SUFFIXES = {".mo", ".pyc"}


def input_files() -> list:
    files = []
    for name in INPUTS:
        path = PROJECT_ROOT / name
        candidates = [path] if path.is_file() else sorted(path.rglob("*"))
        files += [p for p in candidates if p.is_file() and not IGNORED_PARTS & set(p.parts)
                  and p.suffix not in IGNORED_SUFFIXES]
    return sorted(files)


def fingerprint() -> str:
    digest = hashlib.sha256()
    for path in input_files():
        digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


if __name__ == "__main__":
    print(fingerprint())
    sys.exit(0)
