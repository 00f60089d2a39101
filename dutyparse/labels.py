"""Unmarked label lines that open sections (SPEC §2): `岗位职责：`, `【任职要求】`,
`工作内容及流程`, `项目经理岗位描述` above a list.

Labels nest like markers do, by family: `cue` (a generic section name from
`lexicons/section_labels.txt`), `line` (another short line heading a list), `named`
(a short name inside a line, right before a list), `suffix` (a run inside a line that
ends like a heading, `…岗位职责`) and `bracket` (`【活动前】`). A family already open
closes back to its level; a new one nests.

>>> [(l.family, l.title) for l in find_labels("岗位职责:1、负责;任职要求:1、熟悉", [])]
[('cue', '岗位职责'), ('cue', '任职要求')]
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from operator import methodcaller
from typing import Any

from dutyparse.lexicons import lines
from dutyparse.markers import Candidate, Context, context_at
from dutyparse.pattern_cache import compiled
from dutyparse.textclean import CLAUSE, line_spans

# What `re` reads as \s in normalised text: spaces, line breaks and the separators
# U+001C–U+001F (every other space folds to ` `).
_BREAKS = " \n\x1c\x1d\x1e\x1f"
_NAMED_MAX = 30
_BRACKET_MAX = 20
_SUFFIX_NAMED_MAX = 16
_FIRST_PHRASE = re.compile(rf"\s*[^\s:]{{1,{_NAMED_MAX}}}(?::|\s|$)")
_HAN = compiled(r"\p{Han}")
_BRACKET = re.compile(rf"【[ ]*(?P<title>[^【】\n]{{1,{_BRACKET_MAX}}}?)[ ]*】[ ]*:?")
_BRACKET_LINE = re.compile(r"【.*】[ ]*:?")


@dataclass(frozen=True, slots=True)
class Label:
    """A section label at `start:end`; `title` is its normalised text, colon dropped."""

    start: int
    end: int
    family: str
    title: str


@cache
def _cues() -> frozenset[str]:
    return frozenset(lines("section_labels.txt"))


@cache
def _inline_cue() -> re.Pattern[str]:
    """A cue word then a colon, anywhere: `…经验；任职要求：1、`."""
    return re.compile(
        rf"(?P<title>{_trie(_cues())})[ ]*(?:\([一二三四五六七八九十]\))?[ ]*(?::|(?=[0-9(①]))"
    )


def _trie(words: Iterable[str]) -> str:
    """An alternation of `words` written as a trie, longer words first where one
    continues another: what the longest-first alternation matches, but `re` tries one
    branch per character instead of every word.

    >>> _trie(["工作", "工作内容", "岗位职责"])
    '(?:岗位职责|工作(?:内容)?)'
    """
    tree: dict[str, dict[str, Any]] = {}
    for word in sorted(words):
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie_node(tree)


def _trie_node(node: dict[str, dict[str, Any]]) -> str:
    branches = [re.escape(ch) + _trie_node(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and "" not in node else f"(?:{'|'.join(branches)})"
    return f"{body}?" if "" in node else body


def _squeeze(text: str) -> str:
    return "".join(text.split())


def is_cue_label(line: str) -> bool:
    """A line that is only a generic section name.

    >>> is_cue_label("【任职要求】"), is_cue_label("职 责 描 述:"), is_cue_label("负责岗位职责")
    (True, True, False)
    """
    return _squeeze(line).strip("【】[]:") in _cues()


def heading_like(content: str) -> bool:
    """Whether a marked unit's content opens with a title rather than a duty sentence:
    its first space-free phrase is short and has no clause punctuation.

    >>> heading_like("对客户进行不定期回访 客户的需求…"), heading_like("用数据说话!负责…")
    (True, False)
    """
    phrase = _FIRST_PHRASE.match(content)
    return phrase is not None and not CLAUSE.search(phrase.group().rstrip(":"))


def cue_label_at(norm: str, pos: int) -> bool:
    """A cue word with its colon, or a `【…】` label, starts at `pos`."""
    return bool(_inline_cue().match(norm, pos) or _BRACKET.match(norm, pos))


def find_labels(norm: str, cands: list[Candidate]) -> list[Label]:
    """Labels of normalised text in order (`cands` in text order too); overlapping
    finds keep the earliest."""
    marked = _Marked(cands)
    found = _line_labels(norm, marked) + _inline_labels(norm, marked) + _bracket_labels(norm)
    found += _inline_named(norm, marked) + _suffix_named(norm, marked) + _standalone_cues(norm)
    found.sort(key=lambda label: (label.start, -label.end))
    marker_ends = {c.end for c in cands}
    kept: list[Label] = []
    for label in found:
        if _after_marker(norm, label.start, marker_ends):
            continue  # `1. 岗位职责 ①…`: the words are the marker's own title
        if not kept or label.start >= kept[-1].end:
            kept.append(label)
    return kept


class _Marked:
    """The candidates (in text order) as the label rules ask about them."""

    def __init__(self, cands: list[Candidate]) -> None:
        self.cands = cands
        self.starts = [c.start for c in cands]
        self.at = {c.start: c for c in cands}  # the last candidate at each start

    def inside(self, start: int, end: int) -> bool:
        """A candidate starts in `start:end`."""
        i = bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < end

    def before(self, c: Candidate) -> Candidate | None:
        """The candidate before `c`, the last one at its start."""
        i = bisect_right(self.starts, c.start) - 1
        return self.cands[i - 1] if i > 0 else None


def _after_marker(norm: str, pos: int, marker_ends: set[int]) -> bool:
    """`pos` is the first non-space after the end of a marker."""
    if norm[pos : pos + 1] == " ":
        return False
    while True:
        if pos in marker_ends:
            return True
        if pos == 0 or norm[pos - 1] != " ":
            return False
        pos -= 1


def _line_labels(norm: str, marked: _Marked) -> list[Label]:
    """Whole lines: a cue word alone, or a short name line heading a fresh list."""
    starts = marked.at
    spans = line_spans(norm)
    found = []
    cues = _cues()
    for i, (start, end) in enumerate(spans):
        if start in starts:
            continue
        line = norm[start:end]
        if line[0] == "【" and _BRACKET_LINE.fullmatch(line):
            continue
        squeezed = _squeeze(line)
        if squeezed.strip("【】[]:") in cues:  # `is_cue_label`
            found.append(Label(start, end, "cue", squeezed.rstrip(":")))
        elif i + 1 < len(spans) and _heads_list(
            line, starts.get(spans[i + 1][0]), norm, spans[i + 1]
        ):
            found.append(Label(start, end, "line", squeezed.rstrip(":")))
    return found


def _heads_list(line: str, next_marker: Candidate | None, norm: str, nxt: tuple[int, int]) -> bool:
    """A short clause-free line whose next line starts a list (or is a cue label);
    not a form field (`直接上级:财务经理`)."""
    if len(line) > _NAMED_MAX or len(_squeeze(line)) < 2 or CLAUSE.search(line):
        return False
    if ":" in line.rstrip(":"):
        return False
    if next_marker is None:
        return is_cue_label(norm[nxt[0] : nxt[1]])
    return next_marker.number in (None, 1)


def _inline_labels(norm: str, marked: _Marked) -> list[Label]:
    """Cue word + colon inside a line: at a clause boundary; glued to non-Chinese text
    before a marker (`…熟悉gulp任职要求：1、`); or glued to any text when the marker
    after it restarts a running list (`…；2、协助主管任职要求：1、本科`). Not
    `(一)分管领导主要工作职责: 1、`, where the words are the heading's own."""
    found = []
    for match in _inline_cue().finditer(norm):
        marker = marked.at.get(_past_spaces(norm, match.end()))
        if not (match.group().endswith(":") or marker):
            continue
        glued_ok = marker is not None and (
            not _HAN.match(norm, match.start() - 1) or _restarts(marked.before(marker), marker)
        )
        if _boundary(norm, match.start()) or glued_ok:
            found.append(Label(match.start(), match.end(), "cue", match.group("title")))
    return found


def _restarts(previous: Candidate | None, marker: Candidate) -> bool:
    """`marker` is a 1 right after a sibling of its own style that counted past 1
    (`2、协助主管任职要求：1、`), not the first child of a heading (`A、…职责: 1、`)."""
    return (
        marker.number == 1
        and previous is not None
        and previous.style == marker.style
        and (previous.number or 0) > 1
    )


def _inline_named(norm: str, marked: _Marked) -> list[Label]:
    """A short name between a clause end and a fresh list: `…归档。 回访内容: 1.…`."""
    found = []
    for c in marked.cands:
        if c.number not in (None, 1) or c.context is Context.GLUED:
            continue
        span = _word_before(norm, c.start)
        if span is None or marked.inside(*span):
            continue
        title = norm[span[0] : span[1]].rstrip(":")
        colon = title != norm[span[0] : span[1]]  # `学生会主席:(1)…` needs only a space before
        if not (
            _opens_clause(norm, span[0])
            or (colon and context_at(norm, span[0]) is not Context.GLUED)
        ):
            continue
        if 2 <= len(title) <= _NAMED_MAX and not CLAUSE.search(title) and _HAN.search(title):
            found.append(Label(span[0], span[1], "named", title))
    return found


def _suffix_named(norm: str, marked: _Marked) -> list[Label]:
    """A short run ending like a heading (`…岗位职责`, `…流程`) between a clause end
    and more text: `…必要条件. 总经理助理岗位职责 负责…`."""
    found = []
    for match in _suffix_run().finditer(norm):
        span, title = match.span("title"), match.group("title")
        if marked.inside(span[0] - 1, match.end("name")):
            continue
        soft = context_at(norm, span[0]) is not Context.GLUED
        if not (_opens_clause(norm, span[0]) or (match.group("colon") and soft)):
            continue
        if not title.startswith(_duty_verbs()) and not CLAUSE.search(title):
            found.append(Label(span[0], match.end("colon"), "suffix", title))
    return found


@cache
def _suffix_run() -> _AfterBreak:
    """A space-free run after a space or a line break, ending in a heading suffix."""
    ends = _trie(lines("heading_suffixes.txt"))
    return _AfterBreak(
        _BREAKS,
        rf"(?P<title>(?P<name>[^\s]{{1,{_SUFFIX_NAMED_MAX}}}?(?:{ends}))"
        rf"(?:\([一二三四五六七八九十]\))?)"
        rf"(?P<colon>:?)(?=\s|[0-9(①])",
    )


class _AfterBreak:
    """A pattern that starts the text or follows one of the `before` characters. Each
    character opens a pattern of its own, as a literal, which `re` skips to at memory
    speed (looking behind, or a class, is 3-5x slower). A body holds no `before`
    character, so matches never overlap and the patterns' finds merge in text order.

    >>> [m.group("w") for m in _AfterBreak(" -", "(?P<w>[a-z]+)").finditer("ab cd-ef gh")]
    ['ab', 'cd', 'ef', 'gh']
    """

    def __init__(self, before: str, body: str) -> None:
        self.at_start = re.compile(body)
        self.after = [re.compile(f"{re.escape(ch)}(?:{body})") for ch in before]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        first = self.at_start.match(text)
        if first:
            yield first
        pos = first.end() if first else 0
        finds = itertools.chain.from_iterable(p.finditer(text, pos) for p in self.after)
        yield from sorted(finds, key=methodcaller("start"))


@cache
def _duty_verbs() -> tuple[str, ...]:
    return lines("duty_verbs.txt")


def _past_spaces(norm: str, pos: int) -> int:
    """The first position at or after `pos` that is not a space."""
    while pos < len(norm) and norm[pos] == " ":
        pos += 1
    return pos


def _word_before(norm: str, pos: int) -> tuple[int, int] | None:
    """The space-free run that ends at `pos` after spaces or with a colon: `回访内容: `."""
    end = pos
    while end > 0 and norm[end - 1] == " ":
        end -= 1
    if end == pos and norm[end - 1 : end] != ":":
        return None
    if end == 0 or norm[end - 1].isspace():
        return None
    # the run back to a whitespace, of at most _NAMED_MAX + 1 characters
    run = norm[max(0, end - _NAMED_MAX - 1) : end].rsplit(None, 1)[-1]
    return end - len(run), end


def _opens_clause(norm: str, start: int) -> bool:
    """`start` begins a line, or follows spaces after a finished clause."""
    context = context_at(norm, start)
    if context is Context.LINE:
        return True
    i = start - 1
    while i >= 0 and norm[i].isspace():
        i -= 1
    return i < start - 1 and (i < 0 or norm[i] in "。.;!:)")  # not `?`: a lost bullet


def _standalone_cues(norm: str) -> list[Label]:
    """A cue word standing alone between spaces: `…稿) 部门建制 根据…`."""
    found = []
    for match in _cue_run().finditer(norm):
        found.append(Label(match.start("title"), match.end(), "cue", match.group("title")))
    return found


@cache
def _cue_run() -> _AfterBreak:
    return _AfterBreak(" \n", rf"(?P<title>{_trie(_cues())})(?=[ ]+[^\s])")


def _bracket_labels(norm: str) -> list[Label]:
    """`【活动前】` at a line start or after a space or clause end; `【任职要求】`, a
    generic section name in brackets, anywhere (`…负责回访【任职要求】1、…`)."""
    found = []
    for match in _BRACKET.finditer(norm):
        title = _squeeze(match.group("title"))
        cue = title in _cues()
        if cue or _boundary(norm, match.start()):
            found.append(Label(match.start(), match.end(), "cue" if cue else "bracket", title))
    return found


def _boundary(norm: str, start: int) -> bool:
    return context_at(norm, start) is not Context.GLUED
