"""The last step of `make book`: what it refuses, on small pages made here."""
import json
import shutil

import pytest

from factcheck.tools.verify import check_bundle, check_claims_json, outside_references, verify


@pytest.mark.parametrize("html, expected", [
    ('<img loading="lazy" src="https://example.org/a.png">', 1),
    ('<img srcset="x.png 1x, https://example.org/b.png 2x">', 1),
    ('<link rel="stylesheet" href="//cdn.example.org/a.css">', 1),
    ('<link rel="icon" href="http://example.org/favicon.ico">', 1),
    ('<iframe src="page.html"></iframe>', 1),
    ('<div style="background: url(https://example.org/x.png)"></div>', 1),
    ('<style>.a { background: url("https://example.org/y.png") }</style>', 1),
    ('<script src="https://example.org/s.js" defer></script>', 1),
    ('<a href="https://example.org/">a link a reader follows</a><img src="_static/x.png">'
     '<img src="data:image/png;base64,AAAA"><link rel="canonical" href="https://example.org/">', 0),
])
def test_loads_from_outside_the_site_are_found_links_are_not(html, expected):
    assert len(outside_references(html)) == expected, outside_references(html)


def test_the_built_book_passes(built_book):
    assert verify(built_book) == []


def test_a_broken_claims_json_and_a_changed_bundle_are_refused(built_book, tmp_path):
    site = tmp_path / "html"
    (site / "_static").mkdir(parents=True)
    document = json.loads((built_book / "claims.json").read_text(encoding="utf-8"))
    document["claims"][0]["verdict"] = "true-ish"
    (site / "claims.json").write_text(json.dumps(document), encoding="utf-8")
    assert any("claims.json, at claims/0/verdict" in p for p in check_claims_json(site))
    bundle = site / "_static" / "vega-bundle.js"
    shutil.copyfile(built_book / "_static" / "vega-bundle.js", bundle)
    assert check_bundle(site) == []
    with bundle.open("ab") as handle:
        handle.write(b"\n/* corrupted */")
    assert "has sha256" in check_bundle(site)[0]
