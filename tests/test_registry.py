"""The claim registry: well-formed, tied to the source, and loud about bad rows."""
import csv
import io

import pytest

from factcheck.data import DATA_DIR, DataError
from factcheck.data.parts import part_ids
from factcheck.data.registry import load_claims, load_exclusions
from factcheck.data.source import load_source

CLAIMS = DATA_DIR / "claims.csv"


@pytest.fixture(scope="module")
def source():
    return load_source()


@pytest.fixture(scope="module")
def claims(source):
    return load_claims(source)


def _rows():
    with CLAIMS.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write(tmp_path, rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path = tmp_path / "claims.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _column(rows, name):
    return rows[0].index(name)


def _load_error(tmp_path, source, rows) -> DataError:
    """The one DataError that loading these rows as claims.csv raises."""
    with pytest.raises(DataError) as error:
        load_claims(source, _write(tmp_path, rows))
    return error.value


def test_every_quote_is_in_its_part_of_the_source(claims, source):
    for claim in claims.itertuples():
        assert source.text[claim.start:claim.end] == claim.quote
        assert source.part_of(claim.start) == claim.part


def test_registry_covers_every_part_with_a_claim(claims):
    assert set(claims["part"]) == set(part_ids())


@pytest.mark.parametrize("quote", [
    "高校数量在广西仅次于南宁、桂林",
    "成为广西县域学前教育普及普惠工作第一个通过“区检”的边境县",
    "全国8名，广西唯一",
    "抵边学校覆盖率达100%",
    "确保脱贫户学生辍学持续保持动态清零",
    "实现应纳尽纳",
])
def test_checkable_qualitative_claims_are_registered(claims, quote):
    assert quote in set(claims["quote"])


def test_a_missing_column_names_the_file_row_and_field(tmp_path, source):
    rows = _rows()
    drop = _column(rows, "unit")
    error = _load_error(tmp_path, source, [r[:drop] + r[drop + 1:] for r in rows])
    assert (error.row, error.field) == (1, "unit")
    assert "claims.csv, row 1, field 'unit': missing column" in str(error)


def test_a_non_numeric_value_names_the_file_row_and_field(tmp_path, source):
    rows = _rows()
    rows[5][_column(rows, "value")] = "一千八百"
    error = _load_error(tmp_path, source, rows)
    assert (error.row, error.field) == (6, "value")
    assert "expected a number" in str(error)


def test_a_value_that_disagrees_with_the_figure_is_caught(tmp_path, source):
    rows = _rows()
    row = next(i for i, r in enumerate(rows) if r[0] == "s2-funds-raised")
    rows[row][_column(rows, "value")] = "4990000000"
    error = _load_error(tmp_path, source, rows)
    assert (error.row, error.field) == (row + 1, "value")


def test_a_duplicate_id_names_the_file_row_and_field(tmp_path, source):
    rows = _rows()
    rows[9][0] = rows[3][0]
    error = _load_error(tmp_path, source, rows)
    assert (error.row, error.field) == (10, "claim_id")
    assert "duplicate" in str(error) and "first at row 4" in str(error)


def test_a_quote_not_in_the_source_names_the_file_row_and_field(tmp_path, source):
    rows = _rows()
    rows[12][_column(rows, "quote")] = "崇左市有300万人民"
    error = _load_error(tmp_path, source, rows)
    assert (error.row, error.field) == (13, "quote")
    assert "not found in the source" in str(error)


def test_a_quote_in_the_wrong_part_is_caught(tmp_path, source):
    rows = _rows()
    row = next(i for i, r in enumerate(rows) if r[0] == "s4-aid-amount")
    rows[row][_column(rows, "part")] = "s3"
    error = _load_error(tmp_path, source, rows)
    assert (error.row, error.field) == (row + 1, "quote")


def test_an_unknown_part_names_the_file_row_and_field(tmp_path, source):
    rows = _rows()
    rows[7][_column(rows, "part")] = "s5"
    error = _load_error(tmp_path, source, rows)
    assert (error.row, error.field) == (8, "part")
    assert "'s5' is not in data/parts.csv" in str(error)


def test_a_ragged_row_is_named(tmp_path, source):
    rows = _rows()
    rows[20] = rows[20][:-2]
    error = _load_error(tmp_path, source, rows)
    assert error.row == 21 and "values, the header has" in str(error)


def test_an_exclusion_whose_context_left_the_source_is_caught(tmp_path, source):
    path = tmp_path / "mention_exclusions.csv"
    text = (DATA_DIR / "mention_exclusions.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("百,百年大计", "百,千年大计"), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_exclusions(source, path)
    assert error.value.field == "context"
