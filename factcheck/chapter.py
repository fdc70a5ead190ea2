"""What every chapter does the same way: show a claim, check its verdict, draw the strip.

A chapter computes its derived values in visible cells and hands them to
`Chapter.verdict`, which asserts they equal data/verdicts.csv. The book, the data
and the tests therefore cannot disagree: change an input and the chapter fails.
"""
from __future__ import annotations

import html
from decimal import Decimal

import altair as alt
import pandas as pd

from .charts import HTMLBlock
from .publish import link_between_chapters, source_path
from .registry import is_missing, load_claims
from .source import load_source
from .verdicts import (GRADES, VERDICT_COLOURS, VERDICTS, round_derived, load_reference_figures,
                       load_verdicts, parse_derived, record_derived, recording)


def _esc(value) -> str:
    return html.escape(str(value), quote=True)


def _number(value) -> str:
    if is_missing(value):
        return ""
    number = Decimal(str(value))
    return f"{number:,f}".rstrip("0").rstrip(".") if "." in f"{number:f}" else f"{number:,f}"


class Chapter:
    def __init__(self, *parts: str):
        self.source = load_source()
        self.claims = load_claims(self.source)
        self.references = load_reference_figures()
        self.verdicts = load_verdicts(self.source, claims=self.claims, references=self.references)
        self.parts = parts
        self.mine = self.claims[self.claims["part"].isin(parts)]
        self.given: list[str] = []

    # ------------------------------------------------------------ lookups
    def row(self, claim_id: str) -> pd.Series:
        match = self.claims[self.claims["claim_id"] == claim_id]
        if match.empty:
            raise KeyError(f"{claim_id!r} is not in data/claims.csv")
        return match.iloc[0]

    def value(self, claim_id: str) -> float:
        """The value a claim states, as registered (read back from its quote)."""
        value = self.row(claim_id)["value"]
        if is_missing(value):
            raise ValueError(f"{claim_id} states no figure")
        return value

    def reference_row(self, figure_id: str) -> pd.Series:
        """One reference figure with its source: subject, period, value, quote, grade, URL..."""
        match = self.references[self.references["figure_id"] == figure_id]
        if match.empty:
            raise KeyError(f"{figure_id!r} is not in data/reference/figures.csv")
        return match.iloc[0]

    def reference(self, figure_id: str) -> float:
        return self.reference_row(figure_id)["value"]

    def sources(self, *figure_ids: str) -> pd.DataFrame:
        """The reference figures a check rests on: what they say and how good the source is."""
        table = self.references.set_index("figure_id").loc[
            list(figure_ids), ["subject", "period", "value", "unit", "quote", "grade"]]
        return table.reset_index()

    # ------------------------------------------------------------ display
    def _own_row(self, claim_id: str) -> pd.Series:
        """A claim of this chapter's parts; another chapter's claim is refused."""
        row = self.row(claim_id)
        if row["part"] not in self.parts:
            raise ValueError(f"{claim_id} belongs to part {row['part']}, not to this chapter")
        return row

    def claim(self, claim_id: str) -> HTMLBlock:
        row = self._own_row(claim_id)
        figure = ""
        if row["figure"]:
            approx = " (approximate in the article)" if row["approximate"] else ""
            figure = (f'<p class="claim-figure">Figure: <span lang="zh-Hans">{_esc(row["figure"])}</span>'
                      f" = {_number(row['value'])} {_esc(row['unit'])}{approx}; period {_esc(row['period'])}</p>")
        else:
            figure = f'<p class="claim-figure">No figure; period {_esc(row["period"])}</p>'
        return HTMLBlock(
            f'<div class="claim" id="claim-{_esc(claim_id)}">\n'
            f'<p class="claim-meta"><code>{_esc(claim_id)}</code> · {_esc(row["kind"])} · '
            f"{_esc(row['subject'])}</p>\n"
            f'<blockquote class="claim-quote" lang="zh-Hans">{_esc(row["quote"])}</blockquote>\n'
            f'<p class="claim-english" lang="en"><em>{_esc(row["english"])}</em></p>\n'
            f"{figure}\n"
            f'<p class="claim-source-link"><a href="{link_between_chapters(source_path(claim_id))}">'
            f"See this claim in the article</a></p>\n</div>")

    def verdict(self, claim_id: str, **derived) -> HTMLBlock:
        """Show a claim's verdict after asserting the computed values equal the table's."""
        if claim_id in self.given:
            raise ValueError(f"{claim_id} already has its verdict in this chapter")
        self._own_row(claim_id)
        match = self.verdicts[self.verdicts["claim_id"] == claim_id]
        if match.empty:
            raise KeyError(f"{claim_id} has no row in data/verdicts.csv")
        verdict = match.iloc[0]
        if recording():
            record_derived(claim_id, derived)
        else:
            self._assert_derived(claim_id, verdict["derived"], derived)
        self.given.append(claim_id)
        return HTMLBlock(self._verdict_html(claim_id, verdict, derived))

    @staticmethod
    def _assert_derived(claim_id: str, recorded: str | None, computed: dict) -> None:
        table = parse_derived(recorded)
        fresh = {name: Decimal(round_derived(value)) for name, value in computed.items()}
        if table != fresh:
            raise AssertionError(
                f"{claim_id}: the derived values computed here differ from data/verdicts.csv\n"
                f"  computed: {fresh}\n  in table: {table}\n"
                "If an input changed on purpose, review the verdict, then run `make derived`.")

    def _verdict_html(self, claim_id: str, verdict: pd.Series, derived: dict) -> str:
        name, meaning = VERDICTS[verdict["verdict"]]
        colour = VERDICT_COLOURS[verdict["verdict"]]
        parts = [f'<div class="verdict verdict-{_esc(verdict["verdict"])}" id="verdict-{_esc(claim_id)}">',
                 f'<p><span class="verdict-badge" style="border-left: 6px solid {colour}; padding-left: 6px">'
                 f"<strong>Verdict: {_esc(name)}</strong></span> "
                 f'<span class="verdict-meaning">({_esc(meaning)})</span></p>',
                 f"<p>{_esc(verdict['rationale'])}</p>",
                 f"<p class=\"verdict-checks\">Checks made: {_esc(verdict['checks'].replace(';', ', '))}</p>"]
        if derived:
            cells = "".join(f"<tr><td><code>{_esc(k)}</code></td><td>{_esc(round_derived(v))}</td></tr>"
                            for k, v in derived.items())
            parts.append(f'<table class="verdict-derived"><caption>Derived values</caption>'
                         f"<thead><tr><th>name</th><th>value</th></tr></thead><tbody>{cells}</tbody></table>")
        refs = [r for r in (verdict["references"] or "").split(";") if r]
        if refs:
            items = []
            for ref in refs:
                fig = self.references[self.references["figure_id"] == ref].iloc[0]
                value = f"{_number(fig['value'])} {_esc(fig['unit'])}, " if fig["figure"] else ""
                items.append(
                    f"<li><code>{_esc(ref)}</code>: {_esc(fig['subject'])} ({_esc(fig['geography'])}, "
                    f"{_esc(fig['period'])}): {value}"
                    f'<q lang="zh-Hans">{_esc(fig["quote"])}</q> — {_esc(fig["title"])}, {_esc(fig["publisher"])}'
                    f"{', ' + _esc(fig['published']) if fig['published'] else ''}. "
                    f"<a class=\"url\" href=\"{_esc(fig['url'])}\">{_esc(fig['url'])}</a> "
                    f"<em>Grade: {_esc(GRADES[fig['grade']])}.</em></li>")
            parts.append(f"<p>References:</p><ul class=\"verdict-references\">{''.join(items)}</ul>")
        if verdict["would_settle"]:
            parts.append(f"<p class=\"verdict-settle\">What would settle it: {_esc(verdict['would_settle'])}</p>")
        parts.append("</div>")
        return "\n".join(parts)

    # ------------------------------------------------------------ summaries
    def scored(self) -> pd.DataFrame:
        """This chapter's claims, in article order, with their verdicts."""
        frame = self.mine.merge(self.verdicts[["claim_id", "verdict"]], on="claim_id", how="left")
        frame = frame.sort_values("start").reset_index(drop=True)
        frame["verdict name"] = frame["verdict"].map(lambda v: VERDICTS[v][0])
        frame["order"] = range(1, len(frame) + 1)
        return frame

    def verdict_strip(self, title: str) -> alt.Chart:
        scored = self.scored()
        counts = scored["verdict name"].value_counts()
        names = [VERDICTS[v][0] for v in VERDICTS]
        description = (f"A strip of {len(scored)} squares, one per claim in article order, coloured by "
                       "verdict: " + ", ".join(f"{n} {counts[n]}" for n in names if n in counts) + ".")
        return alt.Chart(
            scored[["order", "claim_id", "verdict name", "subject"]],
            title=alt.Title(title, subtitle="One square per claim, in the article's order"),
            description=description,
        ).mark_square(size=min(220, 90000 // max(len(scored), 1) ** 2 * 4)).encode(
            x=alt.X("order:O", title="Claim, in article order", axis=alt.Axis(labels=False, ticks=False)),
            color=alt.Color("verdict name:N", title="Verdict",
                            scale=alt.Scale(domain=names, range=[VERDICT_COLOURS[v] for v in VERDICTS])),
            tooltip=["claim_id", "subject", "verdict name"],
        ).properties(width=min(460, max(200, 14 * len(scored))), height=40)

    def tally(self) -> pd.DataFrame:
        scored = self.scored()
        names = [VERDICTS[v][0] for v in VERDICTS]
        return (scored["verdict name"].value_counts().reindex(names, fill_value=0)
                .rename("claims").rename_axis("verdict").reset_index())

    def finish(self) -> pd.DataFrame:
        """Assert every claim of this chapter got exactly one verdict; return the tally."""
        missing = sorted(set(self.mine["claim_id"]) - set(self.given))
        if missing:
            raise AssertionError(f"claims without a verdict in this chapter: {missing}")
        return self.tally()
