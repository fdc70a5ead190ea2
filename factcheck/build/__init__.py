"""The build layer: the Sphinx extension, claims.json, notebook execution, `make derived` and the bench."""
