"""Fixtures shared by the tests that read the built book."""
import pytest

from factcheck.book.browser import BUILT_BOOK


@pytest.fixture(scope="session")
def built_book():
    """_build/html, failing (not skipping) when the book has not been built."""
    if not (BUILT_BOOK / "index.html").is_file():
        pytest.fail(f"{BUILT_BOOK} has no built book: run `make book` first.", pytrace=False)
    return BUILT_BOOK
