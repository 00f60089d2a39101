"""Classification stage: fills role, section kind, mentions, frequency and deadline
fields of a built document. Each annotator mutates the document in place."""

from __future__ import annotations

from dutyparse.classify.roles import annotate_roles
from dutyparse.models import Document
from dutyparse.temporal import extract


def annotate_times(doc: Document, text: str) -> None:
    """Attach frequency and deadline expressions found inside each item's span."""
    for item in doc.iter_items():
        item.frequency, item.deadline = extract(text[item.start : item.end], item.start)


def classify(doc: Document, text: str) -> Document:
    """Run every annotator over `doc` (built from `text`) and return it."""
    annotate_roles(doc, text)
    annotate_times(doc, text)
    return doc
