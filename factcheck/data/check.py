"""`make check-data`: read and check every table of data/ before anything runs on it.

    python -m factcheck.data.check

A bad cell stops here with one line that names the file, the row and the field,
before a notebook runs or a test is collected, so it is the first and the last
thing a user sees.
"""
from __future__ import annotations

import sys

from . import DataError
from .findings import load_findings
from .glossary import load_glossary
from .parts import load_parts
from .provenance import load_provenance
from .references import load_reference_figures
from .registry import load_claims, load_exclusions
from .source import SourceChangedError, load_source
from .verdicts import load_verdict_records


def check_all() -> str:
    """Load everything the book reads; return a one-line summary, or raise DataError."""
    load_parts.cache_clear()
    source = load_source()
    claims = load_claims(source)
    load_exclusions(source)
    references = load_reference_figures()
    verdicts = load_verdict_records(source, claims=claims, references=references)
    findings = load_findings(verdicts)
    glossary = load_glossary()
    load_provenance(source)
    return (f"data/ is valid: {len(claims)} claims, {len(verdicts)} verdicts, "
            f"{len(references)} reference figures, {len(findings)} key findings, "
            f"{len(glossary)} glossary terms")


def main(argv: list[str]) -> int:
    """Print the summary, or the one problem and exit 1.

    With --problem-only, print nothing when data/ is valid and the problem alone when it is
    not, exiting 0 either way: the Makefile turns that line into its one error message.
    """
    problem_only = "--problem-only" in argv
    try:
        summary = check_all()
    except (DataError, SourceChangedError) as error:
        print(str(error) if problem_only else f"data/ is invalid: {error}",
              file=sys.stdout if problem_only else sys.stderr)
        return 0 if problem_only else 1
    if not problem_only:
        print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
