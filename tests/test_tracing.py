"""The helpers that trace a number in prose back to the data."""
from decimal import Decimal

from prose_numbers import is_traced, prose_numbers, untraced, without_dates


def test_a_number_is_traced_when_it_is_a_value_rounded_to_the_places_written():
    values = {Decimal("3.56"), Decimal("2088700")}
    assert is_traced("3.56", values)
    assert is_traced("3.6", values)          # 3.56 to one place
    assert is_traced("2,088,700", values)    # thousands separators are ignored
    assert not is_traced("3.5", values)
    assert not is_traced("2088701", values)


def test_dates_are_blanked_but_other_numbers_stay():
    text = "Opened on 13 September 2024 with 411,300 fewer residents."
    assert without_dates(text) == "Opened on   with 411,300 fewer residents."


def test_a_number_in_millions_is_traced_at_that_scale():
    values = {Decimal("2500000")}
    assert is_traced("2.5 million", values)
    assert not is_traced("2.5", values)
    assert not is_traced("2.6 million", values)


def test_heading_numbers_and_ordinals_are_not_quantities_but_the_rest_are():
    cells = [{"cell_type": "markdown",
              "source": ["## 11. Universities\n", "The 14th plan: 2.5 million people, 411,300 fewer.\n"]},
             {"cell_type": "code", "source": ["x = 802251\n"]}]
    assert prose_numbers(cells) == ["2.5 million", "411,300"]
    assert untraced(cells, {Decimal("411300")}) == ["2.5 million"]
