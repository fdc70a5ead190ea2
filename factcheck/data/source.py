"""The article, kept whole: checksum, repaired text, parts and offsets.

The raw file under data/raw/ is never edited. The cleaned text differs from it
only where the text extraction broke a sentence across a blank line; every
cleaned offset maps back to a raw offset, so any quote can be found in the
original bytes.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import DATA_DIR, DataError
from .parts import load_parts
from .tables import display_path, load_resource, resource

# The article's file, checksum and bibliographic details live in datapackage.json.
ARTICLE = resource("article")
RAW_PATH = DATA_DIR / ARTICLE["path"]
RAW_SHA256 = ARTICLE["hash"].removeprefix("sha256:")

# A sentence may end in these; a paragraph that ends in anything else, is long
# and already has sentence punctuation was cut by the extraction.
_TERMINAL = set("。！？；：—…”）)")
_MIN_BROKEN_PARAGRAPH = 40


class SourceChangedError(RuntimeError):
    """The raw article no longer has the checksum the registry was built on."""


@dataclass(frozen=True)
class Span:
    start: int  # offsets into the cleaned text
    end: int


@dataclass
class Part:
    id: str
    title: str
    spans: list[Span] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Location:
    part: str
    start: int  # cleaned text
    end: int
    raw_start: int
    raw_end: int


@dataclass
class Source:
    raw: str
    text: str
    clean_to_raw: list[int]
    joins: list[int]  # raw offsets of the repaired breaks
    parts: dict[str, Part]
    raw_sha256: str = RAW_SHA256

    def part_of(self, offset: int) -> str:
        for part in self.parts.values():
            if any(span.start <= offset < span.end for span in part.spans):
                return part.id
        raise ValueError(f"offset {offset} lies outside every part (a blank line?)")

    def locate(self, quote: str, part: str | None = None) -> Location:
        """Find a quote in the cleaned text, within one part if given.

        Raises LookupError if it is absent or ambiguous.
        """
        hits = []
        for match in re.finditer(re.escape(quote), self.text):
            found_part = self.part_of(match.start())
            if part is None or found_part == part:
                hits.append((found_part, match.start(), match.end()))
        where = f" in part {part}" if part else ""
        if not hits:
            raise LookupError(f"quote not found in the source{where}: {quote!r}")
        if len(hits) > 1:
            raise LookupError(f"quote occurs {len(hits)} times{where}; lengthen it: {quote!r}")
        found_part, start, end = hits[0]
        return Location(found_part, start, end, self.to_raw(start), self.to_raw(end - 1) + 1)

    def to_raw(self, offset: int) -> int:
        return self.clean_to_raw[offset]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_checksum(path: Path = RAW_PATH, expected: str = RAW_SHA256) -> bytes:
    data = Path(path).read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise SourceChangedError(
            f"{path}: sha256 is {actual}, expected {expected}. The article changed; "
            "every claim quote and offset was registered against the original bytes. "
            "Restore the file, or re-register the claims and update the article's hash in "
            "data/datapackage.json."
        )
    return data


def _is_broken(paragraph: str) -> bool:
    return (
        len(paragraph) >= _MIN_BROKEN_PARAGRAPH
        and paragraph[-1] not in _TERMINAL
        and ("，" in paragraph or "。" in paragraph)
    )


def repair(raw: str) -> tuple[str, list[int], list[int]]:
    """Join paragraphs that the extraction cut mid-sentence.

    Returns the cleaned text, a map from cleaned to raw offsets, and the raw
    offsets of the removed breaks.
    """
    removed: list[tuple[int, int]] = []
    for gap in re.finditer(r"\n\n(?!\n)", raw):
        before = raw[: gap.start()]
        paragraph = before[before.rfind("\n") + 1 :]
        if gap.start() > 0 and raw[gap.start() - 1] != "\n" and _is_broken(paragraph):
            removed.append((gap.start(), gap.end()))
    text_pieces, clean_to_raw, cursor = [], [], 0
    for start, end in removed:
        text_pieces.append(raw[cursor:start])
        clean_to_raw.extend(range(cursor, start))
        cursor = end
    text_pieces.append(raw[cursor:])
    clean_to_raw.extend(range(cursor, len(raw)))
    clean_to_raw.append(len(raw))  # one past the end
    return "".join(text_pieces), clean_to_raw, [start for start, _ in removed]


def split_parts(text: str) -> dict[str, Part]:
    """Assign every paragraph of the cleaned text to a part, as data/parts.csv describes them.

    A part of text starts at the paragraph that begins with its `opens_with` (the first part,
    at the article's start) and runs to the next one's. The captions are the paragraphs set
    off by a double blank line, up to the next part's opening. A part's opening that no
    paragraph, or more than one, begins with is a DataError naming its row.
    """
    entries = list(load_parts().values())
    parts = {entry.id: Part(entry.id, entry.title) for entry in entries}
    openings = {entry.opens_with: entry for entry in entries if entry.opens_with}
    captions = next((entry.id for entry in entries if entry.holds == "captions"), None)
    current, in_captions = entries[0].id, False
    opened: dict[str, int] = {}
    for match in re.finditer(r"(\n*)([^\n]+)", text):
        gap, paragraph = match.group(1), match.group(2)
        opening = next((entry for words, entry in openings.items() if paragraph.startswith(words)), None)
        if opening is not None:
            current, in_captions = opening.id, False
            opened[opening.id] = opened.get(opening.id, 0) + 1
        elif captions and len(gap) >= 4 and match.start() > 0:
            in_captions = True
        target = parts[captions if in_captions else current]
        target.spans.append(Span(match.start(2), match.end(2)))
        target.paragraphs.append(paragraph)
    for entry in openings.values():
        if opened.get(entry.id) != 1:
            _, path = load_resource("parts")
            raise DataError(display_path(path), _parts_row(entry.id), "opens_with",
                            f"{entry.opens_with!r} begins {opened.get(entry.id, 0)} paragraphs of the "
                            "article; it must begin exactly one")
    return parts


def _parts_row(part_id: str) -> int:
    rows, _ = load_resource("parts")
    return next(row["_row"] for row in rows if row["part_id"] == part_id)


@lru_cache(maxsize=1)
def load_source(path: Path = RAW_PATH, expected_sha256: str = RAW_SHA256) -> Source:
    raw = verify_checksum(path, expected_sha256).decode("utf-8")
    text, clean_to_raw, joins = repair(raw)
    return Source(raw, text, clean_to_raw, joins, split_parts(text))
