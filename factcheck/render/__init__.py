"""The rendering layer: what a chapter shows, built from the data layer; it never writes data."""
