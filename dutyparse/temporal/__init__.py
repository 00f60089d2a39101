"""Frequency and deadline expressions of a duty item (SPEC §4–5).

The pipeline, one step per line of `extract`:

1. fold the text, one character for one character (folding.py), and squeeze out
   whitespace so that a line broken inside an expression still matches (a caller with
   a whole document folds it once and passes each item's cut);
2. run the rules of the two ordered tables (frequency.py, deadline.py) whose cues the
   text holds (`scan`); each rule is a pattern built from named pieces (grammar.py) and
   a builder reading its match;
3. keep the non-overlapping expressions of each kind (rule.resolve);
4. make models, with spans mapped back through the squeeze and shifted into the document.

>>> freqs, deadlines = extract("每月28号之前提交，每周二、四巡店")
>>> [(f.text, f.period, f.anchor and f.anchor.weekdays) for f in freqs]
[('每月28号之前', 'P1M', None), ('每周二、四', 'P1W', [2, 4])]
>>> [(d.text, d.relation, d.cycle, d.day) for d in deadlines]
[('每月28号之前', 'before', 'P1M', 28)]
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from dutyparse.models import Deadline, Frequency
from dutyparse.temporal.deadline import DEADLINE_RULES
from dutyparse.temporal.folding import fold, squeeze
from dutyparse.temporal.frequency import FREQUENCY_RULES
from dutyparse.temporal.rrule import to_rrule
from dutyparse.temporal.rule import Found, Rule, resolve

__all__ = ["RULES", "extract", "fold", "to_rrule"]

RULES = FREQUENCY_RULES + DEADLINE_RULES


def scan(squeezed: str) -> list[Found]:
    """Every expression any rule finds, the rule's index in `RULES` as its priority. Only
    rules with a cue in the text are tried (most items hold none)."""
    chars = frozenset(_cue_char().findall(squeezed))
    if not chars:
        return []
    return [
        found
        for i, rule in _cued_by(chars)
        if rule.single or rule.cued(squeezed, chars)
        for found in rule.found(squeezed, i)
    ]


@cache
def _cue_char() -> re.Pattern[str]:
    """The first character of any rule's cue."""
    firsts = sorted({ch for rule in RULES for ch in rule.first})
    return re.compile("[" + "".join(map(re.escape, firsts)) + "]")


@lru_cache(maxsize=1 << 12)
def _cued_by(chars: frozenset[str]) -> tuple[tuple[int, Rule], ...]:
    """The rules (with their index) one of whose cues starts with one of `chars`: few
    sets of cue characters recur, so each is worked out once."""
    return tuple((i, rule) for i, rule in enumerate(RULES) if not rule.first.isdisjoint(chars))


def extract(
    text: str, offset: int = 0, folded: str | None = None
) -> tuple[list[Frequency], list[Deadline]]:
    """Frequencies and deadlines in `text`; spans are shifted by `offset`. `folded` is
    `fold(text)`, when the caller has it (a document folded once, cut per item).

    >>> extract("定期或不定期回访", offset=100)[0][1].start
    103
    """
    squeezed, where = squeeze(fold(text) if folded is None else folded)
    found = scan(squeezed)
    if not found:
        return [], []
    place = _Placer(text, where, offset)
    return (
        [place.frequency(f) for f in resolve(found, "frequency")],
        [place.deadline(f) for f in resolve(found, "deadline")],
    )


class _Placer:
    """Turns expressions found in the squeezed text into models over the original."""

    def __init__(self, text: str, where: list[int] | None, offset: int) -> None:
        self.text, self.where, self.offset = text, where, offset

    def span(self, start: int, end: int) -> tuple[int, int]:
        """`[start, end)` of the squeezed text as indices into the original text."""
        if self.where is None:
            return start, end
        return self.where[start], self.where[end - 1] + 1

    def excerpt(self, start: int, end: int) -> str:
        """The original text of a squeezed span, line breaks removed (an event name)."""
        first, last = self.span(start, end)
        return "".join(self.text[first:last].split())

    def frequency(self, found: Found) -> Frequency:
        start, end = self.span(found.start, found.end)
        return Frequency(
            text=self.text[start:end],
            start=start + self.offset,
            end=end + self.offset,
            implicit=found.implicit,
            **found.fields,
        )

    def deadline(self, found: Found) -> Deadline:
        fields = dict(found.fields)
        event = fields.pop("event_span", None)  # the event as written, not as folded
        start, end = self.span(found.start, found.end)
        return Deadline(
            text=self.text[start:end],
            start=start + self.offset,
            end=end + self.offset,
            event=self.excerpt(*event) if event else None,
            **fields,
        )
