"""Writing a built file only when its content changed, so Sphinx and browsers keep their caches."""
from __future__ import annotations

from pathlib import Path


def write_if_changed(target: Path, text: str) -> None:
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def write_bytes_if_changed(target: Path, data: bytes) -> None:
    if not (target.is_file() and target.read_bytes() == data):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def copy_static(app, source: Path) -> None:
    """Put one of the book's own files into the HTML build's _static/, written before any page
    so Sphinx stamps its script tag with the file's checksum (?v=...) on every page alike."""
    if app.builder.format == "html":
        write_if_changed(Path(app.outdir) / "_static" / source.name, source.read_text(encoding="utf-8"))
