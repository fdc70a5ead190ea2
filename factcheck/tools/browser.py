"""The built book on 127.0.0.1 in Debian's headless Chromium, with no network.

Shared by the browser test (tests/test_browser.py) and `make bench`, so both
open the book the same way: Debian's /usr/bin/chromium, never a downloaded one,
and only requests to 127.0.0.1 let through.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import io
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


# What a static host sends (GitHub Pages: max-age=600 on everything): the theme's files
# and the chart runtime are cached across pages; a page is revalidated (a 304 when unchanged).
STATIC_CACHE = "public, max-age=600"
PAGE_CACHE = "no-cache"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files with cache headers; logs nothing, but records every failed request."""

    def end_headers(self):
        path = self.path.split("?")[0]
        self.send_header("Cache-Control",
                         PAGE_CACHE if path.endswith((".html", "/")) else STATIC_CACHE)
        super().end_headers()

    def log_request(self, code="-", size="-"):
        status = getattr(code, "value", code)
        if isinstance(status, int) and status >= 400:
            self.server.errors.append(f"{status} {self.path}")

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


# What a static host gzips (GitHub Pages does): pages, styles, scripts, data and SVG.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, modified_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), mtime=0)


class _CompressingHandler(_QuietHandler):
    """As _QuietHandler, but text is sent gzipped to a browser that accepts it, as a static host
    sends it; Lighthouse (`make bench`) would otherwise time a transfer no reader makes."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not (path.is_file() and content_type.startswith(COMPRESSED_TYPES)
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        status = path.stat()
        body = _gzipped(path, status.st_mtime_ns)
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(status.st_mtime))
        self.end_headers()
        return io.BytesIO(body)


class Site(str):
    """The base URL (ending in /), with the requests the server answered with an error."""

    errors: list[str]


@contextmanager
def serve(directory: Path = BUILT_BOOK, compressed: bool = False) -> Iterator[Site]:
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL, ending in /.

    Its ``errors`` lists every request answered 4xx or 5xx (``/favicon.ico`` included,
    which the browser asks for by itself and a page's listeners never see). ``compressed``
    gzips text, as a static host does.
    """
    handler = functools.partial(_CompressingHandler if compressed else _QuietHandler,
                                directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.errors = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = Site(f"http://127.0.0.1:{server.server_address[1]}/")
    site.errors = server.errors
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


# Every host name but 127.0.0.1 fails to resolve: no network, without intercepting
# requests (Playwright's request interception turns the HTTP cache off).
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


# Folders of the built book that hold no pages: each edition's _static/ has theme fragments
# (Jinja macros) that are not documents.
NOT_PAGES = frozenset({"_static", "_sources", "_images", "_downloads", "reports"})


def book_pages(directory: Path = BUILT_BOOK) -> list[str]:
    """Every page of the built book, both editions, as paths relative to `directory`."""
    return [path.relative_to(directory).as_posix() for path in sorted(directory.rglob("*.html"))
            if not NOT_PAGES & set(path.relative_to(directory).parts)]


def launch(playwright, extra_args: list[str] | None = None):
    """Debian's Chromium, headless, through Playwright."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=CHROMIUM_ARGS + list(extra_args or []),
                                      chromium_sandbox=False)


def is_local(url: str) -> bool:
    """Whether a request stays on this machine (everything else is blocked)."""
    return urlsplit(url).hostname == "127.0.0.1"
