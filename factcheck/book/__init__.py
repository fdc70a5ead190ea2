"""The book layer: what makes and publishes the book.

The Sphinx extension, claims.json, notebook execution, `make derived` and the bench.
"""
