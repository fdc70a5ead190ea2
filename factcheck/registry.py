"""Loading the project's CSV tables against their Table Schemas.

data/datapackage.json is the single description of every CSV: its columns,
types, constraints and keys. This loader enforces that description itself so
that a bad row fails with one error naming the file, the row and the field.
Rows are numbered as in the file: the header is row 1, the first record row 2.
"""
from __future__ import annotations

import csv
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from . import DATA_DIR, DataError
from .mentions import extract_mentions
from .numbers import NumberParseError, parse_quantity
from .source import Source, load_source

DATAPACKAGE = DATA_DIR / "datapackage.json"


def load_datapackage(path: Path = DATAPACKAGE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def resource(name: str, datapackage: dict | None = None) -> dict:
    package = datapackage or load_datapackage()
    for res in package["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no resource named {name!r} in {DATAPACKAGE}")


def _convert(value: str, field: dict, file, row: int):
    kind = field.get("type", "string")
    name = field["name"]
    if value == "":
        return None
    if kind == "number":
        try:
            number = Decimal(value)
        except InvalidOperation:
            raise DataError(file, row, name, f"expected a number, got {value!r}") from None
        if not number.is_finite():
            raise DataError(file, row, name, f"expected a finite number, got {value!r}")
        return number
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise DataError(file, row, name, f"expected an integer, got {value!r}")
        return int(value)
    if kind == "boolean":
        if value not in ("true", "false"):
            raise DataError(file, row, name, f"expected true or false, got {value!r}")
        return value == "true"
    return value


def display_path(path: Path):
    try:
        return path.relative_to(DATA_DIR.parent)
    except ValueError:
        return path


def read_table(path: Path, schema: dict) -> list[dict]:
    """Read one CSV and check it against a Table Schema; return typed rows."""
    path = Path(path)
    shown = display_path(path)
    fields = schema["fields"]
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            records = list(csv.reader(handle, strict=True))
    except UnicodeDecodeError as exc:
        raise DataError(shown, None, None, f"not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise DataError(shown, None, None, f"not valid CSV ({exc})") from None
    if not records:
        raise DataError(shown, 1, None, "the file is empty; expected a header row")
    header = records[0]
    expected = [f["name"] for f in fields]
    for name in expected:
        if name not in header:
            raise DataError(shown, 1, name, "missing column")
    for name in header:
        if name not in expected:
            raise DataError(shown, 1, name, "unexpected column (not in the Table Schema)")
    if header != expected:
        raise DataError(shown, 1, None, f"columns out of order; expected {expected}")

    keys = schema.get("primaryKey", [])
    keys = [keys] if isinstance(keys, str) else keys
    unique = {f["name"] for f in fields if f.get("constraints", {}).get("unique")} | set(keys)
    seen: dict[str, dict] = {name: {} for name in unique}
    rows = []
    for row_number, record in enumerate(records[1:], start=2):
        if len(record) != len(header):
            raise DataError(shown, row_number, None,
                            f"has {len(record)} values, the header has {len(header)}")
        row = {}
        for field, value in zip(fields, record):
            name, constraints = field["name"], field.get("constraints", {})
            if value == "" and constraints.get("required"):
                raise DataError(shown, row_number, name, "is required but empty")
            if value != value.strip():
                raise DataError(shown, row_number, name, "has leading or trailing spaces")
            if value and "enum" in constraints and value not in constraints["enum"]:
                raise DataError(shown, row_number, name,
                                f"{value!r} is not one of {constraints['enum']}")
            if value and "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
                raise DataError(shown, row_number, name,
                                f"{value!r} does not match the pattern {constraints['pattern']}")
            row[name] = _convert(value, field, shown, row_number)
            if name in unique and value:
                if value in seen[name]:
                    raise DataError(shown, row_number, name,
                                    f"duplicate {value!r} (first at row {seen[name][value]})")
                seen[name][value] = row_number
        row["_row"] = row_number
        rows.append(row)
    return rows


def load_resource(name: str, path: Path | None = None) -> tuple[list[dict], Path]:
    """Read a resource of the data package; `path` reads another copy of it (tests)."""
    res = resource(name)
    path = Path(path) if path else DATA_DIR / res["path"]
    return read_table(path, res["schema"]), path


def check_figure_value(path: Path, row: int, figure: str, value: Decimal,
                       reading: str | None = None):
    """The figure as written, read as a quantity, must equal the registered value.

    `reading` is the part of the figure to parse, when that is not all of it.
    Returns the parsed quantity.
    """
    try:
        parsed = parse_quantity(figure if reading is None else reading)
    except NumberParseError as exc:
        raise DataError(display_path(path), row, "figure", str(exc)) from None
    if parsed.value != value:
        raise DataError(display_path(path), row, "value",
                        f"{value} does not equal the figure {figure!r} read as {parsed.value}")
    return parsed


def to_frame(rows: list[dict]) -> pd.DataFrame:
    """Checked rows as a DataFrame, without the row numbers.

    Numbers are Decimals while they are checked against their figures; the
    notebooks compute with floats.
    """
    frame = pd.DataFrame(rows).drop(columns="_row")
    for column in frame.columns:
        if any(isinstance(v, Decimal) for v in frame[column]):
            frame[column] = frame[column].map(lambda v: None if v is None else float(v))
    return frame


def is_missing(value) -> bool:
    """An empty cell, as to_frame leaves it: None, or NaN in a float column."""
    return value is None or (isinstance(value, float) and pd.isna(value))


def check_claim_rows(rows: list[dict], path: Path, source: Source) -> list[dict]:
    """Checks the Table Schema cannot express: each quote is in the source,
    within its part, and each figure is a number in its quote with the stated value."""
    shown = display_path(path)
    for row in rows:
        n = row["_row"]
        try:
            location = source.locate(row["quote"], row["part"])
        except LookupError as exc:
            raise DataError(shown, n, "quote", str(exc)) from None
        row.update(start=location.start, end=location.end,
                   raw_start=location.raw_start, raw_end=location.raw_end)
        figure = row["figure"]
        if figure is None:
            if row["value"] is not None or row["unit"] is not None:
                raise DataError(shown, n, "figure",
                                "a claim with a value or unit needs the figure as written")
            continue
        if row["value"] is None or row["unit"] is None:
            raise DataError(shown, n, "value", "a claim with a figure needs a value and a unit")
        in_quote = [m for m in extract_mentions(row["quote"]) if m.text == figure]
        if len(in_quote) != 1:
            raise DataError(shown, n, "figure",
                            f"{figure!r} must appear exactly once as a number in the quote "
                            f"(found {len(in_quote)} times)")
        # An ordinal (第一) is read as its number.
        parsed = check_figure_value(path, n, figure, row["value"], reading=figure.removeprefix("第"))
        if parsed.approximate != row["approximate"]:
            raise DataError(shown, n, "approximate",
                            f"the figure {figure!r} is {'' if parsed.approximate else 'not '}approximate")
    return rows


def load_claims(source: Source | None = None, path: Path | None = None) -> pd.DataFrame:
    """The claim registry, checked against its schema and against the source."""
    source = source or load_source()
    rows, path = load_resource("claims", path)
    rows = check_claim_rows(rows, path, source)
    return to_frame(rows)


def load_exclusions(source: Source | None = None, path: Path | None = None) -> pd.DataFrame:
    source = source or load_source()
    rows, path = load_resource("mention_exclusions", path)
    for row in rows:
        if row["mention"] not in row["context"]:
            raise DataError(display_path(path), row["_row"], "context",
                            f"the context does not contain the mention {row['mention']!r}")
        if row["context"] not in source.text:
            raise DataError(display_path(path), row["_row"], "context",
                            f"the context is not in the source: {row['context']!r}")
    return to_frame(rows)
