"""The data layer: everything read from data/, checked, with no HTML and no charts."""
from __future__ import annotations

from .. import DATA_DIR, PROJECT_ROOT

__all__ = ["DATA_DIR", "PROJECT_ROOT", "DataError"]


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
