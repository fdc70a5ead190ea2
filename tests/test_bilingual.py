"""Each output is written in the language the notebooks are run in: what translate_spec may
change, what a missing label does, and what the two executions hold.

The English edition stores the outputs of an English run in the notebooks; the Chinese
edition runs them again with FACTCHECK_LANGUAGE=zh (factcheck.render.language) and keeps
what it executed in _build/zh/jupyter_execute. No output carries a second language.
"""
import re
from pathlib import Path

import altair as alt
import nbformat
import pandas as pd
import pytest

from factcheck import PROJECT_ROOT
from factcheck.book.editions import CHINESE_EXECUTED
from factcheck.data.translation import latin_words, number_difference
from factcheck.data.verdicts import RATINGS
from factcheck.render import charts, i18n, language
from factcheck.render.blocks import HTMLBlock, environment, render
from factcheck.render.charts import VEGALITE_MIME_TYPE, notebook_spec, translate_spec
from factcheck.render.i18n import MissingTranslation, catalog, localised, to_chinese
from factcheck.tools.execute import merge_streams
from factcheck.tools.zh_outputs import chart_titles


@pytest.fixture
def chinese(monkeypatch):
    """Outputs made in this test are written in Chinese, as the Chinese edition's run writes them."""
    monkeypatch.setenv(language.VARIABLE, "zh")


# ---------------------------------------------------------------- translate_spec

def _frame() -> pd.DataFrame:
    # Column names and values the catalog and the data translate, numbers that must stay.
    return pd.DataFrame({"verdict name": [RATINGS["unverifiable"].name, RATINGS["adds-up"].name],
                         "claims": [12, 3], "claim_id": ["s1-leading-groups", "s1-training-coverage"],
                         "share (%)": [80.5, 19.5]})


def _chart_spec() -> dict:
    frame = _frame()
    names = list(frame["verdict name"])
    bars = alt.Chart(frame, title=alt.Title("Verdicts by kind", subtitle="Most claims are plain counts"),
                     description=charts.describe(frame, "verdict name", "claims", of="the counts stated "
                                                 "in section 1")).mark_bar().encode(
        y=alt.Y("verdict name:N", sort=names, title="Verdict"),
        x=alt.X("claims:Q", title="Number of claims"),
        color=alt.Color("verdict name:N", scale=alt.Scale(domain=names, range=["#999999", "#0072B2"])),
        tooltip=["claim_id", "verdict name", alt.Tooltip("count():Q", title="claims"), "share (%)"],
        opacity=alt.condition(alt.datum["verdict name"] == names[0], alt.value(1.0), alt.value(0.5)),
    )
    return bars.to_dict()


def _walk(english, chinese, path="spec"):
    """Every (path, English, Chinese) leaf pair; keys of data rows are compared as leaves."""
    assert type(english) is type(chinese), path
    if isinstance(english, dict):
        assert len(english) == len(chinese), path
        rows = all(not isinstance(v, dict | list) for v in english.values()) and path.endswith("]")
        if rows:  # a data row: keys are field names, translated like values
            for (key, value), (zh_key, zh_value) in zip(english.items(), chinese.items(), strict=True):
                yield f"{path}.<key>", key, zh_key
                yield f"{path}.{key}", value, zh_value
        else:
            assert english.keys() == chinese.keys(), path
            for key in english:
                yield from _walk(english[key], chinese[key], f"{path}.{key}")
    elif isinstance(english, list):
        assert len(english) == len(chinese), path
        for index, (a, b) in enumerate(zip(english, chinese, strict=True)):
            yield from _walk(a, b, f"{path}[{index}]")
    else:
        yield path, english, chinese


def test_translate_spec_changes_only_strings_that_have_a_translation_and_keeps_every_number():
    spec = _chart_spec()
    chinese = translate_spec(spec)
    changed = 0
    for path, english, zh in _walk(spec, chinese):
        if isinstance(english, str) and english != zh:
            changed += 1
            if "test" not in path:  # an expression is translated inside, checked below
                assert zh == to_chinese(english), path
        else:
            assert zh == english, path  # numbers, booleans, ids and untranslated text are kept
    assert changed > 10
    assert chinese["mark"] == spec["mark"] and chinese["$schema"] == spec["$schema"]


def test_translate_spec_renames_a_field_everywhere_it_is_named():
    chinese = translate_spec(_chart_spec())
    rows = next(iter(chinese["datasets"].values()))
    fields = set(rows[0])
    name, claims = to_chinese("verdict name"), to_chinese("claims")
    assert name != "verdict name" and {name, claims} <= fields
    encoding = chinese["encoding"]
    for channel in ("x", "y", "color"):
        assert encoding[channel]["field"] in fields, channel
    tooltips = [t for t in encoding["tooltip"] if "field" in t]
    assert all(t["field"] in fields for t in tooltips)
    # The sort list and the scale's domain name the translated values, in the same order.
    values = [row[name] for row in rows]
    assert encoding["y"]["sort"] == values == encoding["color"]["scale"]["domain"]
    assert values == [RATINGS["unverifiable"].name_zh, RATINGS["adds-up"].name_zh]
    # Vega-Lite's own words stay: the aggregate "count" although "count" is a kind of claim.
    assert to_chinese("count") != "count"
    assert any(t.get("aggregate") == "count" for t in encoding["tooltip"])
    # The condition's expression reads the translated field and compares the translated value.
    test = encoding["opacity"]["condition"]["test"]
    assert name in test and values[0] in test and "verdict name" not in test
    # Ids are no text: a claim id stays as it is.
    assert [row[to_chinese("claim_id")] for row in rows] == ["s1-leading-groups", "s1-training-coverage"]


def test_translate_spec_refuses_two_fields_that_would_share_a_chinese_name():
    frame = pd.DataFrame({"verdict": ["Adds up"], "verdict name": ["Adds up"], "claims": [1]})
    assert to_chinese("verdict") == to_chinese("verdict name")
    spec = alt.Chart(frame).mark_bar().encode(x="claims:Q", y="verdict:N").to_dict()
    with pytest.raises(ValueError, match="share a Chinese name"):
        translate_spec(spec)


def test_the_renderer_writes_one_spec_in_the_language_being_run(monkeypatch):
    spec = _chart_spec()
    english, _ = charts.factcheck_renderer(spec)
    assert set(english) == {VEGALITE_MIME_TYPE, "text/plain"}
    assert english[VEGALITE_MIME_TYPE] == notebook_spec(spec)
    monkeypatch.setenv(language.VARIABLE, "zh")
    chinese, _ = charts.factcheck_renderer(spec)
    assert set(chinese) == {VEGALITE_MIME_TYPE, "text/plain"}
    assert chinese[VEGALITE_MIME_TYPE] == notebook_spec(translate_spec(spec)) != english[VEGALITE_MIME_TYPE]


def test_a_language_the_book_is_not_written_in_is_refused(monkeypatch):
    monkeypatch.setenv(language.VARIABLE, "fr")
    with pytest.raises(ValueError, match="FACTCHECK_LANGUAGE='fr'"):
        language.current()
    with pytest.raises(ValueError, match="no language 'fr'"):
        language.use("fr")


# ---------------------------------------------------------------- labels and the catalog

def test_a_template_label_missing_from_the_catalog_stops_the_chinese_render_naming_it(monkeypatch):
    reduced = {msgid: text for msgid, text in catalog().items() if msgid != "What we found"}
    monkeypatch.setattr(i18n, "catalog", lambda: reduced)
    from factcheck.render.chapter import Chapter

    chapter = Chapter("lead")
    english = chapter.verdict_html("lead-honour-collectives", {})
    assert "What we found" in english
    with pytest.raises(MissingTranslation, match=r"'What we found'.*locales/zh_CN/LC_MESSAGES/ui\.po"):
        chapter.verdict_html("lead-honour-collectives", {}, "zh")
    monkeypatch.setenv(language.VARIABLE, "zh")
    with pytest.raises(MissingTranslation, match="'What we found'"):
        chapter.verdict_html("lead-honour-collectives", {})


def test_a_label_in_the_english_edition_needs_no_catalog():
    template = environment("en").from_string("{{ _('A label the catalog has never seen') }}")
    assert template.render() == "A label the catalog has never seen"
    with pytest.raises(MissingTranslation, match="A label the catalog has never seen"):
        environment("zh").from_string("{{ _('A label the catalog has never seen') }}").render()


def test_localised_fills_either_language_with_the_same_numbers(monkeypatch):
    msgid = ("{claims} claims registered; {with_figure} carry a figure, {qualitative} are qualitative; "
             "{approximate} figures are marked approximate in the article")
    numbers = {"claims": 1234, "with_figure": 567, "qualitative": 667, "approximate": 89}
    english = localised(msgid, **numbers)
    assert english == ("1234 claims registered; 567 carry a figure, 667 are qualitative; 89 figures are "
                       "marked approximate in the article")
    monkeypatch.setenv(language.VARIABLE, "zh")
    chinese = localised(msgid, **numbers)
    assert all(str(n) in chinese for n in numbers.values()), chinese
    assert latin_words(chinese) == []
    with pytest.raises(MissingTranslation, match="no msgid like this"):
        localised("no msgid like this {n}", n=1)
    with pytest.raises(TypeError):
        localised(msgid, claims=1)


def test_describe_writes_either_language_from_the_same_rows(monkeypatch):
    def described():
        return charts.describe(_frame(), "verdict name", "share (%)", unit="%", format=".1f",
                               of="the counts stated in section 1")
    english = described()
    monkeypatch.setenv(language.VARIABLE, "zh")
    chinese = described()
    assert chinese != english and latin_words(chinese) == []
    assert number_difference(english, chinese) == ([], [])
    assert RATINGS["unverifiable"].name_zh in chinese and "80.5%" in chinese


def test_a_data_table_translates_caption_headers_and_text_but_not_numbers(monkeypatch):
    frame = _frame().assign(english=["an English rendering", "another"])
    english = charts.data_table(frame, "Verdicts by kind", summary="The numbers behind this chart")
    monkeypatch.setenv(language.VARIABLE, "zh")
    chinese = charts.data_table(frame, "Verdicts by kind", summary="The numbers behind this chart")
    assert chinese._repr_mimebundle_() == {"text/html": chinese.markup}
    assert "an English rendering" in english.markup and "an English rendering" not in chinese.markup
    for text in (to_chinese("Verdicts by kind"), to_chinese("The numbers behind this chart"),
                 to_chinese("verdict name"), RATINGS["adds-up"].name_zh, "80.5", "19.5", "12"):
        assert text in chinese.markup, text
    assert re.findall(r"\d+(?:\.\d+)?", english.markup.replace("s1-", "")) == \
        re.findall(r"\d+(?:\.\d+)?", chinese.markup.replace("s1-", ""))


def test_a_data_table_refuses_a_column_without_chinese(monkeypatch):
    # A Chinese table showed a column "conclusion" in English: nothing in the run had asked.
    monkeypatch.setenv(language.VARIABLE, "zh")
    frame = _frame().rename(columns={"share (%)": "a column nobody translated"})
    with pytest.raises(MissingTranslation, match="a column nobody translated"):
        charts.data_table(frame, "Verdicts by kind")


def test_the_chinese_edition_writes_a_source_period_as_chinese_dates():
    day, month = (i18n.gettext_zh(form) for form in ("%(year)s-%(month)s-%(day)s", "%(year)s-%(month)s"))
    dates_in = environment("zh").filters["dates_in"]
    assert dates_in("2022年度（2023-07-21公布）") == \
        f"2022年度（{day % {'year': '2023', 'month': 7, 'day': 21}}公布）"
    assert dates_in("2018-12／2019-01") == \
        f"{month % {'year': '2018', 'month': 12}}／{month % {'year': '2019', 'month': 1}}"
    assert dates_in("2023-2024") == "2023—2024" and dates_in("2024") == "2024"
    assert environment("en").filters["dates_in"]("2023-07-21") == "2023-07-21"


def test_an_html_block_offers_its_one_language():
    assert HTMLBlock("<p>x</p>")._repr_mimebundle_() == {"text/html": "<p>x</p>"}


def _catalog_prose(text: str) -> str:
    """A msgstr without its placeholders and markup, as a reader reads it."""
    return re.sub(r"%\(\w+\)s|\{\w+(?::[^}]*)?\}|<[^>]+>", " ", text)


@pytest.mark.parametrize("msgid", sorted(catalog()))
def test_each_catalog_entry_keeps_its_numbers_and_leaves_no_english(msgid):
    chinese = catalog()[msgid]
    assert number_difference(_catalog_prose(msgid), _catalog_prose(chinese)) == ([], []), msgid
    assert latin_words(_catalog_prose(chinese)) == [], msgid
    placeholders = re.compile(r"%\(\w+\)s|\{\w+(?::[^}]*)?\}")
    assert sorted(placeholders.findall(msgid)) == sorted(placeholders.findall(chinese)), msgid


def test_rating_names_come_from_the_scale_not_the_catalog():
    names = {rating.name for rating in RATINGS.values()}
    assert names.isdisjoint(catalog())
    assert all(to_chinese(rating.name) == rating.name_zh for rating in RATINGS.values())


# ---------------------------------------------------------------- the two executions

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
# What an English output may hold: one language, no twin.
ENGLISH_TYPES = {"text/html", "text/plain", VEGALITE_MIME_TYPE}


def _outputs(path: Path) -> list:
    """A notebook's outputs, cell by cell, consecutive streams merged (as nbval and `make
    notebooks` merge them; myst-nb keeps the kernel's split)."""
    notebook = nbformat.read(path, as_version=4)
    return [(f"{path.name} cell {index}", output) for index, cell in enumerate(notebook.cells)
            if cell.cell_type == "code" for output in merge_streams(cell.get("outputs", []))]


STORED = [item for path in NOTEBOOKS for item in _outputs(path)]


def test_the_stored_notebooks_hold_charts_and_html_outputs_in_english_only():
    charts_ = [where for where, output in STORED if VEGALITE_MIME_TYPE in output.get("data", {})]
    html = [where for where, output in STORED if "text/html" in output.get("data", {})]
    # Fewer HTML outputs than claims: a ledger claim's box and verdict show nothing in place.
    assert len(charts_) > 15 and len(html) > 100
    others = {(where, kind) for where, output in STORED for kind in output.get("data", {})
              if kind not in ENGLISH_TYPES}
    assert others == set()


def _chinese_run(built_book) -> list:
    executed = {path.name: path for path in CHINESE_EXECUTED.rglob("*.ipynb")}
    missing = [path.name for path in NOTEBOOKS if path.name not in executed]
    assert missing == [], f"the Chinese edition did not execute {missing} (run `make book`)"
    return [(path.name, _outputs(path), _outputs(executed[path.name])) for path in NOTEBOOKS]


def test_the_chinese_run_shows_the_same_outputs_in_chinese(built_book):
    for name, english, chinese in _chinese_run(built_book):
        assert len(chinese) == len(english), name
        for (where, ours), (_, theirs) in zip(english, chinese, strict=True):
            assert set(ours.get("data", {})) == set(theirs.get("data", {})), where
            if "text/html" in ours.get("data", {}):
                assert ours["data"]["text/html"] != theirs["data"]["text/html"] or \
                    not latin_words(" ".join(re.sub(r"<[^>]+>", " ", ours["data"]["text/html"]).split())), \
                    f"{where}: the Chinese run showed the English"


# A file's path and a checksum are names, not prose.
_PATHS_AND_HASHES = re.compile(r"\S*/\S*|\b[0-9a-f]{16,}\b")


def test_the_chinese_run_prints_its_working_in_chinese(built_book):
    """A reader who unfolds the working in the Chinese edition reads Chinese: each printed line
    comes from the catalog (localised), or is a source's own words."""
    english_left = [(where, words) for _, _, chinese in _chinese_run(built_book)
                    for where, output in chinese if output.get("output_type") == "stream"
                    if (words := latin_words(_PATHS_AND_HASHES.sub(" ", output["text"])))]
    assert english_left == []

def test_every_chart_of_the_chinese_run_speaks_chinese(built_book):
    count = 0
    for _, english, chinese in _chinese_run(built_book):
        for (where, ours), (_, theirs) in zip(english, chinese, strict=True):
            if VEGALITE_MIME_TYPE not in ours.get("data", {}):
                continue
            count += 1
            assert VEGALITE_MIME_TYPE in theirs.get("data", {}), where
            words = chart_titles(theirs["data"][VEGALITE_MIME_TYPE])
            assert len(words) == len(chart_titles(ours["data"][VEGALITE_MIME_TYPE])) > 0, where
            left = {text: latin_words(text) for text in words if latin_words(text)}
            assert left == {}, f"{where}: English left in the Chinese chart"
    assert count > 15


def test_the_chinese_claim_box_and_verdict_card_leave_out_the_english_renderings():
    from factcheck.render.chapter import Chapter

    chapter = Chapter("lead")
    assert "claim-english" in chapter.claim("lead-population").markup
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(language.VARIABLE, "zh")
        assert "claim-english" not in chapter.claim("lead-population").markup
    verdict = chapter.verdict_html("lead-population", {}, "zh")
    assert 'class="gloss"' in chapter.verdict_html("lead-population", {}) and 'class="gloss"' not in verdict
    assert RATINGS["corroborated"].name_zh in verdict


def test_render_accepts_a_language_tag():
    rating = RATINGS["adds-up"]
    markup = render("badge.html", "zh-Hans", rating=rating)
    assert rating.name_zh in markup and rating.symbol in markup and rating.colour in markup


def test_the_catalog_is_where_the_module_says():
    assert i18n.CATALOG == PROJECT_ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "ui.po"
    assert Path(i18n.CATALOG).is_file()


def test_a_number_asked_with_thousands_separators_is_written_the_chinese_way(monkeypatch):
    msgid = ("The bars use different lines, so the gap of {increase:,.0f} is not shown to be a "
             "like-for-like increase.")
    assert "12,345" in localised(msgid, increase=12345)
    monkeypatch.setenv(language.VARIABLE, "zh")
    chinese = localised(msgid, increase=12345)
    assert "1.2345万" in chinese and "," not in chinese and "12345" not in chinese
    assert number_difference(msgid.format(increase=12345), chinese) == ([], [])


def test_the_chinese_tables_write_numbers_without_thousands_separators(built_book):
    """GB/T 15835: a Chinese table writes 2500000, as the Chinese prose does, not 2,500,000."""
    from bs4 import BeautifulSoup

    separated = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d,])")
    cells = 0
    found = []
    for page in sorted((built_book / "zh" / "notebooks").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for cell in soup.select("table.factcheck-table td"):
            cells += 1
            found += [(page.name, hit) for hit in separated.findall(cell.get_text())]
    assert cells > 0
    assert found == []


def test_a_quotes_language_tag_follows_its_script():
    """A Japanese machine translation of a Chinese page is quoted as Japanese (its kana)."""
    from factcheck.render.blocks import language_of

    assert language_of("2023年末、全市の常住人口は206.12万人で") == "ja"
    assert language_of("2023年末全市常住人口206.12万人") == "zh-Hans"
    assert language_of("the resident population") == "en"


@pytest.mark.parametrize("chinese, expected", [
    (False, "“A”, “B” or “C”"),
    (True, "“A”“B”或“C”"),   # quoted items in a row take no 顿号 (GB/T 15834)
])
def test_names_given_as_alternatives_are_joined_as_each_language_writes_a_list(chinese, expected):
    assert i18n.quoted_alternatives(["A", "B", "C"], chinese) == expected
    assert i18n.quoted_alternatives(["A"], chinese) == "“A”"
    assert i18n.quoted_alternatives([], chinese) == ""
