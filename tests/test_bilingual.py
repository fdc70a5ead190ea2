"""Every output the package makes carries its Chinese: what translate_spec may change, what
a missing label does, and what the stored notebooks hold.

The notebooks are executed once; an HTML block carries its Chinese under
ZH_HTML_MIME_TYPE, a chart a translated copy of its spec under ZH_VEGALITE_MIME_TYPE.
"""
import re
from pathlib import Path

import altair as alt
import nbformat
import pandas as pd
import pytest

from factcheck import PROJECT_ROOT
from factcheck.book.zh_outputs import chart_titles
from factcheck.data.translation import latin_words, number_difference
from factcheck.data.verdicts import RATINGS
from factcheck.render import charts, i18n
from factcheck.render.blocks import ZH_HTML_MIME_TYPE, HTMLBlock, environment, render
from factcheck.render.charts import VEGALITE_MIME_TYPE, ZH_VEGALITE_MIME_TYPE, translate_spec
from factcheck.render.i18n import MissingTranslation, bilingual, catalog, to_chinese

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))


def _outputs():
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        for index, cell in enumerate(notebook.cells):
            for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
                yield f"{path.name} cell {index}", output


OUTPUTS = list(_outputs())


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


def test_the_renderer_puts_the_chinese_spec_beside_the_english():
    bundle, _ = charts.factcheck_renderer(_chart_spec())
    assert bundle[ZH_VEGALITE_MIME_TYPE] == translate_spec(bundle[VEGALITE_MIME_TYPE])


# ---------------------------------------------------------------- labels and the catalog

def test_a_template_label_missing_from_the_catalog_stops_the_chinese_render_naming_it(monkeypatch):
    reduced = {msgid: text for msgid, text in catalog().items() if msgid != "What we found"}
    monkeypatch.setattr(i18n, "catalog", lambda: reduced)
    from factcheck.render.chapter import Chapter

    chapter = Chapter("lead")
    english = chapter.verdict_html("lead-satisfaction", {})
    assert "What we found" in english
    with pytest.raises(MissingTranslation, match=r"'What we found'.*locales/zh_CN/LC_MESSAGES/ui\.po"):
        chapter.verdict_html("lead-satisfaction", {}, "zh")


def test_a_label_in_the_english_edition_needs_no_catalog():
    template = environment("en").from_string("{{ _('A label the catalog has never seen') }}")
    assert template.render() == "A label the catalog has never seen"
    with pytest.raises(MissingTranslation, match="A label the catalog has never seen"):
        environment("zh").from_string("{{ _('A label the catalog has never seen') }}").render()


def test_bilingual_fills_both_languages_with_the_same_numbers_and_records_the_chinese():
    english = bilingual("{title}, by kind: {n} claims, each with exactly one verdict",
                        title="Verdicts in section 1", n=1234)
    assert english == "Verdicts in section 1, by kind: 1234 claims, each with exactly one verdict"
    chinese = to_chinese(english)
    assert chinese.startswith(to_chinese("Verdicts in section 1")) and "1234" in chinese
    assert latin_words(chinese) == []
    with pytest.raises(MissingTranslation, match="no msgid like this"):
        bilingual("no msgid like this {n}", n=1)
    with pytest.raises(TypeError):
        bilingual("{title}, by kind: {n} claims, each with exactly one verdict", n=1)


def test_describe_writes_the_chinese_from_the_same_rows():
    english = charts.describe(_frame(), "verdict name", "share (%)", unit="%", format=".1f",
                              of="the counts stated in section 1")
    chinese = to_chinese(english)
    assert chinese != english and latin_words(chinese) == []
    assert number_difference(english, chinese) == ([], [])
    assert RATINGS["unverifiable"].name_zh in chinese and "80.5%" in chinese


def test_a_data_table_translates_caption_headers_and_text_but_not_numbers():
    frame = _frame().assign(english=["an English rendering", "another"])
    block = charts.data_table(frame, "Verdicts by kind", summary="The numbers behind this chart")
    bundle = block._repr_mimebundle_()
    assert bundle["text/html"] == block.markup and bundle[ZH_HTML_MIME_TYPE] == block.zh
    assert "an English rendering" in block.markup and "an English rendering" not in block.zh
    for text in (to_chinese("Verdicts by kind"), to_chinese("The numbers behind this chart"),
                 to_chinese("verdict name"), RATINGS["adds-up"].name_zh, "80.5", "19.5", "12"):
        assert text in block.zh, text
    assert re.findall(r"\d+(?:\.\d+)?", block.markup.replace("s1-", "")) == \
        re.findall(r"\d+(?:\.\d+)?", block.zh.replace("s1-", ""))


def test_an_html_block_without_chinese_offers_english_only():
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


# ---------------------------------------------------------------- the stored notebooks

CHARTS = [(where, output["data"]) for where, output in OUTPUTS
          if VEGALITE_MIME_TYPE in output.get("data", {})]
HTML = [(where, output["data"]) for where, output in OUTPUTS if "text/html" in output.get("data", {})]


def test_the_notebooks_hold_charts_and_html_outputs():
    assert len(CHARTS) > 20 and len(HTML) > 300


@pytest.mark.parametrize(("where", "data"), CHARTS, ids=[where for where, _ in CHARTS])
def test_every_chart_has_a_chinese_spec_whose_own_words_are_chinese(where, data):
    assert ZH_VEGALITE_MIME_TYPE in data, f"{where}: no Chinese spec"
    english, chinese = data[VEGALITE_MIME_TYPE], data[ZH_VEGALITE_MIME_TYPE]
    words = chart_titles(chinese)
    assert len(words) == len(chart_titles(english)) > 0
    left = {text: latin_words(text) for text in words if latin_words(text)}
    assert left == {}, f"{where}: English left in the Chinese chart"


@pytest.mark.parametrize(("where", "data"), HTML, ids=[where for where, _ in HTML])
def test_every_html_output_has_a_chinese_twin(where, data):
    assert ZH_HTML_MIME_TYPE in data, f"{where}: no Chinese twin"
    zh = data[ZH_HTML_MIME_TYPE]
    assert ("".join(zh) if isinstance(zh, list) else zh).strip()


def test_the_chinese_claim_box_and_verdict_card_leave_out_the_english_renderings():
    from factcheck.render.chapter import Chapter

    chapter = Chapter("lead")
    claim = chapter.claim("lead-population")
    assert "claim-english" in claim.markup and "claim-english" not in claim.zh
    verdict = chapter.verdict_html("lead-population", {}, "zh")
    assert 'class="gloss"' in chapter.verdict_html("lead-population", {}) and 'class="gloss"' not in verdict
    assert RATINGS["corroborated"].name_zh in verdict


def test_render_accepts_a_language_tag():
    rating = RATINGS["adds-up"]
    markup = render("badge.html", "zh-Hans", rating=rating, colours=charts.RATING_COLOURS,
                    symbols={rating.id: "="})
    assert rating.name_zh in markup


def test_the_catalog_is_where_the_module_says():
    assert i18n.CATALOG == PROJECT_ROOT / "locales" / "zh_CN" / "LC_MESSAGES" / "ui.po"
    assert Path(i18n.CATALOG).is_file()
