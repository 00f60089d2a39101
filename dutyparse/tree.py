"""Marker candidates and labels → a tree of units (SPEC §2), adaptively nested.

One pass over the events in text order with a stack of open units:
- a style already open closes back to its level (`二、` after `1、 2、` under `一、`);
- a new style nests under the unit on top of the stack;
- number continuity (n → n+1 within one style) is the evidence that lets a marker
  stand inside a line (`…；2、负责…`) or glued to text (`…经验4.熟悉`);
- a list that starts inside a line must show its second number soon after;
- labels (`岗位职责：`) nest by family the same way.

>>> root = build("岗位职责：1、负责；2、协助", *_events("岗位职责：1、负责；2、协助"))
>>> [(n.style, n.number) for n in root.children[0].children]
[('arabic', 1), ('arabic', 2)]
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from dutyparse.labels import Label, find_labels, heading_like
from dutyparse.markers import Candidate, Context, find_candidates

_LOOKAHEAD_CHARS = 5000  # how far a list's second number may stand from its first
_LOOKAHEAD_STEPS = 60


@dataclass(eq=False)
class Node:
    """A unit: a marker or a label and, until the next unit, its content."""

    start: int
    head_end: int
    style: str
    number: int | None = None
    outline: tuple[int, ...] | None = None
    label: Label | None = None
    children: list[Node] = field(default_factory=list)

    def add(self, child: Node) -> Node:
        self.children.append(child)
        return child


def _events(norm: str) -> tuple[list[Candidate], list[Label]]:
    """Candidates and labels of a normalised text (doctest helper)."""
    cands = find_candidates(norm)
    return cands, find_labels(norm, cands)


def build(norm: str, cands: list[Candidate], labels: list[Label]) -> Node:
    """The unit tree: a root holding every accepted unit, nested."""
    root = Node(0, 0, "root")
    stack = [root]
    successor = _successor_index(cands)
    for event in _merge(cands, labels):
        if isinstance(event, Label):
            node = Node(event.start, event.end, "label:" + event.family, label=event)
            _place(stack, node, _level_for_label(norm, stack, node))
        else:
            _place_marker(stack, event, successor)
    return root


def _merge(cands: list[Candidate], labels: list[Label]) -> list[Candidate | Label]:
    """Events in text order; candidates inside a label are dropped."""
    spans = [(label.start, label.end) for label in labels]
    starts = [s for s, _e in spans]

    def inside_label(c: Candidate) -> bool:
        i = bisect_left(starts, c.start + 1) - 1
        return i >= 0 and spans[i][0] <= c.start < spans[i][1]

    events: list[Candidate | Label] = [c for c in cands if not inside_label(c)]
    events += labels
    return sorted(events, key=lambda e: e.start)


def _open(stack: list[Node], style: str) -> list[int]:
    """Stack indices holding `style`, deepest first."""
    return [i for i in range(len(stack) - 1, 0, -1) if stack[i].style == style]


def _place(stack: list[Node], node: Node, level: int | None = None) -> None:
    """Close the stack back to `level` (or to an open unit of the node's style) and push."""
    if level is None:
        opened = _open(stack, node.style)
        level = opened[0] if opened else len(stack)
    del stack[level:]
    stack.append(stack[-1].add(node))


def _place_marker(stack: list[Node], c: Candidate, successor: Callable[[Candidate], bool]) -> None:
    level = _level_for(stack, c, successor)
    if level is not None:
        _place(stack, Node(c.start, c.end, c.style, c.number, c.outline), level)


def _level_for_label(norm: str, stack: list[Node], node: Node) -> int:
    """An open family closes back to its level; otherwise the label nests under the
    innermost unit that reads as a heading (`1.学生会主席团工作职责` → `学生会主席`),
    closing marked duties above it (`8、用数据说话！…` → `任职资格：`)."""
    opened = _open(stack, node.style)
    if opened:
        return opened[0]
    level = len(stack)
    while level > 1 and stack[level - 1].label is None:
        top = stack[level - 1]
        if heading_like(norm[top.head_end : (top.children[0].start if top.children else node.start)]):
            break
        level -= 1
    return level


# Styles that are markers wherever they stand (`…如下: 第三条 …`).
_STRONG = frozenset({"chapter", "part", "section", "article", "duty"})
# Styles too easily confused with text to trust without a following number.
_NEEDS_CHAIN = frozenset({"arabic_space"})


def _level_for(stack: list[Node], c: Candidate, successor: Callable[[Candidate], bool]) -> int | None:
    """Where an accepted candidate goes (stack index), or None to reject it."""
    opened = _open(stack, c.style)
    trusted = c.style in _STRONG or (c.context is Context.LINE and c.style not in _NEEDS_CHAIN)
    if not c.ordered:  # a bullet
        if opened:
            return opened[0]
        return len(stack) if trusted or successor(c) else None
    for i in opened:
        if stack[i].number is not None and stack[i].number + 1 == c.number:
            return i  # continuity: the next sibling
    if c.number == 1 or _first_outline(c):
        if not (trusted or successor(c)):
            return None
        if opened and opened[0] == len(stack) - 1 and not stack[-1].children:
            return len(stack)  # `1、` heading directly followed by `1、` items
        return opened[0] if opened else len(stack)
    if not trusted:
        return None
    return opened[0] if opened else _outermost_marker(stack)


def _outermost_marker(stack: list[Node]) -> int:
    """A new style that starts at n > 1 lost its first siblings: it sits beside the
    outermost open list (`1．… 6．… 职责二 …`)."""
    return next((i for i, node in enumerate(stack) if i and node.label is None), len(stack))


def _first_outline(c: Candidate) -> bool:
    """`2.1` opens the children of `2.`, like a 1 opens a list."""
    return c.outline is not None and c.outline[-1] == 1


def _successor_index(cands: list[Candidate]) -> Callable[[Candidate], bool]:
    """Whether a candidate's next number (n+1, same style) follows before a reset."""
    by_style: dict[str, list[Candidate]] = {}
    for c in cands:
        by_style.setdefault(c.style, []).append(c)
    position = {id(c): i for group in by_style.values() for i, c in enumerate(group)}

    def has_successor(c: Candidate) -> bool:
        group = by_style[c.style]
        for later in group[position[id(c)] + 1 : position[id(c)] + 1 + _LOOKAHEAD_STEPS]:
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
