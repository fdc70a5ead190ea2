"""Reading the project's CSV tables against their Table Schemas.

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
from .numbers import NumberParseError, parse_quantity
from .translation import CHINESE, as_written, latin_words, number_difference, placement_problem

# A column named `<name>_zh` is the Chinese of the column `<name>` of the same table.
TRANSLATION_SUFFIX = "_zh"

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
    keys = [keys] if isinstance(keys, str) else list(keys)
    unique = {f["name"] for f in fields if f.get("constraints", {}).get("unique")}
    if len(keys) == 1:
        unique |= set(keys)
    seen: dict[str, dict] = {name: {} for name in unique}
    seen_keys: dict[tuple, int] = {}
    rows = []
    for row_number, record in enumerate(records[1:], start=2):
        if len(record) != len(header):
            raise DataError(shown, row_number, None,
                            f"has {len(record)} values, the header has {len(header)}")
        row = {}
        for field, value in zip(fields, record, strict=True):
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
            if row[name] is not None and "minimum" in constraints and row[name] < constraints["minimum"]:
                raise DataError(shown, row_number, name,
                                f"{value!r} is below the minimum {constraints['minimum']}")
            if name in unique and value:
                if value in seen[name]:
                    raise DataError(shown, row_number, name,
                                    f"duplicate {value!r} (first at row {seen[name][value]})")
                seen[name][value] = row_number
        if len(keys) > 1:
            key = tuple(row[name] for name in keys)
            if key in seen_keys:
                raise DataError(shown, row_number, keys[-1],
                                f"duplicate key {dict(zip(keys, key, strict=True))} "
                                f"(first at row {seen_keys[key]})")
            seen_keys[key] = row_number
        _check_translations(row, shown, row_number)
        row["_row"] = row_number
        rows.append(row)
    return rows


def _check_translations(row: dict, file, row_number: int) -> None:
    """Each `<name>_zh` cell is there when its English is, keeps its numbers, and is Chinese. A
    cell already in Chinese (a source's own title) needs none: it is its own Chinese."""
    for name, chinese in row.items():
        english_name = name.removesuffix(TRANSLATION_SUFFIX)
        if english_name == name or english_name not in row:
            continue
        english = row[english_name]
        if english and not chinese and not CHINESE.search(str(english)):
            raise DataError(file, row_number, name, f"is empty; it is the Chinese of {english_name!r}")
        if chinese and not english:
            raise DataError(file, row_number, name, f"has Chinese for an empty {english_name!r}")
        if not english or not chinese:
            continue
        missing, added = number_difference(str(english), chinese)
        if missing or added:
            raise DataError(file, row_number, name,
                            f"does not keep the numbers of {english_name!r}: "
                            f"missing {as_written(missing, english)}, added {as_written(added, chinese)}")
        if problem := placement_problem(str(english), chinese):
            raise DataError(file, row_number, name, f"against {english_name!r}, {problem}")
        if leftover := latin_words(chinese):
            raise DataError(file, row_number, name, f"has English words left in it: {leftover[:5]}")


def load_resource(name: str, path: Path | None = None) -> tuple[list[dict], Path]:
    """Read a resource of the data package; `path` reads another copy of it (tests).

    Foreign keys to another resource are checked against that resource's rows.
    """
    res = resource(name)
    path = Path(path) if path else DATA_DIR / res["path"]
    rows = read_table(path, res["schema"])
    for foreign in res["schema"].get("foreignKeys", []):
        _check_foreign_key(rows, path, foreign)
    return rows, path


def _check_foreign_key(rows: list[dict], path: Path, foreign: dict) -> None:
    (field,), target = foreign["fields"], foreign["reference"]
    (target_field,) = target["fields"]
    target_res = resource(target["resource"])
    target_path = DATA_DIR / target_res["path"]
    known = {row[target_field] for row in read_table(target_path, target_res["schema"])}
    for row in rows:
        if row[field] is not None and row[field] not in known:
            raise DataError(display_path(path), row["_row"], field,
                            f"{row[field]!r} is not in {display_path(target_path)}")


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
