"""Every chart of the book drawn at build time, as SVG the page shows with no script.

A notebook's chart output is a Vega-Lite spec (factcheck.render.charts). Here it is drawn by
vl-convert-python (the pinned Vega-Lite and Vega, offline) at two widths, so that the page can
show the one that fits its column (factcheck.css): ``NARROW`` for a phone, ``WIDE`` for a desktop.
What the browser's Vega did on the page before drawing is done here, once, with vl-convert's own
text measurement:

- a unit or layer chart takes the whole width ("container" becomes the width; the theme's
  ``fit-x`` autosize fits axes and labels inside it);
- a faceted or side-by-side chart's views are narrowed or widened until the whole fits;
- every title and subtitle is broken into lines that fit the width (Vega never wraps text):
  after a word in Latin text, after any character in Chinese, and never before a closing mark;
- an axis title that would reach past the chart's edges is broken into lines too, and a legend
  whose labels would reach past its right edge gets shorter labels (the data table after each
  chart gives them whole);
- each mark's tooltip becomes the ``<title>`` of its SVG element, which the browser shows on
  hover with no script (the mark's ``aria-label`` is replaced by it: the chart's container is
  an image named by the chart's description, so screen readers never read the marks).

The same input always gives the same bytes: vl-convert draws deterministically, and ids inside
an SVG are prefixed with a name made from the spec. What Vega writes that a reader never sees is
left out (`_compact`).
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from sphinx.errors import ExtensionError

from ..render import charts
from ..render.i18n import gettext_zh

# A 390 px phone gives a chart 358 px (the theme's margins); the narrowest desktop column,
# a 1200 px window's, is 624 px. factcheck.css shows the wide drawing from a 600 px column up,
# shrunk a little below 640 px, and the narrow one below that.
NARROW = 358
WIDE = 640
WIDTHS = (NARROW, WIDE)
# A composite chart (facets, side by side) is fitted until it is at most its width and at most
# this much narrower.
FIT_SLACK = 8
FIT_PASSES = 4
MIN_VIEW_WIDTH = 60
# Title lines end this far inside the chart's padding.
TITLE_MARGIN = 4
MIN_LEGEND_LABEL = 40


@dataclass(frozen=True)
class Drawing:
    """One chart drawn at one width: the SVG, its size, and the Vega spec it was drawn from
    (which the page's live view draws again, the same size)."""

    width: int
    height: int
    svg: str
    vega: dict


# ---------------------------------------------------------------- Vega-Lite to Vega

@functools.lru_cache(maxsize=1)
def vegalite_version() -> str:
    import altair
    import vl_convert

    # The Vega-Lite minor version Altair writes specs for.
    version = ".".join(altair.VEGALITE_VERSION.split(".")[:2])
    available = vl_convert.get_vegalite_versions()
    if version not in available:
        raise ExtensionError(
            f"factcheck.book.drawing: Altair {altair.__version__} writes Vega-Lite {version} specs, "
            f"but vl-convert-python {vl_convert.__version__} bundles only {available}. "
            "Pin versions of the two that agree in requirements.in and run `make requirements`.")
    return version


@functools.lru_cache(maxsize=512)
def _compiled(canonical: str) -> str:
    import vl_convert

    return json.dumps(vl_convert.vegalite_to_vega(json.loads(canonical), vl_version=vegalite_version()),
                      ensure_ascii=False)


def compile_vegalite(spec: dict) -> dict:
    """The Vega spec the pinned Vega-Lite compiler makes of ``spec`` (a fresh copy)."""
    return json.loads(_compiled(charts.canonical_json(spec)))


def _with_widths(node, width):
    """``node`` with every width "container" replaced by ``width``."""
    if isinstance(node, dict):
        return {key: width if key == "width" and value == charts.FIT_WIDTH else _with_widths(value, width)
                for key, value in node.items()}
    if isinstance(node, list):
        return [_with_widths(item, width) for item in node]
    return node


# ---------------------------------------------------------------- text

# A line may break after a word in Latin text and after any character in Chinese, which puts
# no spaces between words; a closing mark (，。、) never starts a line.
_CJK = charts.CJK_CHARACTERS
_UNITS = re.compile(f"[{_CJK}]|[^\\s{_CJK}]+|\\s+")
_CLOSING = frozenset("\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f\uff09\u300d\u300f\u201d\u2019\u3011")


@functools.lru_cache(maxsize=8192)
def text_width(text: str, font: str, size: float, weight: str = "normal") -> float:
    """The width vl-convert gives ``text`` in this font: the width of a chart holding only it."""
    import vl_convert

    spec = {"autosize": "pad", "padding": 0, "width": 0, "height": 0,
            "marks": [{"type": "text", "encode": {"enter": {
                "text": {"value": text}, "font": {"value": font}, "fontSize": {"value": size},
                "fontWeight": {"value": weight}, "baseline": {"value": "top"}}}}]}
    return vl_convert.vega_to_scenegraph(spec)["width"]


def _tokens(text: str) -> list[tuple[str, bool]]:
    """The units a line may break between, each with whether a space came before it."""
    tokens, space = [], False
    for unit in _UNITS.findall(text):
        if unit.isspace():
            space = bool(tokens)
        else:
            tokens.append((unit, space))
            space = False
    return tokens


def _line(tokens: list[tuple[str, bool]]) -> str:
    return "".join((" " if space and index else "") + unit for index, (unit, space) in enumerate(tokens))


def _estimate(unit: str) -> float:
    """A unit's rough width in ems (a CJK character is one em), to guess where a line ends."""
    return sum(1.0 if re.match(f"[{_CJK}]", character) else 0.55 for character in unit)


def wrap(text: str, width: float, font: str, size: float, weight: str = "normal") -> list[str]:
    """``text`` broken into lines no wider than ``width`` (a word wider than that has a line of
    its own): after a word in Latin text, after any character in CJK text, and never before a
    closing mark (the character before the mark goes to the next line with it).

    Each line's end is guessed from rough widths scaled to the measured rest of the text, then
    moved a unit at a time until it is the last that fits: a few measurements a line.
    """
    def measure(part: list[tuple[str, bool]]) -> float:
        return text_width(_line(part), font, size, weight)

    tokens = _tokens(text)
    lines: list[str] = []
    start = 0
    while start < len(tokens):
        rest = measure(tokens[start:])
        if rest <= width:
            lines.append(_line(tokens[start:]))
            break
        rough = [_estimate(unit) + (0.3 if space else 0) for unit, space in tokens[start:]]
        scale, reach, end = rest / sum(rough), 0.0, start
        while end < len(tokens) and reach + rough[end - start] * scale <= width:
            reach += rough[end - start] * scale
            end += 1
        end = max(end, start + 1)
        if measure(tokens[start:end]) <= width:
            while end < len(tokens) and measure(tokens[start:end + 1]) <= width:
                end += 1
        else:
            while end > start + 1:
                end -= 1
                if measure(tokens[start:end]) <= width:
                    break
        # Never start the next line with a closing mark: the unit before it goes along.
        while end < len(tokens) and tokens[end][0] in _CLOSING and end - 1 > start:
            end -= 1
        lines.append(_line(tokens[start:end]))
        start = end
    return lines or [text]


# ---------------------------------------------------------------- titles

_SKIPPED_KEYS = frozenset({"data", "config", "signals", "scales"})


def _padding(spec: dict) -> float:
    padding = spec.get("padding")
    return padding if isinstance(padding, (int, float)) else 8


def _title_fonts(spec: dict) -> tuple[dict, dict]:
    """The title's and the subtitle's font, size and weight by default (the spec's config)."""
    config = spec.get("config", {})
    title, style = config.get("title", {}), config.get("style", {})
    group_title, group_subtitle = style.get("group-title", {}), style.get("group-subtitle", {})
    return ({"font": title.get("font") or group_title.get("font") or charts.FONT,
             "size": title.get("fontSize") or group_title.get("fontSize") or 13,
             "weight": title.get("fontWeight") or group_title.get("fontWeight") or "bold"},
            {"font": title.get("subtitleFont") or group_subtitle.get("font") or charts.FONT,
             "size": title.get("subtitleFontSize") or group_subtitle.get("fontSize") or 12,
             "weight": title.get("subtitleFontWeight") or group_subtitle.get("fontWeight") or "normal"})


def _as_text(value) -> str | None:
    """A title's text as one string: lines given as a list joined by a space, or by nothing
    between two CJK characters."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        text = ""
        for line in value:
            cjk_join = re.search(f"[{_CJK}]$", text) and re.match(f"[{_CJK}]", line)
            text += line if not text or cjk_join else " " + line
        return text
    return value if isinstance(value, str) else None


def _lines(lines: list[str]) -> str | list[str]:
    return lines[0] if len(lines) == 1 else lines


def wrap_titles(spec: dict, width: float) -> None:
    """Break every title and subtitle of the Vega ``spec`` into lines no wider than ``width``."""
    title_font, subtitle_font = _title_fonts(spec)

    def visit(node) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
            return
        if not isinstance(node, dict):
            return
        title = node.get("title")
        if isinstance(title, dict) and _as_text(title.get("text")) is not None:
            title["text"] = _lines(wrap(_as_text(title["text"]), width,
                                        title.get("font", title_font["font"]),
                                        title.get("fontSize", title_font["size"]),
                                        title.get("fontWeight", title_font["weight"])))
            if _as_text(title.get("subtitle")):
                title["subtitle"] = _lines(wrap(_as_text(title["subtitle"]), width,
                                                title.get("subtitleFont", subtitle_font["font"]),
                                                title.get("subtitleFontSize", subtitle_font["size"]),
                                                title.get("subtitleFontWeight", subtitle_font["weight"])))
        for key, value in node.items():
            if key not in _SKIPPED_KEYS:
                visit(value)

    visit(spec)


# ---------------------------------------------------------------- tooltips

def _split_top_level(text: str, separator: str) -> list[str]:
    """``text`` split at each ``separator`` outside brackets and string literals."""
    parts, depth, quote, escaped, current = [], 0, None, False, []
    for character in text:
        if quote:
            escaped = character == "\\" and not escaped
            if character == quote and not escaped:
                quote = None
        elif character in "'\"":
            quote = character
        elif character in "([{":
            depth += 1
        elif character in ")]}":
            depth -= 1
        elif character == separator and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(character)
    parts.append("".join(current))
    return parts


_CHINESE = re.compile(f"[{charts.CJK_CHARACTERS}]")


def tooltip_text(signal: str) -> str | None:
    """A Vega expression for the text a tooltip shows, as Vega's own tooltip handler writes it
    ("key: value" a line; a Chinese key takes the Chinese colon), from the tooltip Vega-Lite compiles (an
    object literal of keys and expressions, or a single expression); None when it cannot be read."""
    signal = signal.strip()
    if not (signal.startswith("{") and signal.endswith("}")):
        return f'""+({signal})' if signal else None
    lines = []
    for entry in _split_top_level(signal[1:-1], ","):
        if not entry.strip():
            continue
        # The key is before the first colon outside quotes; the value may hold more (a ? b : c).
        key, *value = _split_top_level(entry, ":")
        key, value = key.strip(), ":".join(value).strip()
        try:
            name = json.loads(key) if key.startswith('"') else key
        except json.JSONDecodeError:
            return None
        if not value:
            return None
        # A Chinese key takes the colon Chinese text uses (ui.po), with no space after it.
        separator = gettext_zh(": ") if _CHINESE.search(str(name)) else ": "
        lines.append(f"{json.dumps(str(name) + separator, ensure_ascii=False)} + ({value})")
    return ' + "\\n" + '.join(lines) if lines else None


def tooltips_as_descriptions(spec: dict) -> None:
    """Each mark's tooltip becomes its description, which Vega draws as the element's aria-label
    and `_titles` turns into its <title> (a tooltip that cannot be read keeps Vega-Lite's own
    description, which names every field the mark shows); a mark without a tooltip gets none."""
    def visit(marks) -> None:
        for mark in marks or []:
            if mark.get("type") != "group":
                for sets in mark.get("encode", {}).values():
                    tooltip = sets.get("tooltip") if isinstance(sets, dict) else None
                    text = tooltip_text(tooltip["signal"]) if isinstance(tooltip, dict) \
                        and isinstance(tooltip.get("signal"), str) else None
                    if text:
                        sets["description"] = {"signal": text}
                    elif isinstance(sets, dict) and not tooltip:
                        sets.pop("description", None)
                        sets.pop("ariaRoleDescription", None)
            visit(mark.get("marks"))

    visit(spec.get("marks"))


# ---------------------------------------------------------------- the SVG

_ITEM_LABEL = re.compile(r'<(\w+) aria-label="([^"]*)" role="graphics-symbol" '
                         r'aria-roledescription="[^"]*"([^>]*?)(/?)>')
_SVG_SIZE = re.compile(r'<svg [^>]*?width="([\d.]+)" height="([\d.]+)"')
_SVG_NS = "{http://www.w3.org/2000/svg}"
_TRANSLATE = re.compile(r"translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)\s*\)")


_ARIA = re.compile(r' (?:role="graphics-[\w-]+"|aria-roledescription="[^"]*"|aria-label="[^"]*"'
                   r'|aria-hidden="true")')


def _titles(svg: str) -> str:
    """Each mark item's aria-label (its tooltip, see `tooltips_as_descriptions`) as its <title>,
    and no other ARIA markup: the chart's container is an image named by the chart's description,
    so none of it would be read, and Vega writes its own (an axis's "X-axis titled ...") in English."""
    def replace(match: re.Match) -> str:
        tag, label, rest, closing = match.groups()
        title = f"<title>{label}</title>"
        return f"<{tag}{rest}>{title}</{tag}>" if closing else f"<{tag}{rest}>{title}"
    return _ARIA.sub("", _ITEM_LABEL.sub(replace, svg))


# What Vega writes that draws nothing: an empty foreground, a group's zero-size background.
_NOTHING = re.compile(r'<path class="foreground" d=""(?: pointer-events="none")? display="none"/>'
                      r'|<path class="background" d="M0,0h0v0h0Z"(?: pointer-events="none")?/>')
_GEOMETRY = re.compile(r'( (?:d|transform|x|y|x1|x2|y1|y2|width|height|dx|dy)=")([^"]*)"')
_LONG_NUMBER = re.compile(r"-?\d+\.\d{3,}")
_FONT_FAMILY = re.compile(r' font-family="([^"]*)"')


def _short_number(match: re.Match) -> str:
    text = f"{round(float(match.group(0)), 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _compact(svg: str) -> str:
    """The same drawing in fewer bytes (about a fifth): nothing that draws nothing, no
    ``opacity="1"``, positions to a hundredth of a pixel, and the font family that most texts
    have written once, on the <svg>, for them to inherit."""
    svg = _NOTHING.sub("", svg).replace(' opacity="1"', "")
    svg = _GEOMETRY.sub(lambda match: match.group(1) + _LONG_NUMBER.sub(_short_number, match.group(2)) + '"',
                        svg)
    families = _FONT_FAMILY.findall(svg)
    if families:
        common = max(sorted(set(families)), key=families.count)
        svg = svg.replace(f' font-family="{common}"', "").replace("<svg ", f'<svg font-family="{common}" ', 1)
    return svg


def _unique_ids(svg: str, prefix: str) -> str:
    """Ids (clip paths, gradients) prefixed, so two drawings on one page never share one."""
    for name in sorted(set(re.findall(r'\bid="([^"]+)"', svg)), key=len, reverse=True):
        svg = (svg.replace(f'id="{name}"', f'id="{prefix}-{name}"')
               .replace(f"url(#{name})", f"url(#{prefix}-{name})")
               .replace(f'href="#{name}"', f'href="#{prefix}-{name}"'))
    return svg


def _size(svg: str) -> tuple[int, int]:
    match = _SVG_SIZE.match(svg)
    if not match:
        raise ExtensionError("factcheck.book.drawing: vl-convert drew an SVG without a size")
    return math.ceil(float(match.group(1))), math.ceil(float(match.group(2)))


@dataclass(frozen=True)
class DrawnText:
    """A text of a drawing, where it reaches across the drawing (from vl-convert's measurement)."""

    role: str   # its mark group's role: "legend-label", "axis-title", "title-text", ...
    text: str
    left: float
    right: float
    x: float      # where it is anchored
    anchor: str   # how: "start", "middle" or "end"
    font: tuple[str, float, str]  # family, size, weight


def drawn_texts(svg: str, roles: frozenset[str]) -> list[DrawnText]:
    """Every horizontal text of a drawing in one of these roles, with its reach (each is
    measured: a few milliseconds). Vega places everything with translate() (a rotated text,
    such as a y axis's title, is left out)."""
    found = []

    def visit(element, x: float, role: str) -> None:
        transform = element.get("transform", "")
        if "rotate" in transform:
            return
        match = _TRANSLATE.search(transform)
        x += float(match.group(1)) if match else 0.0
        role = next((name.removeprefix("role-") for name in element.get("class", "").split()
                     if name.startswith("role-")), role)
        if element.tag == f"{_SVG_NS}text" and role in roles:
            x += float(element.get("x", 0))
            # Its lines (tspans), or its own text after the <title> that `_titles` put in.
            title = element.find(f"{_SVG_NS}title")
            lines = ["".join(line.itertext()) for line in element.findall(f"{_SVG_NS}tspan")] or \
                [(element.text or "") + (title.tail or "" if title is not None else "")]
            size = float(element.get("font-size", "11").removesuffix("px"))
            font = (element.get("font-family", charts.FONT), size, element.get("font-weight", "normal"))
            width = max(text_width(line, *font) for line in lines)
            anchor = element.get("text-anchor", "start")
            left = x if anchor == "start" else x - width / 2 if anchor == "middle" else x - width
            found.append(DrawnText(role, _as_text(lines), left, left + width, x, anchor, font))
        for child in element:
            visit(child, x, role)

    visit(ElementTree.fromstring(svg), 0.0, "")
    return found


def _svg_width(svg: str) -> float:
    return float(ElementTree.fromstring(svg).get("width", 0))


def legend_overhang(svg: str) -> float:
    """How far the widest legend label reaches past the drawing's right edge (0 when none does)."""
    width = _svg_width(svg)
    return max([0.0] + [text.right - width for text in drawn_texts(svg, frozenset({"legend-label"}))])


def _shorten_legend_labels(spec: dict, cut: float, widest: float) -> None:
    """Every legend's label limit made ``cut`` narrower. A limit of 0 is none in Vega: the labels
    were as wide as the widest drawn (``widest``), and that is what is cut."""
    default = spec.get("config", {}).get("legend", {}).get("labelLimit", 160)

    def visit(node) -> None:
        for legend in node.get("legends", []):
            limit = legend.get("labelLimit", default) or math.ceil(widest)
            legend["labelLimit"] = max(MIN_LEGEND_LABEL, math.floor(limit - cut))
        for mark in node.get("marks", []):
            visit(mark)

    visit(spec)


def _axes(node):
    yield from node.get("axes", [])
    for mark in node.get("marks", []):
        yield from _axes(mark)


def _wrap_axis_titles(spec: dict, svg: str) -> bool:
    """Break an axis title that reaches past the drawing's edges into lines that fit around its
    anchor; whether one was."""
    width, wrapped = _svg_width(svg), False
    for drawn in drawn_texts(svg, frozenset({"axis-title"})):
        if drawn.left >= TITLE_MARGIN and drawn.right <= width - TITLE_MARGIN:
            continue
        before, after = drawn.x - TITLE_MARGIN, width - TITLE_MARGIN - drawn.x
        room = {"start": after, "end": before}.get(drawn.anchor, 2 * min(before, after))
        for axis in _axes(spec):
            if _as_text(axis.get("title")) == drawn.text:
                axis["title"] = _lines(wrap(drawn.text, room, *drawn.font))
                wrapped = True
    return wrapped


def _render(vega: dict) -> str:
    import vl_convert

    return vl_convert.vega_to_svg(vega)


def _draw_vega(vega: dict, width: int) -> tuple[dict, str]:
    """The Vega spec made to fit ``width`` (titles wrapped, tooltips as titles), and its SVG."""
    wrap_titles(vega, width - 2 * _padding(vega) - TITLE_MARGIN)
    tooltips_as_descriptions(vega)
    svg = _render(vega)
    # A wrapped axis title changes the layout, which may move it again.
    for _ in range(3):
        if not _wrap_axis_titles(vega, svg):
            break
        svg = _render(vega)
    for _ in range(2):
        over = legend_overhang(svg)
        if over <= 0:
            break
        widest = max(text.right - text.left for text in drawn_texts(svg, frozenset({"legend-label"})))
        _shorten_legend_labels(vega, over + TITLE_MARGIN, widest)
        svg = _render(vega)
    return vega, svg


def _fitted_composite(spec: dict, width: int) -> tuple[dict, str]:
    """A faceted or side-by-side chart whose views are sized until the whole is ``width``
    wide or up to FIT_SLACK narrower. The total width grows in step with the views' width,
    so each pass corrects the views by the last two passes' ratio."""
    view, tried = charts.COMPOSITE_VIEW_WIDTH, []
    for _ in range(FIT_PASSES):
        vega, svg = _draw_vega(compile_vegalite({**_with_widths(spec, view), "autosize": {"type": "pad"}}),
                               width)
        drawn = _size(svg)[0]
        if width - FIT_SLACK < drawn <= width:
            break
        tried.append((view, drawn))
        if len(tried) >= 2 and tried[-1][1] != tried[-2][1]:
            (view_1, drawn_1), (view_2, drawn_2) = tried[-2:]
            step = (drawn_2 - drawn_1) / (view_2 - view_1)
        else:
            step = 1.0
        view = max(MIN_VIEW_WIDTH, math.floor(view + (width - FIT_SLACK / 2 - drawn) / step))
        if tried and view == tried[-1][0]:
            break
    return vega, svg


def draw(spec: dict, width: int) -> Drawing:
    """The chart of the Vega-Lite ``spec`` (as the book draws it: ``charts.book_spec``) drawn to
    fit ``width``."""
    if charts.is_composite(spec):
        vega, svg = _fitted_composite(spec, width)
    else:
        vega, svg = _draw_vega(compile_vegalite(_with_widths(spec, width)), width)
    digest = hashlib.sha256(charts.canonical_json(spec).encode("utf-8")).hexdigest()[:8]
    svg = _unique_ids(_compact(_titles(svg)), f"c{digest}-{width}")
    drawn_width, drawn_height = _size(svg)
    return Drawing(drawn_width, drawn_height, svg, vega)
