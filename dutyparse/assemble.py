"""Unit tree → output models: sections, items and paragraphs with original offsets.

A unit's content runs from the end of its marker to the next unit. A unit with
children is a section: its title is the content before the first child (a long
content keeps its first phrase as the title, the rest becomes a paragraph). A unit
without children is an item. Title, skipped blocks and inline page counters are holes:
no content covers them, which keeps the output lossless.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise
from operator import attrgetter

from dutyparse.errors import NO_STRUCTURE, NUMBER_GAP
from dutyparse.layout import Skip
from dutyparse.records import Diagnostic, Item, Section, Skipped
from dutyparse.textclean import CLAUSE, NON_WS, SPACE_RUN, WS, clean, squeeze
from dutyparse.tree import Node

_START, _END = attrgetter("start"), attrgetter("end")
_TITLE_MAX = 40
# Where a long heading's title stops: a colon, a space run, a full stop, a line end.
_TITLE_STOP = re.compile(f"[:：。\n]|{WS}+")
_SENTENCE = re.compile(r"[,;。.!?，；！？]")
# A line break that ends a paragraph: after a finished sentence, or before a form
# field (`岗位名称：出纳` / `所属部门：财务部`).
_FIELD_CHAR = f"(?![:：,，。]){NON_WS}"  # of a field name: no space, colon or comma
_SENTENCE_END_LINE = re.compile(
    rf"(?<=[。;；!！?？])[ \t]*\n|(?<![ \t])[ \t]*\n(?=[ \t]*(?:{_FIELD_CHAR}){{2,8}}[:：])"
)


@dataclass(frozen=True, slots=True)
class Holes:
    """Sorted, disjoint spans that content skips over.

    >>> holes = Holes([(2, 4), (6, 7)])
    >>> holes.covers(3), holes.covers(4), holes.pieces(0, 9, "ab  cd e f")
    (True, False, [(0, 2), (4, 6), (7, 8)])
    """

    spans: list[tuple[int, int]]
    starts: list[int] = field(init=False)  # of the spans, for `bisect` on plain ints
    ends: list[int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", [start for start, _end in self.spans])
        object.__setattr__(self, "ends", [end for _start, end in self.spans])

    def covers(self, pos: int) -> bool:
        """Whether `pos` lies inside a hole."""
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def clear(self, lo: int, hi: int) -> bool:
        """Whether no hole overlaps `lo:hi`."""
        i = bisect_right(self.ends, lo)  # the first hole that ends after `lo`
        return i == len(self.starts) or self.starts[i] >= hi

    def pieces(self, lo: int, hi: int, text: str) -> list[tuple[int, int]]:
        """Subranges of `lo:hi` outside every hole, trimmed of whitespace, non-empty."""
        i = bisect_right(self.ends, lo)  # the first hole that ends after `lo`
        if i == len(self.starts) or self.starts[i] >= hi:  # most content has no hole
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
    if text.find("\n", start, end) == -1:  # one line: nothing to cut
        start, end = _trim(text, start, end)
        return [(start, end)] if start < end else []
    cuts = [m.end() for m in _SENTENCE_END_LINE.finditer(text, start, end)]
    bounds = [start, *cuts, end]
    spans = (_trim(text, a, b) for a, b in pairwise(bounds))
    return [(a, b) for a, b in spans if a < b]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """`start:end` without the whitespace at either end.

    >>> _trim(" 一 二 ", 0, 5)
    (1, 4)
    """
    if start < end and text[end - 1].isspace():
        end = start + len(text[start:end].rstrip())
    if start < end and text[start].isspace():
        start = end - len(text[start:end].lstrip())
    return start, end


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
    builder = _Builder(text, holes)
    items = builder.paragraphs(0, root.children[0].start if root.children else len(text))
    sections: list[Section] = []
    builder.place_all(root.children, 1, len(text), items, sections)
    return items, sections


@dataclass
class _Builder:
    """Output records of units. A unit's content ends where the next unit in text order
    starts: its first child, else the unit after it (`bound`, handed down the tree)."""

    text: str
    holes: Holes

    def place_all(
        self, nodes: list[Node], level: int, bound: int, items: list[Item], sections: list[Section]
    ) -> None:
        """Records of sibling `nodes`; the unit after the last one starts at `bound`."""
        for i, node in enumerate(nodes):
            after = nodes[i + 1].start if i + 1 < len(nodes) else bound
            if node.children or node.label is not None:
                sections.append(self.section(node, level, after))
            else:
                items.append(self.item(node, after))

    def paragraphs(self, lo: int, hi: int) -> list[Item]:
        """Unmarked paragraphs of `lo:hi`: split at holes, and at line breaks after a
        finished sentence (a line broken mid-sentence stays one paragraph)."""
        if lo >= hi or self.text[lo:hi].isspace():  # most headings: a line break
            return []
        return [
            Item(marker=None, text=clean(self.text[s:e]), start=s, end=e)
            for piece in self.holes.pieces(lo, hi, self.text)
            for s, e in _sentences_by_line(self.text, *piece)
        ]

    def item(self, node: Node, hi: int) -> Item:
        """A unit without children, its content running up to `hi`."""
        lo = node.head_end
        if self.holes.clear(lo, hi):  # most content: one piece, trimmed here
            content = self.text[lo:hi].rstrip()
            end = lo + len(content)
            text = clean(content)
        else:
            pieces = self.holes.pieces(lo, hi, self.text)
            end = pieces[-1][1] if pieces else lo
            text = "".join([clean(self.text[s:e]) for s, e in pieces])
        return Item(
            marker=self.marker(node),
            number=node.number,
            outline=list(node.outline) if node.outline else None,
            style=node.style,
            text=text,
            start=node.start,
            end=end,
        )

    def marker(self, node: Node) -> str:
        """The marker as written; one string object per distinct marker (a long list
        repeats `1、`, `2、` … thousands of times)."""
        return sys.intern(self.text[node.start : node.head_end].strip())

    def section(self, node: Node, level: int, bound: int) -> Section:
        content_end = node.children[0].start if node.children else bound
        title, title_end, rest = self.heading(node, content_end)
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
        section.items.extend(self.paragraphs(rest, content_end))
        self.place_all(node.children, level + 1, bound, section.items, section.sections)
        section.items.sort(key=_START)
        ends = [section.end]
        if section.items:
            ends.append(max(map(_END, section.items)))
        if section.sections:
            ends.append(section.sections[-1].end)
        section.end = max(ends)
        return section

    def heading(self, node: Node, content_end: int) -> tuple[str, int, int]:
        """Title text, end of the heading span, start of the rest of the content."""
        if node.label is not None:
            return _label_title(self.text[node.start : node.head_end]), node.head_end, node.head_end
        pieces = self.holes.pieces(node.head_end, content_end, self.text)
        if not pieces:
            return "", node.head_end, node.head_end
        start, end = pieces[0]
        end = start + _title_length(self.text[start:end])
        title = squeeze(self.text[start:end]).rstrip(":：")
        return title, end, end


def _title_length(first: str) -> int:
    """Where a heading's title stops inside the first piece of its content: all of it
    when short and clause-free; else at a colon (kept), a space run or a full stop.

    >>> _title_length("院部 内设管理机构8个，教学机构14个。"), _title_length("职 责:")
    (2, 4)
    """
    if len(first) <= _TITLE_MAX and not CLAUSE.search(first.rstrip(":：。")):
        space = SPACE_RUN.search(first)
        if space is None or not _SENTENCE.search(first, space.end()):  # no sentence follows
            return len(first)
    stop = _TITLE_STOP.search(first, 1)
    if stop is None:
        return len(first)
    end: int = stop.end() if stop.group() in ":：" else stop.start()
    return end


def _label_title(label: str) -> str:
    """`【 任职要求 】` → `任职要求`; `岗位职责：` → `岗位职责`."""
    return squeeze(label).strip("【】[] ").rstrip(":：").strip()
