"""What every temporal rule shares: the `Found` result and the `Rule` table row.

A rule is one row of an ordered table (frequency.py, deadline.py): the name of its
pattern in grammar.PATTERNS (and of its gates in gates.GATES, the cheap test a text
must pass first: most items hold no time expression), and a builder that turns one
match into zero or more `Found` expressions.
Order in the table is priority when two expressions of equal length overlap.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

import regex

from dutyparse.temporal.grammar import pattern

What = Literal["frequency", "deadline"]


@dataclass(slots=True)
class Found:
    """An expression at `start:end` of the folded text, with its model fields."""

    what: What
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)
    implicit: bool = False
    priority: int = 0  # set by Rule.found: the rule's index in its table


class Hit(dict[str | None, Any]):
    """One match of a rule's pattern: its named groups by name, read at once (`regex`
    looks up a group by name slowly), and the match, for positions and captures.

    >>> hit = Hit.of(regex.search("(?P<n>[0-9]+)(?P<unit>天)", "每3天"))
    >>> hit["n"], hit["unit"], hit.span("unit")
    ('3', '天', (2, 3))
    """

    __slots__ = ("match",)
    match: regex.Match[str]

    @classmethod
    def of(cls, match: regex.Match[str], names: Sequence[str | None] | None = None) -> Hit:
        """`match` as a Hit; `names` are its pattern's group names by group number."""
        names = group_names(match.re) if names is None else names
        hit = cls(zip(names, match.groups(), strict=True))
        hit.match = match
        return hit

    def start(self, group: str | int = 0) -> int:
        start: int = self.match.start(group)
        return start

    def end(self, group: str | int = 0) -> int:
        end: int = self.match.end(group)
        return end

    def span(self, group: str | int = 0) -> tuple[int, int]:
        span: tuple[int, int] = self.match.span(group)
        return span

    def spans(self, group: str) -> list[tuple[int, int]]:
        """Where each capture of a repeated group stands."""
        spans: list[tuple[int, int]] = self.match.spans(group)
        return spans

    def captures(self, group: str) -> list[str]:
        """Every capture of a repeated group."""
        captures: list[str] = self.match.captures(group)
        return captures


def group_names(pattern: regex.Pattern[str]) -> tuple[str | None, ...]:
    """The group names of `pattern` by group number (None for a group without one)."""
    names: list[str | None] = [None] * pattern.groups
    for name, number in pattern.groupindex.items():
        names[number - 1] = name
    return tuple(names)


Builder = Callable[[Hit, str], list[Found]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One table row: `name` of the pattern (and of the gates), its `build`."""

    name: str
    build: Builder

    def found(self, folded: str, priority: int) -> list[Found]:
        """Everything this rule finds in `folded` (whether one of its gates passes there
        is the caller's test), with `priority` (the rule's index in its table)."""
        compiled, names = compiled_rule(self.name)
        found: list[Found] = []
        for match in compiled.finditer(folded):
            found += self.build(Hit.of(match, names), folded)
        return _with_priority(found, priority)

    def found_at(self, folded: str, starts: Sequence[int], priority: int) -> list[Found]:
        """`found`, for a rule whose every match starts at one of `starts` (ascending):
        each is tried there, as a search would, after the end of the last match."""
        compiled, names = compiled_rule(self.name)
        found: list[Found] = []
        end = 0
        for start in starts:
            if start >= end and (match := compiled.match(folded, start)) is not None:
                end = match.end()
                found += self.build(Hit.of(match, names), folded)
        return _with_priority(found, priority)


def _with_priority(found: list[Found], priority: int) -> list[Found]:
    for each in found:
        each.priority = priority
    return found


@cache
def compiled_rule(name: str) -> tuple[regex.Pattern[str], tuple[str | None, ...]]:
    """The compiled pattern of rule `name` and its group names by number."""
    compiled = pattern(name)
    return compiled, group_names(compiled)


def span(match: Hit, group: str | int = 0) -> tuple[int, int]:
    """Start and end of `group` in the folded text."""
    return match.start(group), match.end(group)


def group(match: Hit, name: str) -> str | None:
    """Text of group `name`, or None when the pattern has no such group or it did not take
    part (rules share builders across patterns with different groups)."""
    value = match.get(name)
    return value if isinstance(value, str) else None


def frequency(start: int, end: int, implicit: bool = False, **fields: Any) -> Found:
    """A frequency expression; `fields` are Frequency model fields."""
    return Found("frequency", start, end, fields, implicit)


def deadline(start: int, end: int, **fields: Any) -> Found:
    """A deadline expression; `fields` are Deadline model fields."""
    return Found("deadline", start, end, fields)


def resolve(found: list[Found]) -> tuple[list[Found], list[Found]]:
    """The non-overlapping frequencies and deadlines, each kind in text order (see
    `kept`).

    >>> a, b = frequency(0, 2, kind="periodic"), frequency(0, 6, kind="periodic")
    >>> [[(f.start, f.end) for f in kind] for kind in resolve([a, b, deadline(1, 3)])]
    [[(0, 6)], [(1, 3)]]
    """
    if len(found) == 1:  # the common case
        return (found, []) if found[0].what == "frequency" else ([], found)
    frequencies = [f for f in found if f.what == "frequency"]
    deadlines = [f for f in found if f.what == "deadline"]
    return kept(frequencies), kept(deadlines)


def kept(candidates: list[Found]) -> list[Found]:
    """The expressions of one kind that are kept, in text order: explicit before
    implicit, then the longest, then the earlier rule, then the leftmost wins."""
    if len(candidates) < 2:
        return candidates
    chosen: list[Found] = []  # disjoint, kept in text order
    starts: list[int] = []
    ranked = sorted(candidates, key=lambda f: (f.implicit, f.start - f.end, f.priority, f.start))
    for candidate in ranked:
        # Only the neighbours in text order can overlap: one bisection, not a scan.
        i = bisect_right(starts, candidate.start)
        if i and chosen[i - 1].end > candidate.start:
            continue
        if i < len(chosen) and candidate.end > chosen[i].start:
            continue
        chosen.insert(i, candidate)
        starts.insert(i, candidate.start)
    return chosen
