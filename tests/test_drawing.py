"""Charts drawn at build time (factcheck.book.drawing): titles broken to fit, tooltips as
<title>, composite charts and legends fitted, the same bytes every time."""
import html
import re

import pytest

from factcheck.book import drawing
from factcheck.render import charts

FONT = charts.FONT
CLOSING = "，。、；：！？）」』”’】"


def _config() -> dict:
    return charts.factcheck_theme()["config"]


def _bars(title, subtitle=None, rows=None, legend=False) -> dict:
    rows = rows or [{"name": "Chongzuo", "value": 54.99, "kind": "stated"},
                    {"name": "Guangxi", "value": 52.37, "kind": "reported"}]
    encoding = {"y": {"field": "name", "type": "nominal", "title": None},
                "x": {"field": "value", "type": "quantitative", "title": "Share"},
                "tooltip": [{"field": "name", "type": "nominal"},
                            {"field": "value", "type": "quantitative", "title": "share"}]}
    if legend:
        encoding["color"] = {"field": "kind", "type": "nominal", "title": "Kind"}
    return {"config": _config(), "data": {"values": rows}, "mark": "bar", "encoding": encoding,
            "title": {"text": title, **({"subtitle": subtitle} if subtitle else {})},
            "description": "Bar chart.", "width": charts.FIT_WIDTH}


@pytest.mark.parametrize("text, width", [
    ("崇左市推动教育高质量发展综述，全国8名，广西唯一，学前教育毛入园率达到百分之九十以上。", 200),
    ("Three enrolment rates: Chongzuo, Guangxi and China, each against the national targets", 180),
    ("灰色短线：全国2025年目标。空心浅蓝方块：按原文所述差距推算的广西数值，未在任何来源中查到", 150),
])
def test_a_title_breaks_into_lines_that_fit_and_never_start_with_a_closing_mark(text, width):
    lines = drawing.wrap(text, width, FONT, 16, "bold")
    assert len(lines) > 1
    for line in lines:
        assert drawing.text_width(line, FONT, 16, "bold") <= width, line
    assert not [line for line in lines if line[0] in CLOSING]
    # Nothing lost or added: Latin text breaks at its spaces, Chinese anywhere.
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    if " " in text:
        assert " ".join(lines) == text
    # Each line but the last is full: the next unit would not have fitted, or it goes to the next
    # line with the closing mark after it.
    for line, following in zip(lines, lines[1:], strict=False):
        unit = following.split(" ")[0] if " " in text else following[0]
        joined = f"{line} {unit}" if " " in text else line + unit
        assert drawing.text_width(joined, FONT, 16, "bold") > width or following[1:2] in tuple(CLOSING)


def test_a_closing_mark_takes_the_character_before_it_to_the_next_line():
    text = "一二三四五六七八九十，一二三"
    width = drawing.text_width("一二三四五六七八九十", FONT, 16, "bold") + 1
    lines = drawing.wrap(text, width, FONT, 16, "bold")
    assert lines == ["一二三四五六七八九", "十，一二三"]


@pytest.mark.parametrize("width", drawing.WIDTHS)
def test_a_chart_is_drawn_as_wide_as_asked_with_its_title_inside(width):
    long_title = "Chongzuo's kindergarten shares against the benchmarks of the region and the country"
    drawn = drawing.draw(_bars(long_title, "Public share clears the thresholds; inclusive coverage trails"),
                         width)
    assert (drawn.width, re.search(r'<svg [^>]*width="(\d+)"', drawn.svg).group(1)) == (width, str(width))
    assert f'viewBox="0 0 {drawn.width} {drawn.height}"' in drawn.svg
    title = drawn.vega["title"]["text"]
    if width == drawing.NARROW:
        assert isinstance(title, list) and " ".join(title) == long_title
    for line in title if isinstance(title, list) else [title]:
        assert drawing.text_width(line, FONT, 16, "bold") <= width - 16 - drawing.TITLE_MARGIN


def test_a_marks_tooltip_is_its_title_and_the_drawing_has_no_aria_markup():
    drawn = drawing.draw(_bars("Shares"), drawing.NARROW)
    titles = [html.unescape(title)
              for title in re.findall(r"<path[^>]*><title>([^<]*)</title></path>", drawn.svg)]
    assert titles == ["name: Chongzuo\nshare: 54.99", "name: Guangxi\nshare: 52.37"]
    assert not re.search(r"aria-|role=", drawn.svg)


@pytest.mark.parametrize("signal, expected", [
    ('{"a": datum["a"], "b: c": format(datum["b"], ",")}', '"a: " + (datum["a"]) + "\\n" + "b: c: " + '
     '(format(datum["b"], ","))'),
    ("datum.name", '""+(datum.name)'),
    ('{"x": join([1, 2], \', \')}', '"x: " + (join([1, 2], \', \'))'),
    # The Chinese edition's keys take the full-width colon, as the page's own text does.
    ('{"原文部分": datum["part"], "claims": datum["n"]}',
     '"原文部分：" + (datum["part"]) + "\\n" + "claims: " + (datum["n"])'),
])
def test_a_tooltip_object_becomes_lines_of_text(signal, expected):
    assert drawing.tooltip_text(signal) == expected


def test_a_composite_chart_is_fitted_to_the_width():
    spec = {"config": _config(), "data": {"values": [{"panel": p, "name": n, "value": v}
                                                     for p in ("first", "second")
                                                     for n, v in (("Chongzuo", 10), ("Guangxi", 20))]},
            "facet": {"column": {"field": "panel", "type": "nominal"}},
            "spec": {"mark": "bar", "width": charts.FIT_WIDTH,
                     "encoding": {"y": {"field": "name", "type": "nominal"},
                                  "x": {"field": "value", "type": "quantitative"}}},
            "title": "Two panels", "description": "Two panels of bars."}
    for width in drawing.WIDTHS:
        drawn = drawing.draw(spec, width)
        assert width - drawing.FIT_SLACK < drawn.width <= width


def test_legend_labels_that_would_pass_the_right_edge_are_shortened():
    rows = [{"name": "Chongzuo", "value": 10, "kind": "stated in the article, with no year given anywhere"},
            {"name": "Guangxi", "value": 20, "kind": "implied by the article's gap, not found in any source"}]
    spec = _bars("Shares", rows=rows, legend=True)
    spec["encoding"]["y"]["axis"] = {"labelLimit": 170}
    spec["data"]["values"] = [{**row, "name": row["name"] * 3} for row in rows]
    drawn = drawing.draw(spec, drawing.NARROW)
    assert drawing.legend_overhang(drawn.svg) == 0
    assert "…" in "".join(re.findall(r"<text[^>]*>([^<]*)</text>", drawn.svg))


def test_a_legend_with_no_label_limit_is_cut_only_as_far_as_the_edge():
    """labelLimit 0 is no limit in Vega: cutting it by the overhang left 40 px, "First…"."""
    rows = [{"name": "2023", "value": 10, "kind": "First-tier line (本科第一批), old batch system and more"},
            {"name": "2024", "value": 20, "kind": "Special-type control line (特控线), merged batches too"}]
    spec = _bars("Shares", rows=rows, legend=True)
    spec["encoding"]["color"]["legend"] = {"orient": "bottom", "direction": "vertical", "labelLimit": 0}
    drawn = drawing.draw(spec, drawing.NARROW)
    labels = drawing.drawn_texts(drawn.svg, frozenset({"legend-label"}))
    assert drawing.legend_overhang(drawn.svg) == 0
    assert min(label.right - label.left for label in labels) > drawing.NARROW / 2, labels


def test_the_same_chart_gives_the_same_bytes():
    spec = _bars("同一张图，两次绘制", "每次字节相同")
    first = drawing.draw(spec, drawing.NARROW)
    drawing.text_width.cache_clear()
    assert drawing.draw(spec, drawing.NARROW).svg == first.svg


def test_ids_inside_a_drawing_are_its_own():
    svg = '<svg><clipPath id="clip1"><rect/></clipPath><g clip-path="url(#clip1)"></g></svg>'
    assert drawing._unique_ids(svg, "c1-358") == (
        '<svg><clipPath id="c1-358-clip1"><rect/></clipPath><g clip-path="url(#c1-358-clip1)"></g></svg>')


def test_an_axis_title_wider_than_the_chart_is_broken_into_lines_that_fit():
    spec = _bars("Shares")
    spec["encoding"]["x"]["title"] = "原文所述数量（县（市、区）、学校、项目或工作室），按原文顺序，逐项列出"
    drawn = drawing.draw(spec, drawing.NARROW)
    [axis_title] = drawing.drawn_texts(drawn.svg, frozenset({"axis-title"}))
    assert len([axis for axis in drawing._axes(drawn.vega) if isinstance(axis.get("title"), list)]) == 1
    assert drawing.TITLE_MARGIN <= axis_title.left and axis_title.right <= drawn.width - drawing.TITLE_MARGIN


def test_a_drawing_writes_its_font_once_and_nothing_that_draws_nothing():
    drawn = drawing.draw(_bars("Shares", "By area"), drawing.NARROW)
    assert re.match(rf'<svg font-family="{re.escape(FONT)}" ', drawn.svg)
    assert drawn.svg.count("font-family=") == 1
    assert 'opacity="1"' not in drawn.svg and 'display="none"' not in drawn.svg
    assert not re.search(r'="[^"]*\d\.\d{3}', drawn.svg)  # positions to a hundredth of a pixel


def _axis_label_lines(svg: str, role: str = "axis-label") -> list[str]:
    """The lines of every axis label of a drawing: a wrapped label is one <text> of <tspan>s."""
    lines = []
    for group in re.findall(rf'<g class="mark-text role-{role}"[^>]*>(.*?)</g>', svg, flags=re.S):
        for text in re.findall(r"<text[^>]*>(.*?)</text>", group, flags=re.S):
            spans = re.findall(r"<tspan[^>]*>(.*?)</tspan>", text, flags=re.S)
            lines += [html.unescape(line) for line in (spans or [text])]
    return lines


@pytest.mark.parametrize("label", ["Registered (hukou) population, year end 2019",
                                   "纳入“桂教通”平台管理的学校数量（按原文推算）"])
def test_a_long_axis_label_is_broken_into_lines_not_cut(label):
    spec = _bars("Shares", rows=[{"name": label, "value": 54.99, "kind": "stated"},
                                 {"name": "Guangxi", "value": 52.37, "kind": "reported"}])
    lines = _axis_label_lines(drawing.draw(spec, drawing.NARROW).svg)
    assert not [line for line in lines if line.endswith("…")], lines
    assert "".join(lines).replace(" ", "").count(label.replace(" ", "")) == 1, lines


def test_no_axis_or_legend_label_in_the_built_book_is_cut_short(built_book):
    """Every chart of both editions, as the pages show it: no axis or legend label ends in an
    ellipsis (a legend's label once read "First…" on a phone)."""
    cut, drawings = [], 0
    for page in sorted(built_book.glob("**/notebooks/*.html")):
        text = page.read_text(encoding="utf-8")
        for svg in re.findall(r"<svg.*?</svg>", text, flags=re.S):
            drawings += 1
            cut += [(page.relative_to(built_book).as_posix(), line)
                    for role in ("axis-label", "legend-label") for line in _axis_label_lines(svg, role)
                    if line.endswith("…")]
    assert drawings >= 40, f"only {drawings} drawings: are the charts still drawn at build time?"
    assert cut == []
