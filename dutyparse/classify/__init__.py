"""Classification stage: fills role, section kind, mentions, frequency and deadline
fields of a built document. Each annotator mutates the document in place."""

from __future__ import annotations

from dutyparse.classify.roles import annotate_roles
from dutyparse.models import Document
from dutyparse.temporal import extract, fold


def annotate_times(doc: Document, text: str) -> None:
    """Attach frequency and deadline expressions found inside each item's span. The text
    is folded once (one character for one character), each item cuts its form from it."""
    folded = fold(text)
    for item in doc.iter_items():
        span = slice(item.start, item.end)
        item.frequency, item.deadline = extract(text[span], item.start, folded[span])


def classify(doc: Document, text: str, folded: str | None = None) -> Document:
    """Run every annotator over `doc` (built from `text`) and return it. `folded` is
    `normalize(text)`, when the caller has it (the roles' matching form; else made here)."""
    annotate_roles(doc, text, folded)
    annotate_times(doc, text)
    return doc
