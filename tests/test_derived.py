"""Recording derived values is a command: chapters assert and show, `make derived` writes."""
import nbformat
import pytest

from factcheck.data import DATA_DIR
from factcheck.data.derived import load_derived, write_derived
from factcheck.data.verdicts import load_verdicts
from factcheck.render.chapter import DERIVED_MIME_TYPE, WITHOUT_A_VERDICT, Chapter, DerivedValuesChanged
from factcheck.tools.derive import NotebookFailed, changed_values


def test_a_chapter_refuses_values_that_differ_from_the_table_and_shows_them(monkeypatch):
    shown = []
    monkeypatch.setattr("factcheck.render.chapter.display", lambda bundle, raw: shown.append(bundle))
    chapter = Chapter("lead")
    recorded = dict(load_derived()["lead-population"])
    with pytest.raises(DerivedValuesChanged, match="make derived"):
        chapter.verdict("lead-population", **{**recorded, "resident_shortfall": 411301})
    assert shown[0][DERIVED_MIME_TYPE] == {
        "claim_id": "lead-population",
        "values": {**{k: str(v) for k, v in recorded.items()}, "resident_shortfall": "411301"}}
    # The same values as the table pass, and nothing was written.
    assert "verdict-lead-population" in str(chapter.verdict("lead-population", **recorded))
    assert load_derived()["lead-population"] == recorded


def _recorded(claim_id):
    return dict(load_derived().get(claim_id, {}))


def test_the_figures_of_one_sentence_share_one_card_that_names_and_anchors_each():
    chapter = Chapter("s2")
    ids = ["s2-preschool-gap", "s2-compulsory-gap", "s2-senior-gap"]
    card = str(chapter.verdicts_of_one_sentence({claim_id: _recorded(claim_id) for claim_id in ids}))
    assert card.count('class="verdict-card') == 1
    assert [f'id="verdict-{claim_id}"' in card for claim_id in ids] == [True, True, True]
    assert card.count('<div class="verdict-member') == 3


@pytest.mark.parametrize("ids, problem", [
    # One figure is a card of its own.
    (["s2-preschool-gap"], "two figures or more"),
    # Another sentence: the rates end with "，" before the gaps, but the kindergarten share is after "；".
    (["s2-senior-gap", "s2-public-kindergarten-share"], "differs|not in one sentence"),
])
def test_figures_of_other_sentences_or_ratings_are_refused_one_card(ids, problem):
    chapter = Chapter("s2")
    with pytest.raises(ValueError, match=problem):
        chapter.verdicts_of_one_sentence({claim_id: _recorded(claim_id) for claim_id in ids})


def test_figures_of_two_sentences_are_refused_one_card_even_with_one_rating_and_kind(monkeypatch):
    """The sentence test on its own: two claims alike in rating and kind, a sentence apart."""
    chapter = Chapter("s2")
    records = chapter.records
    first, other = "s2-senior-gap", next(
        claim for claim in chapter.mine["claim_id"] if claim not in ("s2-senior-gap",)
        and records[claim].rating == records["s2-senior-gap"].rating and records[claim].has_card
        and records[claim].unverifiable_kind == records["s2-senior-gap"].unverifiable_kind
        and chapter.row(claim)["start"] > chapter.row("s2-senior-gap")["end"])
    with pytest.raises(ValueError, match="not in one sentence"):
        chapter.verdicts_of_one_sentence({first: _recorded(first), other: _recorded(other)})


def _notebook(*outputs):
    cell = nbformat.v4.new_code_cell("chapter.verdict(...)")
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return nbformat.v4.new_notebook(cells=[cell])


def test_the_command_collects_changed_values_and_stops_on_any_other_error():
    payload = {"output_type": "display_data", "metadata": {},
               "data": {DERIVED_MIME_TYPE: {"claim_id": "lead-21-years",
                                            "values": {"years_since_founding": "22"}},
                        "text/plain": "computed"}}
    changed = {"output_type": "error", "ename": "DerivedValuesChanged", "evalue": "", "traceback": []}
    assert changed_values(_notebook(payload, changed), "nb") == \
        {"lead-21-years": {"years_since_founding": "22"}}
    other = {"output_type": "error", "ename": "KeyError", "evalue": "'x'", "traceback": []}
    with pytest.raises(NotebookFailed, match="nb, cell 0: KeyError"):
        changed_values(_notebook(payload, other), "nb")
    # The ending then misses the changed claim's verdict: a consequence, not another error; but
    # a claim missing for any other reason still stops the command.
    def ending(*claims):
        return {"output_type": "error", "ename": "AssertionError", "traceback": [],
                "evalue": f"{WITHOUT_A_VERDICT}{list(claims)}"}
    assert changed_values(_notebook(payload, changed, ending("lead-21-years")), "nb") == \
        {"lead-21-years": {"years_since_founding": "22"}}
    with pytest.raises(NotebookFailed, match="AssertionError"):
        changed_values(_notebook(payload, changed, ending("lead-21-years", "lead-population")), "nb")


def test_writing_replaces_only_the_changed_claims_in_claim_order(tmp_path):
    path = tmp_path / "derived.csv"
    path.write_text((DATA_DIR / "derived.csv").read_text(encoding="utf-8"), encoding="utf-8")
    order = list(load_verdicts()["claim_id"])
    before = load_derived(path)
    write_derived({"lead-21-years": {"years_since_founding": 22.004, "new_value": 1.5}}, order, path)
    after = load_derived(path)
    assert after["lead-21-years"] == {"years_since_founding": 22, "new_value": 1.5}
    assert {k: v for k, v in after.items() if k != "lead-21-years"} == \
        {k: v for k, v in before.items() if k != "lead-21-years"}
    assert list(after) == sorted(after, key=order.index)
    write_derived({"lead-21-years": {}}, order, path)
    assert "lead-21-years" not in load_derived(path)
