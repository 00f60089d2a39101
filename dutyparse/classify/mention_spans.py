"""Where a duty names a role: the mention grammar, and a scan that tries it only where a
mention can begin. `mentions` reads the relation of each span found here.

On the matching form (`matchform.fold`), a mention is, in this order of preference:

- at a word boundary — the start of the text, after a character that is not Han, or
  after a breaker, a particle or verb that cannot be part of a name (`协助|行政人事主管`,
  `报|分公司经理`, `向|营业部领导`) — one of
  - a known role or a generic word (`mention_roles.txt`: `上级`), optionally after a
    unit (`营业部` + `总经理`, `分公司` + `经理`);
  - a stem of work words plus a title (`行政人事` + `主管`, `教学` + `主管`);
  - a stem plus a unit word (`技术服务` + `部`, `物业管理` + `处`);
- anywhere, a known role of three characters or more that ends like a role
  (`当日|收银员`).

Words are tried longest first. Scanned left to right, non-overlapping, this is the regex
`(?<=boundary)(?:…)|long_role` run by `finditer`; but trying that regex at every position
costs 5–10 µs a character, and most positions begin nothing. A mention always ends
with a *last word* (a known role, a generic word, a title or a unit word) and has at most
`_MAX_PIECES` pieces (work words, unit endings and openers) before it. So `spans` finds
the last words first, by the one character each ends with, walks back over pieces, and
tries the grammar only at the positions reached — with the same matches as `finditer`
(`tests/test_mentions.py` checks that over the corpora).

The grammar is compiled with the standard library's `re`, not `regex`: it needs nothing
`re` lacks (the boundary is checked in Python) and `re` tries its long alternations about
six times faster (3.5 µs against 22 µs for a match of `总经理`).

>>> text = "完成后报总经理审批，并协助行政主管工作。"
>>> [text[a:b] for a, b in spans(text, 0, len(text))]
['总经理', '行政主管']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from dutyparse.classify.alternation import alternation
from dutyparse.classify.canonical import surfaces
from dutyparse.classify.role_text import ends_like_role
from dutyparse.lexicons import lines, table

_HAN = regex.compile(r"\p{Han}+")
# What closes the name of a unit before a known role (`营业部` + 总经理, `分公司` + 经理),
# and the characters that make a unit of such an ending on their own (`分公司`, `总店`).
_UNIT_ENDINGS = ("部", "处", "科", "中心", "公司", "店", "车间")
_UNIT_OPENERS = ("分", "子", "总", "本")
# Pieces before a mention's last word, at most: a stem of three work words and a unit
# ending (`行政|人事|服务|部` + `经理`).
_MAX_PIECES = 4


def _words(words: Iterable[str]) -> str:
    """A group matching any of `words`, longest first (a trie: see `alternation`)."""
    return f"(?:{alternation(words)})"


@cache
def relation_words() -> tuple[str, ...]:
    """Every `before` word of the relation rules (`协助`, `分管`, `报`)."""
    rows = table("mention_relations.toml")["rule"]
    return tuple(sorted({word for row in rows for word in row.get("before", [])}))


@cache
def _work_words() -> tuple[str, ...]:
    """What roles in running text are built from: the stems of lexicon roles
    (`行政人事` of 行政人事主管, `客户服务` of 客户服务部) and their two-character pieces."""
    endings = (*lines("role_heads.txt"), *lines("role_titles.txt"), *lines("role_units.txt"))
    stems: set[str] = set()
    for name in surfaces():
        for ending in endings:
            if name.endswith(ending) and len(name) > len(ending):
                stem = name[: -len(ending)]
                stems.add(stem)
                stems.update(stem[i : i + 2] for i in range(0, len(stem) - 1, 2))
    return tuple(sorted(stem for stem in stems if _HAN.fullmatch(stem)))


@cache
def _long_roles() -> tuple[str, ...]:
    """Known roles of three characters or more that end like a role (`收银员`, `客服专员`):
    specific enough to be read without a word boundary before them (`当日|收银员`)."""
    return tuple(name for name in surfaces() if len(name) >= 3 and ends_like_role(name))


@cache
def _long_role_set() -> frozenset[str]:
    return frozenset(_long_roles())


@cache
def _endings() -> dict[str, str]:
    """What may follow a mention's last word, as pattern pieces."""
    # A unit word ends a word unless another word starts with it (`店长|处理`).
    ends_word = f"(?!{_words(lines('mention_unit_followers.txt'))})"
    return {
        "ends_word": ends_word,
        # A known role followed by a unit ending is part of the unit's name (`保安|部`),
        # unless the ending starts another word (`店长|处理`).
        "not_unit": f"(?!{_words(lines('role_units.txt'))}{ends_word})",
        # `部门` for `部`: `财务部门`.
        "men": "(?:(?<=部)门)?",
    }


@cache
def _at_boundary_grammar() -> re.Pattern[str]:
    """The mentions read only at a word boundary (module docstring, first list)."""
    end = _endings()
    # A stem built from role words (`行政人事`, `教学科研`), not opening with a verb
    # (`分管|秘书处`, `管理|促销员`: the verb's object is the role).
    stem = f"(?!{_words(relation_words())}){_words(_work_words())}{{1,3}}?"
    # A unit before a known role: `营业部` + 总经理, `分公司` + 经理.
    unit = f"(?:{stem}|{_words(_UNIT_OPENERS)}){_words(_UNIT_ENDINGS)}"
    known = f"{_words(surfaces())}{end['men']}{end['not_unit']}"
    return re.compile(
        f"(?:{unit})?(?:{known}|{_words(lines('mention_roles.txt'))})"
        f"|{stem}{_words(lines('role_titles.txt'))}"
        f"|{stem}{_words(lines('role_units.txt'))}{end['ends_word']}"
    )


@cache
def _anywhere_grammar() -> re.Pattern[str]:
    """The mentions read anywhere: a long known role (module docstring, last item)."""
    end = _endings()
    return re.compile(f"{_words(_long_roles())}{end['men']}{end['not_unit']}")


@dataclass(frozen=True, slots=True)
class _WordIndex:
    """A set of words, indexed by last character: which of them end at a position is read
    off the characters there."""

    words: frozenset[str]
    lengths: dict[str, tuple[int, ...]]  # last character → lengths of the words
    ends: re.Pattern[str]  # a last character, after a character that may precede it

    @classmethod
    def of(cls, words: Iterable[str]) -> _WordIndex:
        unique = frozenset(words)
        before: dict[str, set[str]] = {}  # last character → the characters before it
        for word in unique:
            before.setdefault(word[-1], set()).add(word[-2:-1])
        lengths = {ch: tuple(sorted({len(w) for w in unique if w[-1] == ch})) for ch in before}
        return cls(unique, lengths, re.compile("|".join(map(_ending, sorted(before.items())))))

    def starts(self, text: str, low: int, end: int) -> list[int]:
        """Starts, at `low` or later, of the words that end at `end` (> 0)."""
        return [
            end - n
            for n in self.lengths.get(text[end - 1], ())
            if end - n >= low and text[end - n : end] in self.words
        ]

    def all_before(self, text: str, low: int, ends: set[int]) -> set[int]:
        """Starts, at `low` or later, of the words that end at any of `ends`."""
        words, lengths, found = self.words, self.lengths, set()
        for end in ends:
            for n in lengths.get(text[end - 1], ()) if end > low else ():
                if end - n >= low and text[end - n : end] in words:
                    found.add(end - n)
        return found

    def occurrences(self, text: str, low: int, high: int) -> list[tuple[int, int]]:
        """Spans of the words that lie inside text[low:high]."""
        words, lengths, found = self.words, self.lengths, []
        for last in self.ends.finditer(text, low, high):
            end = last.end()
            for n in lengths[last.group()]:
                if end - n >= low and text[end - n : end] in words:
                    found.append((end - n, end))
        return found


def _ending(last: tuple[str, set[str]]) -> str:
    """A pattern for the last character of words, checking the one before it: `理(?<=[经管].)`;
    a bare `部` when the character is a word of its own."""
    char, before = last
    if "" in before:
        return re.escape(char)
    return re.escape(char) + "(?<=[" + "".join(map(re.escape, sorted(before))) + "].)"


@cache
def _breakers() -> _WordIndex:
    """Words a mention never starts inside: particles, verbs, relation words."""
    words = {*lines("mention_breakers.txt"), *lines("role_label_verbs.txt"), *relation_words()}
    return _WordIndex.of(words)


@cache
def _last_words() -> _WordIndex:
    """The words a mention ends with: a known role, a generic word, a title, a unit word."""
    generic, titles = lines("mention_roles.txt"), lines("role_titles.txt")
    return _WordIndex.of((*surfaces(), *generic, *titles, *lines("role_units.txt")))


@cache
def _pieces() -> _WordIndex:
    """What may stand before a mention's last word: work words, unit endings and openers."""
    return _WordIndex.of((*_work_words(), *_UNIT_ENDINGS, *_UNIT_OPENERS))


def _starts(folded: str, start: int, end: int) -> tuple[list[int], set[int]]:
    """Where in folded[start:end] a mention may begin: where a last word begins, or up to
    `_MAX_PIECES` pieces before that (a superset of where one does begin); and, of
    those, where a long role begins (the only places `_anywhere_grammar` can match)."""
    words = _last_words().occurrences(folded, start, end)
    long_roles = _long_role_set()
    long_starts = {at for at, stop in words if folded[at:stop] in long_roles}
    heads = {at for at, _ in words}
    found = set(heads)
    pieces = _pieces()
    for _ in range(_MAX_PIECES):
        # A position reached before was reached with more pieces left: not again.
        heads = pieces.all_before(folded, start, heads) - found
        if not heads:
            break
        found |= heads
    return sorted(found), long_starts


def _at_boundary(folded: str, at: int) -> bool:
    """The start of the text, after a character that is not Han, or after a breaker."""
    if at == 0:
        return True
    return not _is_han(folded[at - 1]) or bool(_breakers().starts(folded, 0, at))


@lru_cache(maxsize=1 << 14)
def _is_han(char: str) -> bool:
    """`\\p{Han}`, once per character."""
    return _HAN.match(char) is not None


def spans(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the mentions in folded[start:end], left to right, non-overlapping; the
    text outside the window is seen as a regex lookbehind would see it."""
    found: list[tuple[int, int]] = []
    starts, long_starts = _starts(folded, start, end)
    bounded, anywhere = _at_boundary_grammar(), _anywhere_grammar()
    for at in starts:
        if found and at < found[-1][1]:
            continue  # inside the mention before
        match = bounded.match(folded, at, end) if _at_boundary(folded, at) else None
        if match is None and at in long_starts:
            match = anywhere.match(folded, at, end)
        if match:
            found.append(match.span())
    return found
