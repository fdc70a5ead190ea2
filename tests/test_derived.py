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
