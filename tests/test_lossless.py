"""SPEC §2: every non-whitespace character belongs to exactly one of title, a section
heading, an item (or unmarked paragraph) or a skipped block. Skipped blocks may sit
inside an item's span (a page counter cut into a sentence); everything else is disjoint.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import dutyparse
from tests.conftest import corpus_docs, shared_docs


def coverage_errors(text: str) -> list[str]:
    doc = dutyparse.parse(text)
    owners = [0] * len(text)
    skipped = [False] * len(text)

    def claim(start: int, end: int) -> None:
        for i in range(start, end):
            owners[i] += 1

    if doc.title_start is not None and doc.title_end is not None:
        claim(doc.title_start, doc.title_end)
    for section in doc.iter_sections():
        claim(section.title_start, section.title_end)
    for item in doc.iter_items():
        claim(item.start, item.end)
    for block in doc.skipped:
        for i in range(block.start, block.end):
            skipped[i] = True
    errors = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        if owners[i] == 0 and not skipped[i]:
            errors.append(f"uncovered {i} {text[max(0, i - 10) : i + 10]!r}")
        elif owners[i] > 1:
            errors.append(f"claimed {owners[i]} times at {i} {text[max(0, i - 10) : i + 10]!r}")
    return errors[:5]


@pytest.mark.parametrize("path", corpus_docs(), ids=lambda p: p.stem)
def test_corpus_document_is_lossless(path: Path) -> None:
    assert coverage_errors(path.read_text(encoding="utf-8")) == []


@pytest.mark.skipif(
    not shared_docs(), reason="../shared (dev set and seeds) is not beside this checkout"
)
@pytest.mark.parametrize("path", shared_docs(), ids=lambda p: p.stem)
def test_shared_document_is_lossless(path: Path) -> None:
    assert coverage_errors(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        "岗位职责：1、负责；2、协助任职要求：1、本科",
        "目录 一、总则 (1) 二、职责 (2) 三、附则 (3)\n\n一、总则\n1、适用范围",
        "商贸公司岗位职责\n\n商贸公司岗位职责\n第 1 页 共 2 页\n一、经理\n1、负责 3 / 12 管理",
    ],
    ids=["empty", "blank", "flattened", "toc", "furniture"],
)
def test_small_text_is_lossless(text: str) -> None:
    assert coverage_errors(text) == []
