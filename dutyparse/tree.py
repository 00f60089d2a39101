"""Marker candidates and labels → a tree of units (SPEC §2), adaptively nested.

One pass over the events in text order with a stack of open units:
- a style already open closes back to its level (`二、` after `1、 2、` under `一、`);
- a new style nests under the unit on top of the stack;
- number continuity (n → n+1 within one style) is the evidence that lets a marker
  stand inside a line (`…；2、负责…`) or glued to text (`…经验4.熟悉`);
- a list that starts inside a line must show its second number soon after;
- labels (`岗位职责：`) nest by family the same way.

>>> norm = normalize("岗位职责：1、负责；2、协助")
>>> root = build(norm, *_events(norm))
>>> [(n.style, n.number) for n in root.children[0].children]
[('arabic', 1), ('arabic', 2)]
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from dutyparse.labels import Label, find_labels, heading_like
from dutyparse.markers import Candidate, Context, find_candidates
from dutyparse.normalize import normalize  # noqa: F401 (doctest)

_LOOKAHEAD_CHARS = 20000  # how far a list's second number may stand from its first
_LOOKAHEAD_STEPS = 60
_HEADING_MAX = 30
_MAX_DEPTH = 32
_OPENING = 64  # characters of a unit's content read to tell a heading from a duty


@dataclass(eq=False, slots=True)
class Node:
    """A unit: a marker or a label and, until the next unit, its content."""

    start: int
    head_end: int
    style: str
    number: int | None = None
    outline: tuple[int, ...] | None = None
    label: Label | None = None
    children: list[Node] = field(default_factory=list)
    gaps: Sequence[Candidate] = ()  # root only: numbers that skip


def _events(norm: str) -> tuple[list[Candidate], list[Label]]:
    """Candidates and labels of a normalised text (doctest helper)."""
    cands = find_candidates(norm)
    return cands, find_labels(norm, cands)


def build(norm: str, cands: list[Candidate], labels: list[Label]) -> Node:
    """The unit tree: a root holding every accepted unit, nested. Markers accepted
    across a gap in their numbering are listed in the root's `gaps`."""
    tree = _Tree(norm, _evidence_index(norm, cands))
    for event in _merge(cands, labels):
        if isinstance(event, Label):
            tree.add_label(event)
        else:
            tree.add_marker(event)
    root = tree.stack[0]
    root.gaps = tree.gaps
    return root


def _merge(cands: list[Candidate], labels: list[Label]) -> list[Candidate | Label]:
    """Events in text order (`cands` and `labels`, disjoint, each in text order);
    candidates inside a label are dropped.

    >>> [type(e).__name__ for e in _merge(*_events("岗位职责:1、负责;2、协助"))]
    ['Label', 'Candidate', 'Candidate']
    """
    events: list[Candidate | Label] = []
    later = iter(labels)
    label = next(later, None)
    for c in cands:
        while label is not None and label.end <= c.start:
            events.append(label)
            label = next(later, None)
        if label is None or c.start < label.start:
            events.append(c)
    if label is not None:
        events.append(label)
        events.extend(later)
    return events


def _open(styles: list[str], style: str) -> list[int]:
    """Indices of the open units (their `styles`, root first) holding `style`, deepest
    first."""
    if style not in styles:
        return []
    if styles.count(style) == 1:  # most styles are open once
        return [styles.index(style)]
    return [i for i in range(len(styles) - 1, 0, -1) if styles[i] == style]


# Styles that are markers wherever they stand (`…如下: 第三条 …`).
_STRONG = frozenset({"chapter", "part", "section", "article", "duty"})
# Styles too easily confused with text to trust without a following number.
_NEEDS_CHAIN = frozenset({"arabic_space"})


@dataclass
class _Tree:
    """The stack of open units while events arrive in text order."""

    norm: str
    evidence: Callable[[Candidate], bool]  # does a list really start at this candidate?
    stack: list[Node] = field(default_factory=lambda: [Node(0, 0, "root")])
    styles: list[str] = field(default_factory=lambda: ["root"])  # of the stack's units
    last_seen: dict[str, int] = field(default_factory=dict)  # style → last accepted number
    gaps: list[Candidate] = field(default_factory=list)

    def push(self, node: Node, level: int) -> None:
        """Close the stack back to `level` and open `node` there (never deeper than
        `_MAX_DEPTH`: hostile text must not build a tree a reader cannot walk)."""
        level = min(level, _MAX_DEPTH)
        del self.stack[level:], self.styles[level:]
        self.stack[-1].children.append(node)
        self.stack.append(node)
        self.styles.append(node.style)

    def add_label(self, label: Label) -> None:
        node = Node(label.start, label.end, "label:" + label.family, label=label)
        self.push(node, self._label_level(node))

    def add_marker(self, c: Candidate) -> None:
        if c.start < self.stack[-1].head_end:
            return  # another reading of a marker already taken here
        level = self._marker_level(c)
        if level is not None:
            self.push(Node(c.start, c.end, c.style, c.number, c.outline), level)
            if c.number is not None:
                self.last_seen[c.style] = c.number

    def _label_level(self, node: Node) -> int:
        """An open family closes back to its level; otherwise the label nests under the
        innermost unit that reads as a heading (`1.学生会主席团工作职责` → `学生会主席`),
        closing marked duties above it (`8、用数据说话！…` → `任职资格：`)."""
        opened = _open(self.styles, node.style)
        if opened:
            return opened[0]
        level = len(self.stack)
        while level > 1 and self.stack[level - 1].label is None:
            top = self.stack[level - 1]
            if heading_like(
                self._opening(top, top.children[0].start if top.children else node.start)
            ):
                break
            level -= 1
        return level

    def _opening(self, node: Node, end: int) -> str:
        """The first characters of a unit's content, enough to tell a heading."""
        return self.norm[node.head_end : min(end, node.head_end + _OPENING)]

    def _marker_level(self, c: Candidate) -> int | None:
        """Where an accepted candidate goes (stack index), or None to reject it."""
        stack, opened = self.stack, _open(self.styles, c.style)
        if c.number is None:  # a bullet
            if opened:
                return opened[0]
            return self._new_list_level(c) if self._trusted(c) or self.evidence(c) else None
        for i in opened:
            if (stack[i].number or 0) + 1 == c.number:
                return i  # continuity: the next sibling
        if c.quantity_like:
            return None
        trusted = self._trusted(c)
        if c.number == 1 or _first_outline(c):
            if not (trusted or self.evidence(c)):
                return None
            if opened and opened[0] == len(stack) - 1 and self._introduces(stack[-1], c):
                return len(stack)  # `1、客服部职责: 1、…`: a heading over its own items
            return opened[0] if opened else self._new_list_level(c)
        if not trusted:
            return None
        if opened:
            self.gaps.append(c)
            return opened[0]  # a lost number: 1、 … 3、
        lost = _open(self.styles, "lost")
        if lost:
            return lost[0]  # `、负责…` then `2、…`: the list whose first number was lost
        if self.last_seen.get(c.style, -1) + 1 == c.number or c.outline:
            return len(stack)  # 第三条 after 第二章 (articles count on); 2.2.2 under 2.2
        return _outermost_marker(stack)

    def _trusted(self, c: Candidate) -> bool:
        """A marker that needs no following number: a heading style not glued to text,
        or a list style at a line start or after a colon."""
        return (c.style in _STRONG and c.context is not Context.GLUED) or (
            c.style not in _NEEDS_CHAIN
            and (c.context is Context.LINE or _after_colon(self.norm, c.start))
        )

    def _introduces(self, top: Node, c: Candidate) -> bool:
        """`top` is a childless unit whose content announces a list: a title ending in
        a colon, or a short title with no full stop (`3、向主管汇报。1、…` restarts)."""
        if top.children:
            return False
        content = self.norm[max(top.head_end, c.start - _OPENING) : c.start].rstrip()
        if content.endswith(":"):
            return True
        return not content.endswith(("。", ";", ".", "!")) and heading_like(
            self._opening(top, c.start)
        )

    def _new_list_level(self, c: Candidate) -> int:
        """A new style nests under the unit on top, unless that unit is a duty sentence
        that neither reads as a heading nor ends in a colon: then it closes that unit."""
        top = self.stack[-1]
        if top.label is not None or top is self.stack[0] or top.children:
            return len(self.stack)
        ends_with_colon = (
            self.norm[max(top.head_end, c.start - _OPENING) : c.start].rstrip()[-1:] == ":"
        )
        heading = ends_with_colon or heading_like(self._opening(top, c.start))
        return len(self.stack) if heading else len(self.stack) - 1


def _after_colon(norm: str, start: int) -> bool:
    """`…如下: 一、院部` — a colon announces the list."""
    i = start - 1
    while i >= 0 and norm[i] == " ":
        i -= 1
    return i >= 0 and norm[i] == ":"


def _outermost_marker(stack: list[Node]) -> int:
    """A new style that starts at n > 1 lost its first siblings: it sits beside the
    outermost open list (`1．… 6．… 职责二 …`)."""
    return next((i for i, node in enumerate(stack) if i and node.label is None), len(stack))


def _first_outline(c: Candidate) -> bool:
    """`2.1` opens the children of `2.`, like a 1 opens a list."""
    return c.outline is not None and c.outline[-1] == 1


def _evidence_index(norm: str, cands: list[Candidate]) -> Callable[[Candidate], bool]:
    """Whether a list starts at a candidate inside a line: its next number follows
    (`1、…；2、…`), or it is a short heading over a sublist that does
    (`(一)内设管理机构 1.… 2.…` in a text cut before `(二)`)."""
    successor = _successor_index(cands)
    starts = [c.start for c in cands]

    def heads_sublist(c: Candidate) -> bool:
        child = _following(cands, starts, c)
        if child is None or child.style == c.style or child.number not in (None, 1):
            return False
        title = norm[c.end : child.start].strip()
        return 0 < len(title) <= _HEADING_MAX and heading_like(title) and successor(child)

    return lambda c: successor(c) or heads_sublist(c)


def _following(cands: list[Candidate], starts: list[int], c: Candidate) -> Candidate | None:
    """The candidate after `c` in `cands` (in text order, their `starts`)."""
    i = bisect_left(starts, c.start)
    while cands[i] is not c:
        i += 1
    return cands[i + 1] if i + 1 < len(cands) else None


def _successor_index(cands: list[Candidate]) -> Callable[[Candidate], bool]:
    """Whether a candidate's next number (n+1, same style) follows before a reset."""
    by_style: dict[str, list[Candidate]] = {}
    for c in cands:
        by_style.setdefault(c.style, []).append(c)
    starts = {style: [c.start for c in group] for style, group in by_style.items()}

    def has_successor(c: Candidate) -> bool:
        group = by_style[c.style]
        i = bisect_left(starts[c.style], c.start)
        while group[i] is not c:
            i += 1
        for later in group[i + 1 : i + 1 + _LOOKAHEAD_STEPS]:
            if later.start - c.start > _LOOKAHEAD_CHARS:
                return False
            if later.number is None or c.number is None:
                return later.number is None and c.number is None  # bullets: any repeat
            if later.number == c.number + 1:
                return True
            if later.number <= c.number:
                return False
        return False

    return has_successor
