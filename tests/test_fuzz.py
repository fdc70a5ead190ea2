"""Random and hostile input: the parser and the loaders raise the project's own errors,
never another crash."""
import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.data import DATA_DIR, DataError
from factcheck.data.mentions import extract_mentions
from factcheck.data.numbers import NumberParseError, chinese_to_int, parse_quantity
from factcheck.data.registry import load_claims
from factcheck.data.source import load_source

NUMBERISH = st.text(alphabet="0123456789.%万亿多余突破超过近约一二两三四五六七八九十百千〇零第 ,-",
                    max_size=12)
CLAIMS_TEXT = (DATA_DIR / "claims.csv").read_text(encoding="utf-8")
SOURCE = load_source()


@given(st.one_of(NUMBERISH, st.text(max_size=20)))
def test_parse_quantity_returns_a_quantity_or_raises_its_own_error(text):
    try:
        quantity = parse_quantity(text)
    except NumberParseError:
        return
    assert quantity.value >= 0


@given(st.text(alphabet="〇零一二两三四五六七八九十百千万亿", max_size=10))
def test_chinese_numerals_parse_or_raise_their_own_error(text):
    try:
        assert chinese_to_int(text) >= 0
    except NumberParseError:
        pass


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_integers_round_trip(n):
    assert parse_quantity(str(n)).value == n


@given(st.text(max_size=200))
def test_the_extractor_never_crashes_and_offsets_hold(text):
    for mention in extract_mentions(text):
        assert text[mention.start:mention.end] == mention.text


def _mutated_claims(rows, row_index, column_index, value):
    rows = [list(r) for r in rows]
    if row_index < len(rows) and column_index < len(rows[row_index]):
        rows[row_index][column_index] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


ROWS = list(csv.reader(io.StringIO(CLAIMS_TEXT)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(row=st.integers(min_value=0, max_value=len(ROWS) - 1),
       column=st.integers(min_value=0, max_value=len(ROWS[0]) - 1),
       value=st.one_of(st.text(max_size=30), NUMBERISH))
def test_a_hostile_cell_in_the_registry_raises_a_named_data_error(tmp_path_factory, row, column, value):
    path = tmp_path_factory.mktemp("claims") / "claims.csv"
    path.write_text(_mutated_claims(ROWS, row, column, value), encoding="utf-8")
    try:
        load_claims(SOURCE, path)
    except DataError as error:
        assert "claims.csv" in str(error)
        assert error.row is not None or error.field is not None \
            or "CSV" in str(error) or "UTF-8" in str(error)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_arbitrary_bytes_as_the_registry_raise_a_data_error(tmp_path_factory, blob):
    path = tmp_path_factory.mktemp("claims") / "claims.csv"
    path.write_bytes(blob)
    try:
        load_claims(SOURCE, path)
    except DataError as error:
        assert "claims.csv" in str(error)
