"""Frequency and deadline expressions of a duty item (SPEC §4–5).

The pipeline, one step per line of `extract`:

1. fold the text, one character for one character (folding.py), so spans need no mapping;
2. run every rule of the two ordered tables (frequency.py, deadline.py); each rule is a
   pattern built from named pieces (grammar.py) and a builder reading its match;
3. keep the non-overlapping expressions of each kind (rule.resolve);
4. make models, with spans shifted into the document.

>>> freqs, deadlines = extract("每月28号之前提交，每周二、四巡店")
>>> [(f.text, f.period, f.anchor and f.anchor.weekdays) for f in freqs]
[('每月28号之前', 'P1M', None), ('每周二、四', 'P1W', [2, 4])]
>>> [(d.text, d.relation, d.cycle, d.day) for d in deadlines]
[('每月28号之前', 'before', 'P1M', 28)]
"""

from __future__ import annotations

from dutyparse.models import Deadline, Frequency
from dutyparse.temporal.deadline import DEADLINE_RULES
from dutyparse.temporal.folding import fold
from dutyparse.temporal.frequency import FREQUENCY_RULES
from dutyparse.temporal.rrule import to_rrule
from dutyparse.temporal.rule import Found, resolve

__all__ = ["RULES", "extract", "to_rrule"]

RULES = FREQUENCY_RULES + DEADLINE_RULES


def extract(text: str, offset: int = 0) -> tuple[list[Frequency], list[Deadline]]:
    """Frequencies and deadlines in `text`; spans are shifted by `offset`.

    >>> extract("定期或不定期回访", offset=100)[0][1].start
    103
    """
    folded = fold(text)
    found = [f for priority, rule in enumerate(RULES) for f in rule.scan(folded, priority)]
    return (
        [_frequency(text, f, offset) for f in resolve(found, "frequency")],
        [_deadline(text, f, offset) for f in resolve(found, "deadline")],
    )


def _frequency(text: str, found: Found, offset: int) -> Frequency:
    return Frequency(
        text=text[found.start : found.end],
        start=found.start + offset,
        end=found.end + offset,
        implicit=found.implicit,
        **found.fields,
    )


def _deadline(text: str, found: Found, offset: int) -> Deadline:
    fields = dict(found.fields)
    event = fields.pop("event_span", None)  # the event as written, not as folded
    return Deadline(
        text=text[found.start : found.end],
        start=found.start + offset,
        end=found.end + offset,
        event=text[event[0] : event[1]] if event else None,
        **fields,
    )
