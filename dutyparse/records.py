"""The parser's own records: what the pipeline builds, before any pydantic model.

Each class here mirrors the output model of the same name in `models.py` — the same
fields, in the same order, with the same defaults (a test holds them together) — as a
plain slotted dataclass: an item without expressions takes 136 bytes against its
model's 712, is made without validation, and needs no pydantic at all. `dutyparse.parse`
turns a record `Document` into the models (`models.Document.of`); the command line
writes records as JSON directly, piece by piece (`iter_json`), byte for byte what
`model_dump_json` writes for their models.

>>> doc = Document(items=[Item(marker="1、", text="巡店", start=2, end=4)])
>>> dump_json(doc)[:52]
'{"source":null,"title":null,"title_start":null,"titl'
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import orjson

from dutyparse.vocabulary import (
    AnchorPart,
    DeadlineRelation,
    FrequencyKind,
    MentionRelation,
    Modifier,
    SectionKind,
    SkipReason,
)


@dataclass(slots=True, kw_only=True)
class Span:
    """Where a part lies in the original text: [start, end)."""

    start: int
    end: int


@dataclass(slots=True, kw_only=True)
class Anchor:
    """The days a recurrence falls on (`每周一、周三` → weekdays [1, 3])."""

    weekdays: list[int] | None = None
    days: list[int] | None = None
    part: AnchorPart | None = None
    months: list[int] | None = None
    ordinal: int | None = None


@dataclass(slots=True, kw_only=True)
class Frequency(Span):
    """How often a duty recurs (`每周最少一次`)."""

    text: str
    kind: FrequencyKind
    period: str | None = None
    times: int | None = None
    times_max: int | None = None
    mod: Modifier | None = None
    anchor: Anchor | None = None
    implicit: bool = False


@dataclass(slots=True, kw_only=True)
class Deadline(Span):
    """By when a duty is due (`每月28号之前`)."""

    text: str
    relation: DeadlineRelation
    cycle: str | None = None
    day: int | None = None
    weekday: int | None = None
    month_offset: int | None = None
    duration: str | None = None
    event: str | None = None
    offset: str | None = None


@dataclass(slots=True, kw_only=True)
class Mention(Span):
    """Another role a duty names, and how it relates to it (`向总经理汇报`)."""

    role: str
    relation: MentionRelation
    role_id: str | None = None


@dataclass(slots=True, kw_only=True)
class Item(Span):
    """One duty item, its marker, text and tags."""

    marker: str | None
    number: int | None = None
    outline: list[int] | None = None
    style: str | None = None
    text: str
    role: str | None = None
    role_id: str | None = None
    section_kind: SectionKind = "other"
    # An item's expressions are replaced whole, never added to: most items have none,
    # and they share one empty tuple instead of holding three empty lists.
    frequency: Sequence[Frequency] = ()
    deadline: Sequence[Deadline] = ()
    mentions: Sequence[Mention] = ()


@dataclass(slots=True, kw_only=True)
class Section(Span):
    """A heading with the items and sections under it."""

    marker: str | None
    number: int | None = None
    outline: list[int] | None = None
    style: str | None = None
    title: str
    title_start: int
    title_end: int
    level: int
    section_kind: SectionKind = "other"
    role: str | None = None
    role_id: str | None = None
    items: list[Item] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Skipped(Span):
    """A block left out of the structure (a table of contents, page furniture)."""

    reason: SkipReason
    text: str


@dataclass(slots=True, kw_only=True)
class Diagnostic:
    """A warning about the input."""

    code: str
    message: str
    start: int | None = None
    end: int | None = None


@dataclass(slots=True, kw_only=True)
class Document:
    """One parsed document."""

    source: str | None = None
    title: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    organization: str | None = None
    items: list[Item] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def iter_items(self) -> list[Item]:
        """All items in document order, at any depth."""
        return all_items(self)

    def iter_sections(self) -> list[Section]:
        """All sections in document order, at any depth."""
        return all_sections(self)


def all_items(doc: Any) -> list[Any]:
    """All items of a document (record or model) in document order, at any depth."""
    found = list(doc.items)
    for section in all_sections(doc):
        found.extend(section.items)
    return sorted(found, key=lambda item: item.start)


def all_sections(doc: Any) -> list[Any]:
    """All sections of a document (record or model), each before its children."""
    found: list[Any] = []

    def visit(sections: list[Any]) -> None:
        for section in sections:
            found.append(section)
            visit(section.sections)

    visit(doc.sections)
    return found


_RECORDS = (Anchor, Frequency, Deadline, Mention, Item, Section, Skipped, Diagnostic, Document)
# Each record's field names, in order, and a getter of their values.
_FIELDS = {
    kind: (names, attrgetter(*names))
    for kind in _RECORDS
    for names in [tuple(f.name for f in dataclasses.fields(kind))]
}


def fields(record: Any) -> dict[str, Any]:
    """The fields of a record by name, in order (nested records left as they are).

    >>> fields(Mention(start=0, end=3, role="总经理", relation="reports_to"))
    {'start': 0, 'end': 3, 'role': '总经理', 'relation': 'reports_to', 'role_id': None}
    """
    names, values = _FIELDS[type(record)]
    return dict(zip(names, values(record), strict=True))


def as_json_data(value: Any) -> Any:
    """A record (or a list of them) as JSON data: dicts, lists, strings, numbers, None.

    >>> as_json_data([Anchor(weekdays=[2, 4])])
    [{'weekdays': [2, 4], 'days': None, 'part': None, 'months': None, 'ordinal': None}]
    """
    if isinstance(value, list | tuple):
        return [as_json_data(v) for v in value]
    if isinstance(value, _RECORDS):
        return {name: as_json_data(v) for name, v in fields(value).items()}
    return value


def load_json(data: str | bytes) -> Document:
    """A record `Document` of the JSON `dump_json` writes; ValueError if its shape is not
    one. The values are not checked: this reads what `dump_json` wrote.

    >>> load_json(dump_json(Document(title="出纳"))).title
    '出纳'
    """
    try:
        document = _load(json.loads(data), Document)
    except (TypeError, AttributeError, RecursionError) as exc:
        raise ValueError(f"not a dutyparse document: {exc}") from None
    if not isinstance(document, Document):
        raise ValueError("not a dutyparse document")
    return document


# The record held by each field that holds records (or lists of them).
_NESTED: dict[str, type] = {
    "anchor": Anchor,
    "frequency": Frequency,
    "deadline": Deadline,
    "mentions": Mention,
    "items": Item,
    "sections": Section,
    "skipped": Skipped,
    "warnings": Diagnostic,
}


def _load(data: dict[str, Any], kind: type) -> Any:
    values = {}
    for name, value in data.items():
        inner = _NESTED.get(name)
        if inner is not None and isinstance(value, list):
            value = [_load(v, inner) for v in value]
        elif inner is not None and value is not None:
            value = _load(value, inner)
        values[name] = value
    return kind(**values)


def dump_json(record: Any, indent: int | None = None) -> str:
    """The record as JSON, as `model_dump_json(indent=…)` writes its model: fields in
    order, no spaces when compact, non-ASCII characters as they are."""
    return "".join(iter_json(record, indent))


def iter_json(record: Any, indent: int | None = None) -> Iterator[str]:
    """`dump_json` in pieces, to be written as they come: a large document's whole JSON
    is never in memory at once (compact: see `_compact`; indented: json's own pieces).

    >>> items = [Item(marker=None, text="巡店", start=i, end=i + 1) for i in range(600)]
    >>> section = Section(marker=None, title="职责", title_start=0, title_end=2, level=1,
    ...     start=0, end=600, items=items)
    >>> [piece.count('"text"') for piece in iter_json(section)]
    [0, 256, 0, 256, 0, 88, 0]
    """
    if indent is None:
        return _compact(record)
    encoder = json.JSONEncoder(default=fields, ensure_ascii=False, indent=indent)
    return encoder.iterencode(record)


def _compact(record: Any) -> Iterator[str]:
    """Compact JSON in pieces: a record of at most `_ITEMS_PER_PIECE` items whole; a
    larger document or section with its other fields encoded together, its sections one
    by one, its items `_ITEMS_PER_PIECE` at a time (each piece one call of json's C
    encoder)."""
    if not isinstance(record, Document | Section) or _items_in(record) <= _ITEMS_PER_PIECE:
        yield _encode(record)
        return
    head, whole = "{", {}  # whole: the fields since the last list given out in pieces
    for name, value in fields(record).items():
        pieces = _list_pieces(name, value)
        if pieces is None:
            whole[name] = value
            continue
        yield f'{head}{_members(whole)}"{name}":['
        yield from pieces
        head, whole = "],", {}
    yield (head + _members(whole))[:-1] + "}"


def _list_pieces(name: str, value: Any) -> Iterator[str] | None:
    """The inside of a list of sections or items, in pieces; None for other fields."""
    if name == "sections" and value:
        return _joined(_compact(section) for section in value)
    if name == "items" and value:
        chunks = (value[i : i + _ITEMS_PER_PIECE] for i in range(0, len(value), _ITEMS_PER_PIECE))
        return _joined([_encode(chunk)[1:-1]] for chunk in chunks)
    return None


def _items_in(record: Document | Section) -> int:
    return len(record.items) + sum(_items_in(section) for section in record.sections)


def _joined(parts: Iterable[Iterable[str]]) -> Iterator[str]:
    for i, part in enumerate(parts):
        if i:
            yield ","
        yield from part


def _members(values: dict[str, Any]) -> str:
    """`"a":1,"b":null,` — fields as JSON object members, each with its comma."""
    return _encode(values)[1:-1] + "," if values else ""


def _encode(value: Any) -> str:
    """Compact JSON of records, lists and dicts of them: orjson writes a dataclass's
    fields in order, with `model_dump_json`'s separators and escapes."""
    return orjson.dumps(value).decode()


_ITEMS_PER_PIECE = 256
