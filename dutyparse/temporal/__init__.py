"""Frequency and deadline expressions of a duty item (SPEC §4–5).

The pipeline, one step per line of `extract`:

1. fold the text, one character for one character (folding.py), and squeeze out
   whitespace so that a line broken inside an expression still matches;
2. find where the rules' gates pass (gates.py: one `re` search for cheap words every
   match of a rule holds), and run the rules of the two ordered tables (frequency.py,
   deadline.py) whose gates do (`scan`); each rule is a pattern built from named pieces
   (grammar.py) and a builder reading its match;
3. keep the non-overlapping expressions of each kind (rule.resolve);
4. make records, with spans mapped back through the squeeze and shifted into the document.

`extract_spans` runs the same steps over all items of a document at once: one fold, one
gate search over every item (most hold no expression and are not looked at again).

>>> freqs, deadlines = extract("每月28号之前提交，每周二、四巡店")
>>> [(f.text, f.period, f.anchor and f.anchor.weekdays) for f in freqs]
[('每月28号之前', 'P1M', None), ('每周二、四', 'P1W', [2, 4])]
>>> [(d.text, d.relation, d.cycle, d.day) for d in deadlines]
[('每月28号之前', 'before', 'P1M', 28)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from dutyparse.records import Deadline, Frequency
from dutyparse.temporal.deadline import DEADLINE_RULES
from dutyparse.temporal.folding import Unsqueezed, cuts_without_spaces, fold, without_spaces
from dutyparse.temporal.frequency import FREQUENCY_RULES
from dutyparse.temporal.gates import gated, starts
from dutyparse.temporal.rrule import to_rrule
from dutyparse.temporal.rule import Found, Rule, resolve

__all__ = ["RULES", "extract", "extract_spans", "fold", "to_rrule"]

RULES = FREQUENCY_RULES + DEADLINE_RULES
# Items read at once by `extract_spans`.
_BLOCK = 1024


def scan(squeezed: str, hits: Mapping[str, Sequence[int]] | None = None) -> list[Found]:
    """Every expression any rule finds, the rule's index in `RULES` as its priority.
    Only the rules whose gates pass in the text are tried (`hits`: where their gate
    words start, by rule; found here when not given: gates.gated)."""
    if hits is None:
        hits = gated([squeezed]).get(0, {})
    found: list[Found] = []
    for priority, rule, anchored in _in_order(frozenset(hits)):
        if anchored:
            found += rule.found_at(squeezed, hits[rule.name], priority)
        else:
            found += rule.found(squeezed, priority)
    return found


@lru_cache(maxsize=1 << 12)
def _in_order(names: frozenset[str]) -> tuple[tuple[int, Rule, bool], ...]:
    """The rules named, with their index, in table order, and whether each is matched
    where its gate words start (gates.starts): few sets recur."""
    return tuple((i, rule, starts(rule.name)) for i, rule in enumerate(RULES) if rule.name in names)


def extract(
    text: str, offset: int = 0, folded: str | None = None
) -> tuple[list[Frequency], list[Deadline]]:
    """Frequencies and deadlines in `text`; spans are shifted by `offset`. `folded` is
    `fold(text)`, when the caller has it.

    >>> extract("定期或不定期回访", offset=100)[0][1].start
    103
    """
    folded = fold(text) if folded is None else folded
    squeezed = without_spaces(folded)
    found = scan(squeezed)
    if not found:
        return [], []
    spaced = folded if len(squeezed) != len(folded) else None
    return _Placer(text, spaced, 0, offset).records(found)


def extract_spans(
    text: str, spans: Sequence[tuple[int, int]]
) -> dict[int, tuple[list[Frequency], list[Deadline]]]:
    """`extract` of each `text[start:end]` of `spans` (a document's items, in order), by
    index of the span; spans that hold no expression are left out. The spans are read
    `_BLOCK` at a time: each block's text folded once, its spans squeezed all together
    (folding.cuts_without_spaces), and one search over all of them (gates.gated) picks
    the few worth a closer look and the rules to try in each. A block's copies are all
    that is held: a long document's time pass needs little memory of its own.

    >>> found = extract_spans("1、每周巡店一次\\n2、负责行政", [(0, 8), (9, 15)])
    >>> [(i, [f.text for f in freqs]) for i, (freqs, _) in found.items()]
    [(0, ['每周巡店一次'])]
    """
    results = {}
    for first in range(0, len(spans), _BLOCK):
        results.update(_extract_block(text, spans[first : first + _BLOCK], first))
    return results


def _extract_block(
    text: str, spans: Sequence[tuple[int, int]], first: int
) -> dict[int, tuple[list[Frequency], list[Deadline]]]:
    """`extract_spans` of a block of spans, by index of the span plus `first`."""
    low = min(start for start, _ in spans)
    folded = fold(text[low : max(end for _, end in spans)])
    squeezed, joined = cuts_without_spaces(folded, [(a - low, b - low) for a, b in spans])
    results = {}
    for index, hits in gated(squeezed, joined).items():
        found = scan(squeezed[index], hits)
        if found:
            start, end = spans[index]
            cut = folded[start - low : end - low]
            spaced = cut if len(squeezed[index]) != len(cut) else None
            results[first + index] = _Placer(text, spaced, start, 0).records(found)
    return results


class _Placer:
    """Turns expressions found in a squeezed text into records over the original: the
    squeezed form of a folded cut of `text` at `base` (`spaced`: that cut, when the
    squeeze took spaces out of it), spans shifted by `offset` more."""

    def __init__(self, text: str, spaced: str | None, base: int, offset: int) -> None:
        self.text, self.base, self.offset = text, base, offset
        self.where = None if spaced is None else Unsqueezed(spaced)

    def records(self, found: list[Found]) -> tuple[list[Frequency], list[Deadline]]:
        """The kept expressions of each kind (rule.resolve) as records."""
        frequencies, deadlines = resolve(found)
        return [self.frequency(f) for f in frequencies], [self.deadline(f) for f in deadlines]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """`[start, end)` of the squeezed text as indices into `text`."""
        if self.where is None:
            return self.base + start, self.base + end
        return self.base + self.where[start], self.base + self.where[end - 1] + 1

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
