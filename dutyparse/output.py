"""Renderers for the command line (SPEC §6): `json`, `jsonl`, `csv` and `text`.

- `json`: each document exactly as `Document.model_dump_json()` writes it, one per line
  (written from the parser's records, `records.iter_json`);
- `jsonl`: the flat view, one object per item in document order:
  `{"doc", "path", "section_kind", "role", "marker", "text", "start", "end",
  "frequency", "deadline", "mentions"}` (`path`: section titles, outermost first);
- `csv`: the same view for spreadsheets — UTF-8 with BOM so Excel reads the Chinese,
  lists written as readable cells (`每周一 (periodic P1W ×1 周1)`);
- `text`: an indented tree with the tags, for a person at a terminal.

A renderer is a `head()` (once) and a `document(doc, name)` (per document), which gives
its text in pieces, to be written as they come (a large document's JSON is never whole
in memory).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from typing import Any, Literal, Protocol

from dutyparse.records import (
    Deadline,
    Document,
    Frequency,
    Item,
    Mention,
    Section,
    as_json_data,
    fields,
    iter_json,
)

Format = Literal["json", "jsonl", "csv", "text"]
FORMATS: tuple[Format, ...] = ("json", "jsonl", "csv", "text")
FLAT_FIELDS = ("doc", "path", "section_kind", "role", "marker", "text", "start", "end",
               "frequency", "deadline", "mentions")


def flat_rows(doc: Document, name: str | None) -> Iterator[dict[str, Any]]:
    """The flat view of SPEC §6: one dict per item, in document order.

    >>> from dutyparse.api import parse_record
    >>> row = next(flat_rows(parse_record("岗位职责：1、每日巡查"), "a.txt"))
    >>> row["doc"], row["path"], row["text"], row["frequency"][0]["period"]
    ('a.txt', ['岗位职责'], '每日巡查', 'P1D')
    """
    for item, path in placed_items(doc):
        yield {
            "doc": name,
            "path": path,
            "section_kind": item.section_kind,
            "role": item.role,
            "marker": item.marker,
            "text": item.text,
            "start": item.start,
            "end": item.end,
            "frequency": as_json_data(item.frequency),
            "deadline": as_json_data(item.deadline),
            "mentions": as_json_data(item.mentions),
        }


def placed_items(doc: Document) -> list[tuple[Item, list[str]]]:
    """Every item with the titles of its enclosing sections, in document order."""
    top: list[str] = []  # items outside any section have an empty path
    placed = [(item, top) for item in doc.items] + list(_walk(doc.sections, []))
    return sorted(placed, key=lambda pair: pair[0].start)


def _walk(sections: list[Section], path: list[str]) -> Iterator[tuple[Item, list[str]]]:
    for section in sections:
        inner = [*path, section.title]
        yield from ((item, inner) for item in section.items)
        yield from _walk(section.sections, inner)


class Renderer(Protocol):
    """Turns documents into the text of one output format."""

    def head(self) -> str:
        """What comes once, before the first document."""

    def document(self, doc: Document, name: str | None) -> Iterator[str]:
        """One document's share of the output, in pieces."""


class JsonRenderer:
    """One `Document` JSON per line (pretty-printed when `indent` is set)."""

    def __init__(self, indent: int | None = None) -> None:
        self.indent = indent

    def head(self) -> str:
        return ""

    def document(self, doc: Document, name: str | None) -> Iterator[str]:
        yield from iter_json(doc, self.indent)
        yield "\n"


class JsonlRenderer:
    """The flat view, one JSON object per item."""

    def head(self) -> str:
        return ""

    def document(self, doc: Document, name: str | None) -> Iterator[str]:
        for row in flat_rows(doc, name):
            yield json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"


class CsvRenderer:
    """The flat view as CSV for Excel: BOM, header row, CRLF line ends, readable lists."""

    def head(self) -> str:
        return "\ufeff" + _csv_line(FLAT_FIELDS)

    def document(self, doc: Document, name: str | None) -> Iterator[str]:
        for item, path in placed_items(doc):
            yield _csv_line(_cells(item, path, name))


def _cells(item: Item, path: list[str], name: str | None) -> list[str]:
    return [
        name or "",
        " > ".join(path),
        item.section_kind,
        item.role or "",
        item.marker or "",
        item.text,
        str(item.start),
        str(item.end),
        "; ".join(map(describe_frequency, item.frequency)),
        "; ".join(map(describe_deadline, item.deadline)),
        "; ".join(map(describe_mention, item.mentions)),
    ]


def _csv_line(cells: tuple[str, ...] | list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    return buffer.getvalue()


def describe_frequency(f: Frequency) -> str:
    """`每周二、四 (periodic P1W ×1 weekdays 2,4)`.

    >>> describe_frequency(Frequency(start=0, end=6, text="每周最少一次", kind="periodic",
    ...                              period="P1W", times=1, mod="min"))
    '每周最少一次 (periodic P1W ×1 min)'
    """
    times = None if f.times is None else f"×{f.times}" + (f"–{f.times_max}" if f.times_max else "")
    anchor = f.anchor
    where = None
    if anchor is not None:
        where = " ".join(
            f"{key} {_list(value)}" for key, value in fields(anchor).items() if value is not None
        )
    parts = [f.kind, f.period, times, f.mod, where, "implicit" if f.implicit else None]
    return _tagged(f.text, parts)


def describe_deadline(d: Deadline) -> str:
    """`次月5号之前 (before P1M day 5 next month)`.

    >>> describe_deadline(Deadline(start=0, end=4, text="三天之内", relation="within",
    ...                            duration="P3D"))
    '三天之内 (within P3D)'
    """
    parts = [
        d.relation,
        d.cycle,
        None if d.day is None else f"day {d.day}",
        None if d.weekday is None else f"weekday {d.weekday}",
        "next month" if d.month_offset else None,
        d.duration,
        None if d.event is None else f"event {d.event}",
        None if d.offset is None else f"offset {d.offset}",
    ]
    return _tagged(d.text, parts)


def describe_mention(m: Mention) -> str:
    """`总经理 (reports_to)`."""
    return f"{m.role} ({m.relation})"


def _tagged(text: str, parts: list[str | None]) -> str:
    return f"{text} ({' '.join(p for p in parts if p)})"


def _list(value: object) -> str:
    return ",".join(map(str, value)) if isinstance(value, list) else str(value)


class TextRenderer:
    """An indented outline: headings with kind and role, items with their tags."""

    def head(self) -> str:
        return ""

    def document(self, doc: Document, name: str | None) -> Iterator[str]:
        yield f"{doc.title or '(untitled)'}  [{name or '-'}]\n"
        if doc.organization:
            yield f"organization: {doc.organization}\n"
        for line in itertools.chain(
            _item_lines(doc.items, 1), _section_lines(doc.sections, 1), _footer(doc)
        ):
            yield line + "\n"
        yield "\n"


def _section_lines(sections: list[Section], depth: int) -> Iterator[str]:
    for section in sections:
        tags = " · ".join(t for t in (section.section_kind, section.role) if t)
        yield f"{'  ' * depth}{section.marker or ''}{section.title}  [{tags}]"
        yield from _item_lines(section.items, depth + 1)
        yield from _section_lines(section.sections, depth + 1)


def _item_lines(items: list[Item], depth: int) -> Iterator[str]:
    pad = "  " * depth
    for item in items:
        yield f"{pad}{item.marker or '·'} {item.text}"
        tags = [
            ("frequency", [describe_frequency(f) for f in item.frequency]),
            ("deadline", [describe_deadline(d) for d in item.deadline]),
            ("mentions", [describe_mention(m) for m in item.mentions]),
        ]
        yield from (f"{pad}    {label}: {'; '.join(v)}" for label, v in tags if v)


def _footer(doc: Document) -> Iterator[str]:
    if doc.skipped:
        kinds = sorted({s.reason for s in doc.skipped})
        yield "skipped: " + ", ".join(
            f"{sum(s.reason == k for s in doc.skipped)} {k}" for k in kinds
        )
    yield from (f"warning {w.code}: {w.message}" for w in doc.warnings)


def renderer(fmt: Format, indent: int | None = None) -> Renderer:
    """The renderer of an output format."""
    table: dict[Format, Renderer] = {
        "json": JsonRenderer(indent),
        "jsonl": JsonlRenderer(),
        "csv": CsvRenderer(),
        "text": TextRenderer(),
    }
    return table[fmt]
