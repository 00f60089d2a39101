"""Unit tree → output models: sections, items and paragraphs with original offsets.

A unit's content runs from the end of its marker to the next unit. A unit with
children is a section: its title is the content before the first child (a long
content keeps its first phrase as the title, the rest becomes a paragraph). A unit
without children is an item. Title, skipped blocks and inline page counters are holes:
no content covers them, which keeps the output lossless.
"""

from __future__ import annotations

import sys
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

import regex

from dutyparse.errors import NO_STRUCTURE, NUMBER_GAP
from dutyparse.layout import Skip
from dutyparse.records import Diagnostic, Item, Section, Skipped
from dutyparse.textclean import CLAUSE, clean, squeeze
from dutyparse.tree import Node

_TITLE_MAX = 40
# Where a long heading's title stops: a colon, a space run, a full stop, a line end.
_TITLE_STOP = regex.compile(r"[:：。\n]|\s{1,}")
_SENTENCE = regex.compile(r"[,;。.!?，；！？]")
_SPACE_RUN = regex.compile(r"\s+")
# A line break that ends a paragraph: after a finished sentence, or before a form
# field (`岗位名称：出纳` / `所属部门：财务部`).
_SENTENCE_END_LINE = regex.compile(
    r"(?<=[。;；!！?？])[ \t]*\n|(?<![ \t])[ \t]*\n(?=[ \t]*[^\s:：,，。]{2,8}[:：])"
)


@dataclass(frozen=True, slots=True)
class Holes:
    """Sorted, disjoint spans that content skips over."""

    spans: list[tuple[int, int]]

    def covers(self, pos: int) -> bool:
        """Whether `pos` lies inside a hole."""
        i = bisect_left(self.spans, (pos + 1, pos + 1)) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]

    def pieces(self, lo: int, hi: int, text: str) -> list[tuple[int, int]]:
        """Subranges of `lo:hi` outside every hole, trimmed of whitespace, non-empty."""
        i = max(0, bisect_left(self.spans, (lo, lo)) - 1)
        while i < len(self.spans) and self.spans[i][1] <= lo:
            i += 1
        if i == len(self.spans) or self.spans[i][0] >= hi:  # most content has no hole
            start, end = _trim(text, lo, hi)
            return [(start, end)] if start < end else []
        out, pos = [], lo
        for start, end in self.spans[i:]:
            if start >= hi:
                break
            if end > pos:
                out.append((pos, min(start, hi)))
                pos = max(pos, end)
        out.append((pos, hi))
        return [t for t in (_trim(text, s, e) for s, e in out) if t[0] < t[1]]


def _sentences_by_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    r"""`start:end` cut after each line that ends a sentence.

    >>> t = "负责接待。\n负责回\n访。"
    >>> [t[s:e] for s, e in _sentences_by_line(t, 0, len(t))]
    ['负责接待。', '负责回\n访。']
    """
    cuts = [m.end() for m in _SENTENCE_END_LINE.finditer(text, start, end)]
    bounds = [start, *cuts, end]
    spans = (_trim(text, a, b) for a, b in pairwise(bounds))
    return [(a, b) for a, b in spans if a < b]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """`start:end` without the whitespace at either end.

    >>> _trim(" 一 二 ", 0, 5)
    (1, 4)
    """
    if start < end and not (text[start].isspace() or text[end - 1].isspace()):
        return start, end
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())


def skipped_records(text: str, skips: list[Skip]) -> list[Skipped]:
    """Output records of the skipped blocks."""
    return [
        Skipped(start=s.start, end=s.end, reason=s.reason, text=text[s.start : s.end])
        for s in skips
    ]


def diagnostics(text: str, root: Node) -> list[Diagnostic]:
    """Stable-coded notes on odd input: no structure at all, numbers that skip."""
    found = [
        Diagnostic(
            code=NUMBER_GAP,
            message=f"marker {text[c.start : c.end].strip()!r} skips a number in its list",
            start=c.start,
            end=c.end,
        )
        for c in root.gaps
    ]
    if not root.children and text.strip():
        found.append(Diagnostic(code=NO_STRUCTURE, message="no list marker or section label found"))
    return found


def assemble(text: str, root: Node, holes: Holes) -> tuple[list[Item], list[Section]]:
    """Top-level paragraphs/items and sections of the document."""
    order = _preorder(root)
    next_start = {
        id(n): (order[i + 1].start if i + 1 < len(order) else len(text))
        for i, n in enumerate(order)
    }
    builder = _Builder(text, holes, next_start)
    items = builder.paragraphs(0, root.children[0].start if root.children else len(text))
    sections: list[Section] = []
    for child in root.children:
        builder.place(child, 1, items, sections)
    return items, sections


def _preorder(root: Node) -> list[Node]:
    out: list[Node] = []
    stack = list(reversed(root.children))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


@dataclass
class _Builder:
    text: str
    holes: Holes
    next_start: dict[int, int]

    def place(self, node: Node, level: int, items: list[Item], sections: list[Section]) -> None:
        if node.children or node.label is not None:
            sections.append(self.section(node, level))
        else:
            items.append(self.item(node))

    def paragraphs(self, lo: int, hi: int) -> list[Item]:
        """Unmarked paragraphs of `lo:hi`: split at holes, and at line breaks after a
        finished sentence (a line broken mid-sentence stays one paragraph)."""
        return [
            Item(marker=None, text=clean(self.text[s:e]), start=s, end=e)
            for piece in self.holes.pieces(lo, hi, self.text)
            for s, e in _sentences_by_line(self.text, *piece)
        ]

    def item(self, node: Node) -> Item:
        pieces = self.holes.pieces(node.head_end, self.next_start[id(node)], self.text)
        end = pieces[-1][1] if pieces else node.head_end
        return Item(
            marker=self.marker(node),
            number=node.number,
            outline=list(node.outline) if node.outline else None,
            style=node.style,
            text="".join([clean(self.text[s:e]) for s, e in pieces]),
            start=node.start,
            end=end,
        )

    def marker(self, node: Node) -> str:
        """The marker as written; one string object per distinct marker (a long list
        repeats `1、`, `2、` … thousands of times)."""
        return sys.intern(self.text[node.start : node.head_end].strip())

    def section(self, node: Node, level: int) -> Section:
        title, title_end, rest = self.heading(node)
        section = Section(
            marker=None if node.label else self.marker(node),
            number=node.number,
            outline=list(node.outline) if node.outline else None,
            style=None if node.label else node.style,
            title=title,
            title_start=node.start,
            title_end=title_end,
            level=level,
            start=node.start,
            end=title_end,
        )
        section.items.extend(self.paragraphs(rest, self.next_start[id(node)]))
        for child in node.children:
            self.place(child, level + 1, section.items, section.sections)
        section.items.sort(key=_start)
        ends = [section.end]
        if section.items:
            ends.append(max(item.end for item in section.items))
        if section.sections:
            ends.append(section.sections[-1].end)
        section.end = max(ends)
        return section

    def heading(self, node: Node) -> tuple[str, int, int]:
        """Title text, end of the heading span, start of the rest of the content."""
        if node.label is not None:
            return _label_title(self.text[node.start : node.head_end]), node.head_end, node.head_end
        pieces = self.holes.pieces(node.head_end, self.next_start[id(node)], self.text)
        if not pieces:
            return "", node.head_end, node.head_end
        start, end = pieces[0]
        end = start + _title_length(self.text[start:end])
        title = squeeze(self.text[start:end]).rstrip(":：")
        return title, end, end


def _start(item: Item) -> int:
    return item.start


def _title_length(first: str) -> int:
    """Where a heading's title stops inside the first piece of its content: all of it
    when short and clause-free; else at a colon (kept), a space run or a full stop.

    >>> _title_length("院部 内设管理机构8个，教学机构14个。"), _title_length("职 责:")
    (2, 4)
    """
    space = _SPACE_RUN.search(first)
    sentence_follows = space is not None and _SENTENCE.search(first, space.end()) is not None
    if (
        len(first) <= _TITLE_MAX
        and not CLAUSE.search(first.rstrip(":：。"))
        and not sentence_follows
    ):
        return len(first)
    stop = _TITLE_STOP.search(first, 1)
    if stop is None:
        return len(first)
    end: int = stop.end() if stop.group() in ":：" else stop.start()
    return end


def _label_title(label: str) -> str:
    """`【 任职要求 】` → `任职要求`; `岗位职责：` → `岗位职责`."""
    return squeeze(label).strip("【】[] ").rstrip(":：").strip()
