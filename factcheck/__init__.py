"""Shared logic for the Chongzuo education fact-check book.

Everything a reader needs to follow a verdict stays in the notebooks; this
package only holds what two or more notebooks, the tests or the book build share:
loading the source, parsing numbers, loading the registries, and drawing charts.
"""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


class DataError(ValueError):
    """A problem with a file in data/, naming the file, the row and the field."""

    def __init__(self, file, row, field, message):
        self.file = str(file)
        self.row = row
        self.field = field
        self.message = message
        where = f"{self.file}"
        if row is not None:
            where += f", row {row}"
        if field is not None:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")
