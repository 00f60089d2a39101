"""What every temporal rule shares: the `Found` result and the `Rule` table row.

A rule is one row of an ordered table (frequency.py, deadline.py): the name of its
pattern in grammar.PATTERNS, the cue strings of which it needs at least one (a cheap
prefilter: most items hold no time expression), and a builder that turns one match
into zero or more `Found` expressions.
Order in the table is priority when two expressions of equal length overlap.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Literal

import regex

from dutyparse.temporal.grammar import pattern

What = Literal["frequency", "deadline"]


@dataclass(frozen=True, slots=True)
class Found:
    """An expression at `start:end` of the folded text, with its model fields."""

    what: What
    start: int
    end: int
    fields: dict[str, Any] = field(default_factory=dict)
    implicit: bool = False
    priority: int = 0


Builder = Callable[["regex.Match[str]", str], list[Found]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One table row: `name` of the pattern, cues it `needs` (any one), its `build`."""

    name: str
    needs: tuple[str, ...]
    build: Builder
    first: frozenset[str] = field(init=False)
    single: bool = field(init=False)

    def __post_init__(self) -> None:
        # First characters of the cues: a set test rules most rules out at once, and is
        # the whole test when every cue is one character.
        object.__setattr__(self, "first", frozenset(cue[0] for cue in self.needs))
        object.__setattr__(self, "single", all(len(cue) == 1 for cue in self.needs))

    def cued(self, folded: str, chars: AbstractSet[str]) -> bool:
        """Whether `folded`, whose characters are (or include) `chars`, holds a cue."""
        if self.first.isdisjoint(chars):
            return False
        return self.single or any(cue in folded for cue in self.needs)

    def found(self, folded: str, priority: int) -> Iterator[Found]:
        """Everything this rule finds in `folded` (whether it is `cued` is the caller's
        test), with `priority` (the rule's index in its table)."""
        for match in pattern(self.name).finditer(folded):
            for found in self.build(match, folded):
                yield Found(
                    found.what, found.start, found.end, found.fields, found.implicit, priority
                )


def span(match: regex.Match[str], group: str | int = 0) -> tuple[int, int]:
    """Start and end of `group` in the folded text."""
    return match.start(group), match.end(group)


def group(match: regex.Match[str], name: str) -> str | None:
    """Text of group `name`, or None when the pattern has no such group or it did not take
    part (rules share builders across patterns with different groups)."""
    value = match.groupdict().get(name)
    return value if isinstance(value, str) else None


def frequency(start: int, end: int, implicit: bool = False, **fields: Any) -> Found:
    """A frequency expression; `fields` are Frequency model fields."""
    return Found("frequency", start, end, fields, implicit)


def deadline(start: int, end: int, **fields: Any) -> Found:
    """A deadline expression; `fields` are Deadline model fields."""
    return Found("deadline", start, end, fields)


def resolve(found: list[Found], what: What) -> list[Found]:
    """Non-overlapping expressions of one kind, in text order: explicit before implicit,
    then the longest, then the earlier rule, then the leftmost wins.

    >>> a, b = frequency(0, 2, kind="periodic"), frequency(0, 6, kind="periodic")
    >>> [(f.start, f.end) for f in resolve([a, b], "frequency")]
    [(0, 6)]
    """
    chosen: list[Found] = []  # disjoint, kept in text order
    starts: list[int] = []
    ranked = sorted(
        (f for f in found if f.what == what),
        key=lambda f: (f.implicit, f.start - f.end, f.priority, f.start),
    )
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
