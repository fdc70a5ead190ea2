"""The book's downloads: the data package and the notebooks, each as one zip file.

Written into _build/html/downloads/ after every build, byte for byte the same for
the same files: entries in sorted order with a fixed timestamp, so a rebuild never
changes a download that did not change.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from .. import PROJECT_ROOT

DOWNLOADS = {
    "chongzuo-fact-check-data.zip": ("data", "*"),
    "chongzuo-fact-check-notebooks.zip": ("notebooks", "*.ipynb"),
}
FIXED_TIME = (2024, 1, 1, 0, 0, 0)  # zip needs a date; a fixed one keeps the bytes stable


def write_zip(target: Path, folder: str, pattern: str) -> Path:
    root = PROJECT_ROOT / folder
    files = sorted(p for p in root.rglob(pattern) if p.is_file())
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(root).as_posix()}", FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    partial.replace(target)
    return target


def write_downloads(outdir: Path) -> list[Path]:
    folder = Path(outdir) / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    return [write_zip(folder / name, source, pattern) for name, (source, pattern) in DOWNLOADS.items()]
