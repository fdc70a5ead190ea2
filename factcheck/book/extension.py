"""The book's Sphinx extension: one setup that connects each concern's module.

- :mod:`.vega`: charts drawn as SVG at build time (:mod:`.drawing`), live only where a reader asks;
- :mod:`.metadata`: ClaimReview, claims.json, downloads, the build stamp, links between chapters;
- :mod:`.editions`: the two editions, the switch between them and the Chinese interface;
- :mod:`.seo`: canonical and alternate addresses, descriptions, link previews, the sitemap and front door;
- :mod:`.directives`: the book's directives (overall verdict, key findings, the scale...);
- :mod:`.theme`: fixes to the theme's pages through documented routes;
- :mod:`.patches`: every patch of a third-party internal, each tested against its upstream;
- :mod:`.kernels`: the kernels that execute the notebooks talk over Unix sockets, not TCP ports.

Listed in ``_config.yml`` under ``sphinx: extra_extensions``.
"""
from __future__ import annotations

from sphinx.application import Sphinx

from . import directives, editions, kernels, metadata, patches, seo, theme, vega


def setup(app: Sphinx) -> dict:
    kernels.use_unix_sockets()
    for concern in (patches, directives, editions, vega, metadata, seo, theme):
        concern.setup(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
