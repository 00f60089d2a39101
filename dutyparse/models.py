"""Output models (SPEC §4–6): what `dutyparse.parse` returns.

Every span is a pair of Python `str` indices into the *original* decoded text
(`text[start:end]`), never into normalised text. Lists are in document order, so the
same input always serialises to byte-identical JSON.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from dutyparse import records
from dutyparse.vocabulary import (
    AnchorPart,
    DeadlineRelation,
    FrequencyKind,
    MentionRelation,
    Modifier,
    SectionKind,
    SkipReason,
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Span(_Model):
    """A stretch of the original text."""

    start: int = Field(description="Index of the first character in the original text.")
    end: int = Field(description="Index one past the last character in the original text.")


class Anchor(_Model):
    """When in its cycle a recurring duty happens (`每周二、四` → weekdays [2, 4])."""

    weekdays: list[int] | None = Field(None, description="ISO weekdays 1 (Monday) to 7.")
    days: list[int] | None = Field(None, description="Days of the month, 1–31.")
    part: AnchorPart | None = Field(
        None, description="Part of the cycle: 月初 start, 中旬 middle, 月底 end."
    )
    months: list[int] | None = Field(None, description="Months of the year, 1–12.")
    ordinal: int | None = Field(
        None, description="Which occurrence in the cycle (`每月第一个周一` → 1, last → -1)."
    )


class Frequency(Span):
    """How often a duty recurs (SPEC §4): `每周最少一次` → periodic, P1W, times 1, min."""

    text: str = Field(description="The expression exactly as written.")
    kind: FrequencyKind = Field(description="periodic, regular (定期), continuous, irregular.")
    period: str | None = Field(None, description="ISO 8601 duration of the cycle, e.g. `P1W`.")
    times: int | None = Field(None, description="Occurrences per period.")
    times_max: int | None = Field(None, description="Upper end of a range (`2-3次` → 3).")
    mod: Modifier | None = Field(None, description="min (至少), max (最多), approx (左右).")
    anchor: Anchor | None = Field(None, description="When in the cycle, if stated.")
    implicit: bool = Field(False, description="Implied by a noun such as 日报 or 周例会.")


class Deadline(Span):
    """By when a duty is due (SPEC §5): `次月5号之前` → before, day 5, month_offset 1."""

    text: str = Field(description="The expression exactly as written.")
    relation: DeadlineRelation = Field(description="before, within, on, asap or after.")
    cycle: str | None = Field(None, description="ISO duration of the recurring cycle (P1M).")
    day: int | None = Field(None, description="Day of month.")
    weekday: int | None = Field(None, description="ISO weekday 1–7.")
    month_offset: int | None = Field(None, description="1 for 次月/下月, else 0 or null.")
    duration: str | None = Field(None, description="ISO duration for `within` (三天之内 → P3D).")
    event: str | None = Field(None, description="Reference event of a relative deadline.")
    offset: str | None = Field(None, description="ISO duration from the event (前一天 → P1D).")


class Mention(Span):
    """Another role named by a duty, and how the duty relates to it."""

    role: str = Field(description="The role as written (`总经理`).")
    relation: MentionRelation = Field(description="reports_to, assists, supervises or other.")
    role_id: str | None = Field(None, description="Canonical role id, when the role is known.")


class Item(Span):
    """A duty item: a marked leaf, or an unmarked paragraph (`marker` null)."""

    marker: str | None = Field(description="The list marker as written (`1、`, `(一)`, `①`).")
    number: int | None = Field(
        None, description="Value of the marker's last number (`(十二)` → 12)."
    )
    outline: list[int] | None = Field(None, description="All levels of `1.2.3` numbering.")
    style: str | None = Field(None, description="Marker style id (`arabic`, `cn_paren`, …).")
    text: str = Field(description="Content without marker, broken lines joined.")
    role: str | None = Field(None, description="Position or unit whose duty this is.")
    role_id: str | None = Field(None, description="Canonical id of `role`, when known.")
    section_kind: SectionKind = Field("other", description="Kind of the enclosing section.")
    frequency: list[Frequency] = Field(default_factory=list, description="How often (SPEC §4).")
    deadline: list[Deadline] = Field(default_factory=list, description="By when (SPEC §5).")
    mentions: list[Mention] = Field(default_factory=list, description="Other roles named.")


class Section(Span):
    """A heading and everything under it, up to the next heading of its level or above."""

    marker: str | None = Field(description="Marker as written, or null for a label line.")
    number: int | None = Field(None, description="Value of the marker's last number.")
    outline: list[int] | None = Field(None, description="All levels of `1.2.3` numbering.")
    style: str | None = Field(None, description="Marker style id, or null for a label line.")
    title: str = Field(description="Heading text without marker and trailing colon.")
    title_start: int = Field(description="Start of the heading in the original text.")
    title_end: int = Field(description="End of the heading in the original text.")
    level: int = Field(description="Depth in the tree, 1 for a top-level section.")
    section_kind: SectionKind = Field("other", description="What the section holds (SPEC §2).")
    role: str | None = Field(None, description="Position or unit the section is about.")
    role_id: str | None = Field(None, description="Canonical id of `role`, when known.")
    items: list[Item] = Field(default_factory=list, description="Items directly under it.")
    sections: list[Section] = Field(default_factory=list, description="Child sections.")


class Skipped(Span):
    """A block that is not content: a table of contents, page furniture, a repeated title."""

    reason: SkipReason = Field(description="toc, furniture or duplicate_title.")
    text: str = Field(description="The block as written.")


class Diagnostic(_Model):
    """Something odd about the input; `code` is stable and safe to match on."""

    code: str = Field(description="Stable code, e.g. `no_structure`.")
    message: str = Field(description="Human-readable explanation.")
    start: int | None = Field(None, description="Where it applies, if anywhere.")
    end: int | None = Field(None, description="End of where it applies.")


class Document(_Model):
    """A parsed job-description document."""

    source: str | None = Field(None, description="File name or other origin, as given.")
    title: str | None = Field(None, description="The document's own name.")
    title_start: int | None = Field(None, description="Start of the title in the text.")
    title_end: int | None = Field(None, description="End of the title in the text.")
    organization: str | None = Field(None, description="Organisation named by the document.")
    items: list[Item] = Field(default_factory=list, description="Items outside any section.")
    sections: list[Section] = Field(default_factory=list, description="Top-level sections.")
    skipped: list[Skipped] = Field(default_factory=list, description="Blocks that are not content.")
    warnings: list[Diagnostic] = Field(default_factory=list, description="Diagnostics.")

    def iter_items(self) -> list[Item]:
        """All items in document order, at any depth."""
        return records.all_items(self)

    def iter_sections(self) -> list[Section]:
        """All sections in document order, at any depth."""
        return records.all_sections(self)

    @classmethod
    def of(cls, record: records.Document) -> Document:
        """The model of a parser's record (`records.Document`).

        The record is used up: each list of its parts is filled with their models in
        place, so that the two are never both whole in memory.

        >>> record = records.Document(items=[records.Item(marker=None, text="巡店", start=0,
        ...     end=2)])
        >>> Document.of(record).items[0].text, type(record.items[0]) is Item
        ('巡店', True)
        """
        return _built(cls, record)


def _built(model: type[_M], record: Any) -> _M:
    """`model` made from `record`, the parser's record of the same name: the same
    fields with the same types (tests/test_records.py holds them together, and checks
    that every document's models validate), so they are not validated again.

    The fields are set one by one, as plain attributes: CPython then keeps them in a
    table whose keys all instances of the class share. Pydantic's validation gives each
    instance a dict of its own instead, 464 bytes for an item against about 120.
    """
    made = model.__new__(model)
    for name, part_model in _parts_of(model):
        value = getattr(record, name)
        if part_model is not None and value is not None:
            value = _part_built(part_model, value)
        _set(made, name, value)
    _set(made, "__pydantic_fields_set__", _every_field(model))  # true of all it makes
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


def _part_built(model: type[_M], value: Any) -> Any:
    """A part, or a list of parts, made models. A list is filled in place, so that a
    record and its model are never both whole in memory; an item's shared empty tuple
    becomes a list of its own."""
    if type(value) is list:
        for i, part in enumerate(value):
            value[i] = _built(model, part)
        return value
    if type(value) is tuple:
        return [_built(model, part) for part in value]
    return _built(model, value)


_M = TypeVar("_M", bound=BaseModel)
_set = object.__setattr__  # past BaseModel.__setattr__, which validates assignments
# The fields that hold other models, and the model of their parts.
_PARTS: dict[type[BaseModel], dict[str, type[BaseModel]]] = {
    Frequency: {"anchor": Anchor},
    Item: {"frequency": Frequency, "deadline": Deadline, "mentions": Mention},
    Section: {"items": Item, "sections": Section},
    Document: {"items": Item, "sections": Section, "skipped": Skipped, "warnings": Diagnostic},
}


@cache
def _parts_of(model: type[BaseModel]) -> tuple[tuple[str, type[BaseModel] | None], ...]:
    """Each field of `model` in order, with the model of its parts if it holds any."""
    parts = _PARTS.get(model, {})
    return tuple((name, parts.get(name)) for name in model.model_fields)


@cache
def _every_field(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)
