"""Whole documents of `corpora/` against their gold: title, headings, items and the
heading each item hangs under (one test id per document)."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

import dutyparse
from dutyparse.models import Document, Section
from tests.conftest import corpus_docs, gold_for

_TRAILING = "。；;，,.、:：!！ "


def norm(text: str | None) -> str:
    """Comparison form: NFKC, no whitespace, no trailing punctuation."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(folded.split()).strip(_TRAILING)


def predicted(doc: Document) -> tuple[str | None, list[str], list[tuple[str, str]]]:
    """(title, heading titles, (item text, enclosing heading title)) in document order."""
    headings: list[str] = []
    items: list[tuple[int, str, str]] = [(i.start, norm(i.text), "") for i in doc.items if i.marker]

    def visit(sections: list[Section]) -> None:
        for s in sections:
            headings.append(norm(s.title))
            items.extend((i.start, norm(i.text), norm(s.title)) for i in s.items if i.marker)
            visit(s.sections)

    visit(doc.sections)
    return norm(doc.title), headings, [(t, h) for _s, t, h in sorted(items)]


def expected(gold: dict[str, Any]) -> tuple[str | None, list[str], list[tuple[str, str]]]:
    titles = {n["id"]: norm(n["title"]) for n in gold["nodes"] if n["type"] == "heading"}
    items = [
        (norm(n["text"]), titles.get(n["heading"], ""))
        for n in gold["nodes"]
        if n["type"] == "item"
    ]
    return norm(gold["title"]), list(titles.values()), items


@pytest.mark.parametrize("path", corpus_docs(), ids=lambda p: p.stem)
def test_corpus_document_structure(path: Path) -> None:
    doc = dutyparse.parse(path.read_text(encoding="utf-8"), source=path.name)
    got_title, got_headings, got_items = predicted(doc)
    want_title, want_headings, want_items = expected(gold_for(path))
    assert got_title == want_title
    assert sorted(got_headings) == sorted(want_headings)
    assert got_items == want_items


def test_corpus_is_large_enough() -> None:
    assert len(corpus_docs()) >= 20
