"""Developer tools, outside the book's Sphinx extension: execute and normalise the notebooks,
record derived values, fingerprint the inputs, verify the built book, drive Chromium, bench
the build, list English left in the Chinese run. Each runs as ``python -m factcheck.tools.<name>``."""
