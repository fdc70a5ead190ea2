"""Shared by every test: data/ is checked once before anything is collected, and the
fixture for the tests that read the built book."""
import pytest
from browser_pages import PageVisit

from factcheck.book.kernels import use_unix_sockets
from factcheck.data import DataError
from factcheck.data.check import check_all
from factcheck.data.source import SourceChangedError
from factcheck.tools.browser import BUILT_BOOK, CHROMIUM, launch, serve

# nbval's kernels, one per worker at once, never race each other (or a build) for a TCP port.
use_unix_sockets()


def pytest_sessionstart(session):
    """A bad cell in data/ would fail hundreds of tests; stop with its one message instead."""
    try:
        check_all()
    except (DataError, SourceChangedError) as error:
        pytest.exit(f"data/ is invalid: {error}", returncode=1)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, failing (not skipping) when it is missing."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing. Install it with: "
                    "sudo apt-get update && sudo apt-get install -y chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def built_book():
    """_build/html, failing (not skipping) when the book has not been built."""
    if not (BUILT_BOOK / "index.html").is_file():
        pytest.fail(f"{BUILT_BOOK} has no built book: run `make book` first.", pytrace=False)
    return BUILT_BOOK


@pytest.fixture(scope="module")
def site(built_book):
    with serve(built_book) as url:
        yield url


@pytest.fixture()
def visit(browser, site):
    visits = []

    def open_visit(*, javascript: bool = True) -> PageVisit:
        v = PageVisit(browser, site, javascript=javascript)
        visits.append(v)
        return v

    yield open_visit
    for v in visits:
        v.close()
