"""`parse`: the whole pipeline, one named stage per line (STYLE.md §1).

normalise → find markers → find title, skipped blocks and labels → build the tree →
assemble records → classify (roles, kinds, frequency, deadline) → models.

The pipeline builds plain records (`records.py`); `parse` turns them into the
pydantic models once, at the end. `parse_record` stops before that: the command line
writes records as JSON without loading pydantic.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from dutyparse.assemble import Holes, assemble, diagnostics, skipped_records
from dutyparse.classify import annotate_roles, annotate_times
from dutyparse.labels import Label, find_labels
from dutyparse.layout import Skip, find_skipped, title_span
from dutyparse.markers import Candidate, find_candidates
from dutyparse.normalize import normalize
from dutyparse.records import Document
from dutyparse.textclean import squeeze
from dutyparse.tree import Node, build

if TYPE_CHECKING:
    from dutyparse import models


def parse(text: str, source: str | None = None) -> models.Document:
    """Parse one job-description document.

    >>> doc = parse("客服专员\\n岗位职责：1、每日回访客户；2、整理投诉记录")
    >>> doc.title, [s.title for s in doc.sections], [i.text for i in doc.iter_items()]
    ('客服专员', ['岗位职责'], ['每日回访客户；', '整理投诉记录'])
    """
    from dutyparse import models  # pydantic loads here, not for parse_record

    record = parse_record(text, source)
    with _cyclic_gc_paused():
        return models.Document.of(record)


def parse_record(text: str, source: str | None = None) -> Document:
    """`parse`, stopping at the parser's records: the same fields, no pydantic.

    >>> doc = parse_record("岗位职责：1、每日巡店")
    >>> type(doc).__module__, doc.sections[0].items[0].text
    ('dutyparse.records', '每日巡店')
    """
    with _cyclic_gc_paused():
        return _parse(text, source)


def _parse(text: str, source: str | None) -> Document:
    norm = normalize(text)
    doc = _structure(text, norm, source)  # its markers, labels and tree are freed here
    annotate_roles(doc, text, norm)
    del norm  # time expressions are read on a folding of their own: one copy less held
    annotate_times(doc, text)
    return doc


def _structure(text: str, norm: str, source: str | None) -> Document:
    """The document's title, sections, items and skipped blocks, not yet classified."""
    cands = find_candidates(norm)
    title = title_span(norm, cands)
    skips = find_skipped(norm, title, cands)
    holes = _holes(title, skips)
    cands = [c for c in cands if not _in_hole(c, holes)]
    root = build(
        norm, cands, [label for label in find_labels(norm, cands) if not _in_hole(label, holes)]
    )
    return _document(text, source, title, skips, root, holes)


def _document(
    text: str,
    source: str | None,
    title: tuple[int, int] | None,
    skips: list[Skip],
    root: Node,
    holes: Holes,
) -> Document:
    """The unclassified document record of a built tree."""
    items, sections = assemble(text, root, holes)
    return Document(
        source=source,
        title=squeeze(text[title[0] : title[1]]) if title else None,
        title_start=title[0] if title else None,
        title_end=title[1] if title else None,
        items=items,
        sections=sections,
        skipped=skipped_records(text, skips),
        warnings=diagnostics(text, root),
    )


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document is parsed. The parser makes
    tens of thousands of small objects and next to no reference cycles, so collections
    only rescan them (10–20% of a large parse); reference counting frees the objects,
    the next collection the rare cycle. The collector is resumed only if this call
    paused it."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _holes(title: tuple[int, int] | None, skips: list[Skip]) -> Holes:
    spans = [(s.start, s.end) for s in skips] + ([title] if title else [])
    return Holes(sorted(spans))


def _in_hole(event: Candidate | Label, holes: Holes) -> bool:
    return holes.covers(event.start)
