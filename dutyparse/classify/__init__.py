"""Classification stage: fills role, section kind, mentions, frequency and deadline
fields of a built document. Each annotator mutates the document in place:
`annotate_roles` (roles, kinds, mentions, organisation), then `annotate_times`."""

from __future__ import annotations

from dutyparse.classify.roles import annotate_roles
from dutyparse.records import Document
from dutyparse.temporal import extract_spans

__all__ = ["annotate_roles", "annotate_times"]


def annotate_times(doc: Document, text: str) -> None:
    """Attach frequency and deadline expressions found inside each item's span, all
    items at once (`temporal.extract_spans`: one fold, one search for candidates)."""
    items = doc.iter_items()
    for item in items:
        if item.frequency or item.deadline:  # left by an earlier run; a new item holds none
            item.frequency, item.deadline = (), ()
    found = extract_spans(text, [(item.start, item.end) for item in items])
    for index, (frequencies, deadlines) in found.items():
        if frequencies:
            items[index].frequency = frequencies
        if deadlines:
            items[index].deadline = deadlines
