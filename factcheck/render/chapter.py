"""What every chapter does the same way: show a claim, check its verdict, count the verdicts.

A chapter computes its derived values in visible cells and hands them to
`Chapter.verdict`, which asserts they equal data/derived.csv and shows the
verdict. It never writes: when the values differ it shows them and raises
`DerivedValuesChanged`, and `make derived` records them after review.
"""
from __future__ import annotations

import pandas as pd
from IPython.display import display

from ..data import overall
from ..data.dataset import load_dataset
from ..data.decision import on_a_card
from ..data.derived import round_derived, rounded
from ..data.parts import CORRECTIONS_PAGE, link_from_chapter, source_path
from ..data.references import load_grades
from ..data.tables import is_missing
from ..data.verdicts import load_ratings, rating_names
from . import language
from .blocks import HTMLBlock, render, render_block
from .charts import data_table
from .i18n import localised

# The output that carries a verdict's computed values when they differ from the
# table; factcheck.tools.derive reads it, nothing else does.
DERIVED_MIME_TYPE = "application/vnd.factcheck.derived+json"


def _one(frame: pd.DataFrame, column: str, key: str, file: str) -> pd.Series:
    """The row of `frame` whose `column` is `key`; a KeyError naming `file` if there is none."""
    match = frame[frame[column] == key]
    if match.empty:
        raise KeyError(f"{key!r} is not in {file}")
    return match.iloc[0]


def _whole(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


class DerivedValuesChanged(AssertionError):
    """A chapter computed values that differ from data/derived.csv."""


# A check recorded without a reason of its own, said as a sentence on its card. A check whose
# outcome is the card's kind of unverifiable is not listed: "Why it is unverifiable" says it.
PLAIN_CHECKS = {
    ("search", "no-record-found"): "We searched for a public record of it and found none.",
    ("search", "official-record-not-found"): "We looked for the official record, which should exist, "
                                             "and did not find it.",
    ("search", "no-measure"): "We know of no published measure that could test it like for like.",
    ("external", "not-comparable"): "The outside figures we found, listed under the sources, bear on "
                                    "the claim but do not settle it.",
    ("arithmetic", "computed"): "We worked out what the claim's figures imply: the values above.",
    ("consistency", "computed"): "We set it beside the article's other figures: the values above.",
}


def listed_checks(verdict) -> list[tuple[object, str | None]]:
    """The checks a card lists, each with its plain sentence when it has no reason of its own:
    not the context checks (listed before them) and not a reasonless check that only restates
    why the claim is unverifiable."""
    listed = []
    for check in verdict.checks:
        if check in verdict.confirmed_context:
            continue
        if check.reason:
            listed.append((check, None))
        elif check.outcome != verdict.unverifiable_kind:
            listed.append((check, PLAIN_CHECKS[(check.kind, check.outcome)]))
    return listed


def grouped_sources(references: list[dict]) -> list[dict]:
    """A card's sources, one item per page (in the order first cited) with every figure it gives
    and each of its quotes once, with its English gloss: a page that supports two figures is not
    listed twice."""
    pages: dict[str, dict] = {}
    for reference in references:
        page = pages.setdefault(reference["url"], {**reference, "figures": [], "quotes": []})
        page["figures"].append(reference)
        if all(quote != reference["quote"] for quote, _ in page["quotes"]):
            page["quotes"].append((reference["quote"], reference["gloss"]))
    return list(pages.values())


def _reasons(verdict) -> tuple:
    """What a card says beyond its rating and conclusion: its reasons, sources and settling data."""
    return verdict.rationale, verdict.references, verdict.would_settle


def _same_reasons(previous, verdict) -> bool:
    """Whether a card would repeat the one before it: the same reasons, sources and settling data."""
    return previous is not None and bool(verdict.rationale) and _reasons(previous) == _reasons(verdict)


# Where a chapter's cards and list rows link for the reason of a change, and for the rules.
CORRECTIONS_LINK = link_from_chapter(f"{CORRECTIONS_PAGE}.html")
METHODOLOGY_LINK = link_from_chapter("book/methodology.html")

# How the chapter's ending names the claims left without a verdict (`make derived` reads it).
WITHOUT_A_VERDICT = "claims without a verdict in this chapter: "


class Chapter:
    def __init__(self, *parts: str):
        data = load_dataset()
        self.source = data.source
        self.claims = data.claims
        self.references = data.references
        self.verdicts = data.verdict_table
        self.records = data.verdicts
        self.parts = parts
        self.mine = self.claims[self.claims["part"].isin(parts)]
        self.given: list[str] = []
        # Why a period was taken (a claim's period_note) is said in the first box that needs
        # it; a later box with the same reason says "as above".
        self.period_reasons: set[tuple[str, str]] = set()
        # Quotes already shown in a claim box: a sentence that gives several claims is folded
        # after its first box.
        self.quotes_shown: set[str] = set()
        # The last card shown: a card whose reasons, sources and settling data are the same (two
        # claims of one sentence) says "as above" instead of printing them again.
        self.previous_card = None
        # What the source labels (official, official repost, copy) mean is said once a chapter,
        # on the first card that lists sources.
        self.grades_explained = False
        # The ledger claims the prose discusses: each shows its quote before the prose and its
        # rating after it.
        self.discussed: set[str] = set()

    # ------------------------------------------------------------ lookups
    def row(self, claim_id: str) -> pd.Series:
        return _one(self.claims, "claim_id", claim_id, "data/claims.csv")

    def value(self, claim_id: str) -> float | int:
        """The value a claim states, as registered (read back from its quote).

        A whole number is an int, so a count prints as 21, never 21.0.
        """
        value = self.row(claim_id)["value"]
        if is_missing(value):
            raise ValueError(f"{claim_id} states no figure")
        return _whole(value)

    def reference_row(self, figure_id: str) -> pd.Series:
        """One reference figure with its source: subject, period, value, quote, grade, URL..."""
        return _one(self.references, "figure_id", figure_id, "data/reference/figures.csv")

    def reference(self, figure_id: str) -> float | int:
        return _whole(self.reference_row(figure_id)["value"])

    def sources(self, *figure_ids: str) -> HTMLBlock:
        """The reference figures a check rests on, what they say and how good the source is,
        as a data table (a missing value shows as a dash, never as NaN)."""
        table = self.references.set_index("figure_id").loc[
            list(figure_ids), ["subject", "period", "value", "unit", "quote", "grade", "publisher"]]
        # Named by its publisher, as a card's sources are; the row's id stays in the data.
        return data_table(table.rename(columns={"publisher": "source"}).reset_index(drop=True),
                          "The sources this check rests on")

    # ------------------------------------------------------------ display
    def _own_row(self, claim_id: str) -> pd.Series:
        """A claim of this chapter's parts; another chapter's claim is refused."""
        row = self.row(claim_id)
        if row["part"] not in self.parts:
            raise ValueError(f"{claim_id} belongs to part {row['part']}, not to this chapter")
        return row

    def claim(self, claim_id: str, *, discussed: bool = False) -> HTMLBlock | None:
        """The claim's box, for a claim that gets a card. A ledger claim's quote is in the
        chapter's ledger (`ledger`), which holds its anchor: here it shows nothing, or, where the
        prose after it discusses it (`discussed`), its quote on one line, whose verdict then
        shows its rating (`verdict`), as a card follows the prose."""
        row = self._own_row(claim_id)
        if not self.records[claim_id].has_card:
            if not discussed:
                return None
            self.discussed.add(claim_id)
            return render_block("listed_claim.html", claim=row)
        reason = (str(row["period"]), str(row["period_note"]))
        as_above = row["period_basis"] == "inferred" and reason in self.period_reasons
        if row["period_basis"] == "inferred":
            self.period_reasons.add(reason)
        quote_as_above = row["quote"] in self.quotes_shown
        self.quotes_shown.add(row["quote"])
        return render_block("claim.html", claim=row, anchor=f"claim-{claim_id}", period_as_above=as_above,
                            quote_as_above=quote_as_above,
                            source_link=link_from_chapter(source_path(claim_id)))

    def without_figure(self, *claim_ids: str) -> HTMLBlock:
        """The opening of the claims left in a part that carry no figure: how many, and where each
        is shown. Counted from the verdicts, so the sentence never promises a card that is not
        there, and the claims sent to the ledger are named, each linked to its row."""
        for claim_id in claim_ids:
            self._own_row(claim_id)
        listed = [claim_id for claim_id in claim_ids if not self.records[claim_id].has_card]
        cards = len(claim_ids) - len(listed)
        # Each side's size is given, so the reader can add them up (a catalog entry has no plural
        # forms, so one of either gets its own words). A single claim needs no opening.
        opening = localised("The {n} claims left carry no figure to test.", n=len(claim_ids))
        if not listed:
            where = localised("Their cards are below.")
        elif not cards:
            where = localised("The list at the end of the chapter holds them, with what would settle each:")
        else:
            with_cards = (localised("One has a card below;") if cards == 1
                          else localised("{n} have cards below;", n=cards))
            in_list = (localised("the list at the end of the chapter holds the other, "
                                 "with what would settle it:") if len(listed) == 1 else
                       localised("the list at the end of the chapter holds the other {n}, with what would "
                                 "settle each:", n=len(listed)))
            where = f"{with_cards} {in_list}" if not language.is_chinese() else with_cards + in_list
        return render_block("without_figure.html", opening=opening, where=where,
                            listed=[self.row(claim_id) for claim_id in listed])

    def verdict(self, claim_id: str, together_with: str | None = None, **derived) -> HTMLBlock | None:
        """A claim's verdict card, after asserting the computed values equal data/derived.csv.
        A ledger claim's verdict is a row of the chapter's ledger: nothing is shown here, unless
        the prose discussed it (`claim(..., discussed=True)`): then its rating, on one line.

        `together_with` names a second claim of the same problem (two figures of one sentence)
        whose verdict has the same rating and reasons: one card shows both, and holds the
        second claim's anchor."""
        verdict = self._checked(claim_id, derived)
        joined = None
        if together_with is not None:
            joined = self._checked(together_with, derived)
            if (joined.rating, *_reasons(joined)) != (verdict.rating, *_reasons(verdict)):
                raise ValueError(f"{together_with} has another rating or other reasons than {claim_id}: "
                                 "it needs a card of its own")
        if not verdict.has_card:
            return self._listed_verdict(verdict) if claim_id in self.discussed else None
        as_above = joined is None and _same_reasons(self.previous_card, verdict)
        self.previous_card = verdict
        explain_grades = self._explain_grades(bool(verdict.references) and not as_above)
        return HTMLBlock(self.verdict_html(claim_id, derived, as_above=as_above, together_with=together_with,
                                           explain_grades=explain_grades))

    def _listed_verdict(self, verdict) -> HTMLBlock:
        """A discussed ledger claim's rating and why, on one line after the prose, with the
        sources the prose drew on and a link to its row, which says what would settle it."""
        sources = self._sources(verdict)
        return render_block("listed_verdict.html", claim=self.row(verdict.claim_id), verdict=verdict,
                            rating=verdict.rating, sources=sources, corrections_link=CORRECTIONS_LINK,
                            explain_grades=self._explain_grades(bool(sources)), grades=load_grades())

    def verdicts_of_one_sentence(self, figures: dict[str, dict]) -> HTMLBlock | None:
        """One card for the figures of one sentence (`figures`: each claim id with its computed
        values, as `verdict` takes them) that share a rating and, if unverifiable, its kind: the
        rating stands once, each figure keeps its conclusion, reasons and working, and the
        sentence's sources and what would settle it stand once. Three cards alike but for their
        numbers would say one thing three times. Claims of other sentences, or that differ in
        rating or kind, are refused: each needs a card of its own."""
        if len(figures) < 2:
            raise ValueError("verdicts_of_one_sentence needs two figures or more; one takes `verdict`")
        records = [self._checked(claim_id, derived) for claim_id, derived in figures.items()]
        first = records[0]
        for record in records[1:]:
            if (record.rating, record.unverifiable_kind, record.has_card) != (
                    first.rating, first.unverifiable_kind, first.has_card):
                raise ValueError(f"{record.claim_id} differs from {first.claim_id} in rating or kind, "
                                 "or has no card: it needs a card of its own")
        rows = [self.row(claim_id) for claim_id in figures]
        start, end = min(row["start"] for row in rows), max(row["end"] for row in rows)
        if any(stop in self.source.text[start:end] for stop in "。；！？\n"):
            raise ValueError(f"{', '.join(figures)} are not in one sentence of the article")
        if not first.has_card:
            return None
        self.previous_card = records[-1]
        sources = self._sources(*records)
        members = [{"verdict": record, "claim": row, "checks": listed_checks(record),
                    "rule_in_words": on_a_card(record.rule),
                    "derived": {name: round_derived(value) for name, value in derived.items()}}
                   for record, row, derived in zip(records, rows, figures.values(), strict=True)]
        # What would settle it stands once where every figure needs the same record.
        settles = {record.would_settle for record in records if record.would_settle}
        return render_block("verdict_group.html", members=members, rating=first.rating, sources=sources,
                            settle_once=len(settles) == 1, settle_each=len(settles) > 1,
                            grades=load_grades(),
                            explain_grades=self._explain_grades(bool(sources)),
                            corrections_link=CORRECTIONS_LINK,
                            methodology_link=METHODOLOGY_LINK)

    def _checked(self, claim_id: str, derived: dict):
        """The claim's verdict record, once its computed values are shown to equal the table's."""
        if claim_id in self.given:
            raise ValueError(f"{claim_id} already has its verdict in this chapter")
        self._own_row(claim_id)
        if claim_id not in self.records:
            raise KeyError(f"{claim_id} has no row in data/verdicts.csv")
        verdict = self.records[claim_id]
        computed = rounded(derived)
        if computed != verdict.derived:
            # Shown for `make derived` to record after review; the cell still fails.
            values = {name: str(value) for name, value in computed.items()}
            display({DERIVED_MIME_TYPE: {"claim_id": claim_id, "values": values},
                     "text/plain": f"computed for {claim_id}: {computed}"}, raw=True)
            raise DerivedValuesChanged(
                f"{claim_id}: the derived values computed here differ from data/derived.csv\n"
                f"  computed: {computed}\n  in table: {verdict.derived}\n"
                "If an input changed on purpose, review the verdict, then run `make derived`.")
        self.given.append(claim_id)
        return verdict

    def verdict_html(self, claim_id: str, derived: dict, language: str | None = None, *,
                     as_above: bool = False, together_with: str | None = None,
                     explain_grades: bool = False) -> str:
        verdict = self.records[claim_id]
        return render("verdict.html", language, verdict=verdict, rating=verdict.rating,
                      claim=self.row(claim_id),
                      joined=self.row(together_with) if together_with else None,
                      joined_verdict=self.records[together_with] if together_with else None,
                      derived={name: round_derived(value) for name, value in derived.items()},
                      sources=self._sources(verdict), grades=load_grades(),
                      as_above=as_above, explain_grades=explain_grades, checks=listed_checks(verdict),
                      rule_in_words=on_a_card(verdict.rule),
                      corrections_link=CORRECTIONS_LINK,
                      methodology_link=METHODOLOGY_LINK)

    def _explain_grades(self, lists_sources: bool) -> bool:
        """Whether this block, which lists sources or not, is the chapter's first to: it then
        says what the source labels mean."""
        first = lists_sources and not self.grades_explained
        self.grades_explained = self.grades_explained or first
        return first

    def _sources(self, *verdicts) -> list[dict]:
        """The pages the verdicts' checks cite, each once, in the order first cited (`grouped_sources`)."""
        references = list(dict.fromkeys(figure for verdict in verdicts for figure in verdict.references))
        cited = self.references.set_index("figure_id").loc[references].reset_index()
        return grouped_sources(cited.to_dict("records"))

    # ------------------------------------------------------------ summaries
    def scored(self) -> pd.DataFrame:
        """This chapter's claims, in article order, with their verdicts."""
        frame = self.mine.merge(self.verdicts[["claim_id", "verdict"]], on="claim_id", how="left")
        frame = frame.sort_values("start").reset_index(drop=True)
        frame["verdict name"] = frame["verdict"].map(lambda v: load_ratings()[v].name)
        return frame

    def tally(self) -> pd.DataFrame:
        scored = self.scored()
        return (scored["verdict name"].value_counts().reindex(rating_names(), fill_value=0)
                .rename("claims").rename_axis("verdict").reset_index())

    def finish(self) -> pd.DataFrame:
        """Assert every claim of this chapter got exactly one verdict; return the tally."""
        missing = sorted(set(self.mine["claim_id"]) - set(self.given))
        if missing:
            raise AssertionError(f"{WITHOUT_A_VERDICT}{missing}")
        return self.tally()

    def ledger(self) -> HTMLBlock | None:
        """The chapter's other claims, unverifiable and not headline, one row each: the claim and
        its quote (folded where the prose quoted it), why it could not be verified (its kind and
        its conclusion), and what would settle it. Each row holds the
        claim's anchors (claim-<id>, verdict-<id>), so every link to a claim still lands."""
        rows = [(claim_id, self._own_row(claim_id)) for claim_id in self.scored()["claim_id"]
                if not self.records[claim_id].has_card]
        if not rows:
            return None
        items = []
        for claim_id, row in rows:
            sources = self._sources(self.records[claim_id])
            items.append({"id": claim_id, "claim": row, "verdict": self.records[claim_id], "sources": sources,
                          "explain_grades": self._explain_grades(bool(sources)),
                          "source_link": link_from_chapter(source_path(claim_id)),
                          "discussed": claim_id in self.discussed})
        # The list is folded only where the chapter shows some claims as cards.
        every_claim = len(rows) == len(self.mine)
        discussed_quotes = [item["claim"]["quote"] for item in items if item["discussed"]]
        return render_block("ledger.html", items=items, discussed_quotes=discussed_quotes,
                            corrections_link=CORRECTIONS_LINK,
                            every_claim=every_claim, grades=load_grades())

    def ending(self, title: str) -> None:
        """The chapter's last cell: check every claim got its verdict, then show the ledger of
        the claims without a card and one sentence counting the chapter's verdicts (the
        scorecard in chapter 07 draws them for the whole article)."""
        tally = self.finish()
        ledger = self.ledger()
        if ledger is not None:
            display(ledger)
        # The tally's rows are the scale's ratings in order: the commonest first, a tie in that order.
        counts = sorted(((rating, int(n)) for rating, n in
                         zip(load_ratings().values(), tally["claims"], strict=True) if n),
                        key=lambda pair: -pair[1])
        display(render_block("tally.html", title=title, total=int(tally["claims"].sum()), counts=counts))
        # Figures that share one error (two counts of one sentence) are counted once, as in the
        # intro: the tally counts claims, so it says which of them are one error.
        wanting = tuple(claim for claim in self.scored()["claim_id"]
                        if self.records[claim].rating.id in overall.FOUND_WANTING)
        shared = [group for group in overall.problems(wanting, self.records) if len(group) > 1]
        if shared:
            display(render_block("tally_errors.html", figures=sum(map(len, shared)), errors=len(shared),
                                 rating=self.records[shared[0][0]].rating))
