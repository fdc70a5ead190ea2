"""The package finds data/ however it is installed, or says what to do."""
import pytest

from factcheck import PROJECT_ROOT, find_project_root


def test_an_editable_install_finds_its_checkout(tmp_path):
    assert find_project_root({}, PROJECT_ROOT / "factcheck", tmp_path) == PROJECT_ROOT


def test_an_installed_copy_finds_the_project_it_is_run_from(tmp_path):
    site_packages = tmp_path / "site-packages" / "factcheck"
    assert find_project_root({}, site_packages, PROJECT_ROOT / "notebooks") == PROJECT_ROOT


def test_the_variable_wins_and_must_be_right(tmp_path):
    assert find_project_root({"FACTCHECK_ROOT": str(PROJECT_ROOT)}, tmp_path, tmp_path) == PROJECT_ROOT
    with pytest.raises(RuntimeError, match="FACTCHECK_ROOT=.* has no data/datapackage.json"):
        find_project_root({"FACTCHECK_ROOT": str(tmp_path)}, PROJECT_ROOT / "factcheck", PROJECT_ROOT)


def test_nowhere_to_be_found_says_what_to_do(tmp_path):
    with pytest.raises(RuntimeError, match="run it from the project's folder"):
        find_project_root({}, tmp_path / "site-packages" / "factcheck", tmp_path)
