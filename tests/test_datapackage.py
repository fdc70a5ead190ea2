"""data/datapackage.json is a valid Frictionless Data Package and describes every CSV."""

import frictionless
import pytest

from factcheck import DATA_DIR
from factcheck.data.source import RAW_SHA256
from factcheck.data.tables import load_datapackage, load_resource


def test_the_data_package_validates_with_frictionless():
    report = frictionless.validate(str(DATA_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_every_csv_in_data_has_a_table_schema():
    described = {res["path"] for res in load_datapackage()["resources"] if "schema" in res}
    on_disk = {str(p.relative_to(DATA_DIR)) for p in DATA_DIR.rglob("*.csv")}
    assert on_disk == described


def test_the_article_resource_carries_the_loaders_hash():
    article = next(r for r in load_datapackage()["resources"] if r["name"] == "article")
    assert article["hash"] == f"sha256:{RAW_SHA256}"


@pytest.mark.parametrize("name", [r["name"] for r in load_datapackage()["resources"] if "schema" in r])
def test_every_table_loads_with_the_projects_own_checks(name):
    rows, _ = load_resource(name)
    assert rows, f"{name} is empty"
