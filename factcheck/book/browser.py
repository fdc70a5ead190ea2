"""The built book on 127.0.0.1 in Debian's headless Chromium, with no network.

Shared by the browser test (tests/test_browser.py) and `make bench`, so both
open the book the same way: Debian's /usr/bin/chromium, never a downloaded one,
and only requests to 127.0.0.1 let through.
"""
from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from .. import PROJECT_ROOT

BUILT_BOOK = PROJECT_ROOT / "_build" / "html"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(directory: Path = BUILT_BOOK) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL, ending in /."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    """Debian's Chromium, headless, through Playwright."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=CHROMIUM_ARGS, chromium_sandbox=False)


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (everything else is blocked)."""
    return urlsplit(url).hostname == "127.0.0.1"
