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
`_MAX_PIECES` pieces (work words, unit endings and openers) before it. So the scan finds
the last words first, by the one character each ends with, walks back over pieces, and
tries the grammar only at the positions reached — with the same matches as `finditer`
(`tests/test_mentions.py` checks that over the corpora).

A document is read for last words once, whole (`LastWords.of`); each window of it (an
item) takes the ones that lie inside it (`LastWords.spans`), instead of scanning again.
Two things the grammar would reject are not tried at all: a bare unit word before a
word it begins (`部|门`, `处|理`: no last word), and the branches that open with pieces
where no piece leads on to a last word (`_named_grammars`).

The grammar is compiled with the standard library's `re`, not `regex`: it needs nothing
`re` lacks (the boundary is checked in Python) and `re` tries its long alternations about
six times faster (3.5 µs against 22 µs for a match of `总经理`).

>>> text = "完成后报总经理审批，并协助行政主管工作。"
>>> [text[a:b] for a, b in spans(text, 0, len(text))]
['总经理', '行政主管']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import NamedTuple

from dutyparse.classify.alternation import alternation
from dutyparse.classify.canonical import surfaces
from dutyparse.classify.role_text import ends_like_role
from dutyparse.lexicons import lines, table
from dutyparse.pattern_cache import compiled

_HAN = compiled(r"\p{Han}+")
# What closes the name of a unit before a known role (`营业部` + 总经理, `分公司` + 经理),
# and the characters that make a unit of such an ending on their own (`分公司`, `总店`).
_UNIT_ENDINGS = ("部", "处", "科", "中心", "公司", "店", "车间")
_UNIT_OPENERS = ("分", "子", "总", "本")
# Word lists this long or longer are matched after a check of their first characters.
_FIRST_CHECK_MIN = 32
# Pieces before a mention's last word, at most: a stem of three work words and a unit
# ending (`行政|人事|服务|部` + `经理`).
_MAX_PIECES = 4
# The last words that end at one position: the lengths of all, of the bare units, of the
# long roles, and of all but the bare units.
_Ending = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def _words(words: Iterable[str]) -> str:
    """A group matching any of `words`, longest first (a trie: see `alternation`). A long
    list (`_FIRST_CHECK_MIN` words or more) comes after a check of the first character,
    which turns most places away at once: `re` would try the trie's branches one by one.
    A short list goes without: its few branches are tried as fast, and a set of Han
    characters costs `re` ~0.2 ms to compile.

    >>> _words(["总监", "经理"])
    '(?:总监|经理)'
    """
    words = [word for word in words if word]
    if len(words) < _FIRST_CHECK_MIN:
        return f"(?:{alternation(words)})"
    firsts = "".join(sorted({re.escape(word[0]) for word in words}))
    return f"(?=[{firsts}])(?:{alternation(words)})"


@cache
def relation_words() -> tuple[str, ...]:
    """Every `before` word of the relation rules (`协助`, `分管`, `报`)."""
    rows = table("mention_relations.toml")["rule"]
    return tuple(sorted({word for row in rows for word in row.get("before", [])}))


@cache
def _work_words() -> tuple[str, ...]:
    """What roles in running text are built from: the stems of lexicon roles
    (`行政人事` of 行政人事主管, `客户服务` of 客户服务部) and their two-character pieces."""
    endings = {*lines("role_heads.txt"), *lines("role_titles.txt"), *lines("role_units.txt")}
    longest = max(map(len, endings))
    stems: set[str] = set()
    for name in surfaces():
        # Each ending the name has, shorter than the name: looked up by length.
        for n in range(1, min(longest, len(name) - 1) + 1):
            if name[-n:] in endings:
                stem = name[:-n]
                stems.add(stem)
                stems.update(stem[i : i + 2] for i in range(0, len(stem) - 1, 2))
    return tuple(sorted(stem for stem in stems if _HAN.fullmatch(stem)))


@cache
def _long_roles() -> frozenset[str]:
    """Known roles of three characters or more that end like a role (`收银员`, `客服专员`):
    specific enough to be read without a word boundary before them (`当日|收银员`)."""
    return frozenset(name for name in surfaces() if len(name) >= 3 and ends_like_role(name))


class _Starts(NamedTuple):
    """The long roles, indexed by first character: which of them start at a position is
    read off the characters there."""

    words: frozenset[str]
    lengths: dict[str, tuple[int, ...]]  # first character → lengths of the words, longest first


@cache
def _long_role_index() -> _Starts:
    lengths: dict[str, set[int]] = {}
    for word in _long_roles():
        lengths.setdefault(word[0], set()).add(len(word))
    longest_first = {ch: tuple(sorted(ns, reverse=True)) for ch, ns in lengths.items()}
    return _Starts(_long_roles(), longest_first)


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
    """The mentions read only at a word boundary (module docstring, first list): in this
    order of preference (the pieces are `_boundary_pieces`),

        stem unit_ending named | opener unit_ending named | named
        | stem title | stem unit_word

    The stem and `named` are long (tries of ~500 and ~700 words), and `re` compiles a
    pattern in time proportional to its length; so each is written once. An empty group
    marks the branch being tried (`unit`, `opened`, `title`, `unit_word`), and the
    conditionals after it pick that branch's pieces. The engine takes the next branch
    only once every way through the one before has failed, so matches are those of the
    alternation above (`tests/test_mentions.py` checks this against it).
    """
    p = _boundary_pieces()
    return re.compile(
        "(?:(?P<unit>)|(?P<opened>)|(?P<title>)|(?P<unit_word>))"
        f"(?(opened)(?:{p['opener']}{p['unit_ending']})?"
        f"|{p['stem']}(?(unit){p['unit_ending']}|(?(title){p['title']}|{p['unit_word']})))"
        f"(?(title)|(?(unit_word)|{p['named']}))"
    )


@cache
def _boundary_pieces() -> dict[str, str]:
    """The pieces of `_at_boundary_grammar`, as patterns."""
    # A stem built from role words (`行政人事`, `教学科研`), not opening with a verb
    # (`分管|秘书处`, `管理|促销员`: the verb's object is the role). Only verbs opening
    # like a work word need the check (`管理`, not `协助`): no stem starts with the others.
    firsts = {word[0] for word in _work_words()}
    verbs = [word for word in relation_words() if word[0] in firsts]
    return {
        "stem": f"(?!{_words(verbs)}){_words(_work_words())}{{1,3}}?",
        # A unit before a known role: `营业部` + 总经理, `分公司` + 经理.
        "opener": _words(_UNIT_OPENERS),
        "unit_ending": _words(_UNIT_ENDINGS),
        "named": _named(),
        "title": _words(lines("role_titles.txt")),
        "unit_word": f"{_words(lines('role_units.txt'))}{_endings()['ends_word']}",
    }


class _NamedGrammars(dict[str, re.Pattern[str] | None]):
    """`_at_boundary_grammar` where no piece leads on to a last word: a known role or a
    generic word alone (each other branch opens with pieces and ends with a last word);
    by the character the words start with, each compiled when first asked for (None
    where no word starts with it). `re` compiles in time proportional to a pattern's
    length, and a document meets a few of the ~180 first characters."""

    def __missing__(self, first: str) -> re.Pattern[str] | None:
        grammar = self[first] = _named_starting(first)
        return grammar


@cache
def _named_grammars() -> _NamedGrammars:
    return _NamedGrammars()


def _named_starting(first: str) -> re.Pattern[str] | None:
    """`_named`, for the words that start with `first`.

    >>> _named_starting("总").match("总经理审批").group(), _named_starting("x")
    ('总经理', None)
    """
    known, generic = (words.get(first) for words in _named_words())
    branches = [f"(?:{alternation(known)}){_role_end()}"] if known else []
    branches += [f"(?:{alternation(generic)})"] if generic else []
    return re.compile("|".join(branches)) if branches else None


@cache
def _named_words() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The known roles and the generic words, by first character."""
    known: dict[str, list[str]] = {}
    generic: dict[str, list[str]] = {}
    for words, by_first in ((surfaces(), known), (lines("mention_roles.txt"), generic)):
        for word in words:
            by_first.setdefault(word[0], []).append(word)
    return known, generic


def _named() -> str:
    """A known role or a generic word (`总经理`, `财务部门`, `上级`)."""
    known = f"{_words(surfaces())}{_role_end()}"
    return f"(?:{known}|{_words(lines('mention_roles.txt'))})"


def _role_end() -> str:
    """What may follow a known role: `门` after `部` (`财务部门`), no unit ending."""
    end = _endings()
    return f"{end['men']}{end['not_unit']}"


def _anywhere() -> str:
    """The mentions read anywhere: a long known role (module docstring, last item).
    `_long_role_end` reads them without compiling this pattern (and as it would)."""
    return f"{_words(_long_roles())}{_role_end()}"


@cache
def _role_end_grammar() -> re.Pattern[str]:
    """`_role_end` on its own, tried where a long role ends (`_long_role_end`)."""
    return re.compile(_role_end())


def _long_role_end(folded: str, at: int, end: int) -> int | None:
    """Where the mention read anywhere at `at` ends, up to `end` (`_anywhere`): the longest
    long role there that `_role_end` may follow, or None.

    >>> _long_role_end("当日收银员", 2, 5), _long_role_end("保安员部", 0, 4)  # 保安部: a unit
    (5, None)
    """
    roles, role_end = _long_role_index(), _role_end_grammar().match
    for n in roles.lengths.get(folded[at], ()):
        if at + n <= end and folded[at : at + n] in roles.words:
            found = role_end(folded, at + n, end)
            if found:
                return found.end()
    return None


class _WordIndex(NamedTuple):
    """A set of words, indexed by last character: which of them end at a position is read
    off the characters there."""

    words: frozenset[str]
    lengths: dict[str, tuple[int, ...]]  # last character → lengths of the words
    sizes: tuple[int, ...]  # lengths of the words, shortest first

    @classmethod
    def of(cls, words: Iterable[str]) -> _WordIndex:
        unique = frozenset(words)
        lengths: dict[str, set[int]] = {}
        for word in unique:
            lengths.setdefault(word[-1], set()).add(len(word))
        sizes = tuple(sorted({len(word) for word in unique}))
        return cls(unique, {ch: tuple(sorted(ns)) for ch, ns in lengths.items()}, sizes)

    def ends_at(self, text: str, low: int, end: int) -> bool:
        """Whether one of the words ends at `end` (> 0) and starts at `low` or later."""
        words = self.words
        for n in self.lengths.get(text[end - 1], ()):
            if end - n >= low and text[end - n : end] in words:
                return True
        return False


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
def _last_word_scan() -> tuple[re.Pattern[str], dict[str, _Ending]]:
    """A pattern for the text reversed, and what each of its matches means.

    Reversed, a word that *ends* at a position *starts* at its mirror; the pattern stops
    at each character that may end a last word (`[…]`, scanned fast), steps back over it
    and captures the longest last word starting there (`理经总` for 总经理), by a trie
    lookahead, so overlapping words are all seen; where the character before is no
    longer word's last but one, only the one-character words are tried. The words
    ending at that position are that word's suffixes that are last words (经理, 总经理),
    as the table gives them.
    """
    words = _last_words().words
    ends = "".join(sorted({re.escape(word[-1]) for word in words}))
    seconds = "".join(sorted({re.escape(word[-2]) for word in words if len(word) > 1}))
    trie = alternation(word[::-1] for word in words)
    longest = [f"(?=.[{seconds}])(?:{trie})"] if seconds else []
    alone = [re.escape(word) for word in sorted(words) if len(word) == 1]
    scan = f"[{ends}](?<=(?=({'|'.join(longest + alone)})).)"
    return re.compile(scan), _EndingTable()


class _EndingTable(dict[str, _Ending]):
    """A last word reversed (what the scan captures) → its `_ending`, made when the scan
    first meets it: a document holds few of the lexicon's words."""

    def __missing__(self, reverse: str) -> _Ending:
        ending = self[reverse] = _ending(reverse[::-1])
        return ending


def _ending(word: str) -> _Ending:
    """The lengths of the last words that are suffixes of `word`: of all, of the bare
    units (`_bare_units`), of the long roles, and of all but the bare units."""
    suffixes = [word[-n:] for n in range(1, len(word) + 1)]
    last_words, units, long_roles = _last_words().words, _bare_units(), _long_roles()
    return (
        tuple(len(w) for w in suffixes if w in last_words),
        tuple(len(w) for w in suffixes if w in units),
        tuple(len(w) for w in suffixes if w in long_roles),
        tuple(len(w) for w in suffixes if w in last_words and w not in units),
    )


@cache
def _bare_units() -> frozenset[str]:
    """Unit words that are last words only as units (`部`, `处`; not `办公室`, a known
    role): a mention ends with one only where no follower comes after it (`ends_word`),
    so where one does (`部|门`, `处|理`, `组|织`) it is no last word."""
    others = {*surfaces(), *lines("mention_roles.txt"), *lines("role_titles.txt")}
    return frozenset(lines("role_units.txt")) - others


@cache
def _followers() -> _WordIndex:
    """What follows a unit word that is part of another word (`部|门`, `处|理`)."""
    return _WordIndex.of(lines("mention_unit_followers.txt"))


@cache
def _follower_chars() -> frozenset[str]:
    """The characters of followers: one stands right after a window where a bare unit's
    follower runs past the window's end (`…部` + `门…`)."""
    return frozenset("".join(_followers().words))


@cache
def _follower() -> re.Pattern[str]:
    """A follower, the shortest first (so the one that fits a window if any does)."""
    words = sorted(_followers().words, key=lambda word: (len(word), word))
    return re.compile("|".join(map(re.escape, words)))


@cache
def _pieces() -> _WordIndex:
    """What may stand before a mention's last word: work words, unit endings and openers."""
    return _WordIndex.of((*_work_words(), *_UNIT_ENDINGS, *_UNIT_OPENERS))


class LastWords(NamedTuple):
    """The last words of mentions in a whole folded text, found in one pass: each window
    of it (an item) takes its own from here (`spans`) instead of scanning again.

    A bare unit word before a follower (`部|门`) is set apart (`followed`): it is a last
    word only in a window that ends before the follower does.

    >>> found = LastWords.of("报总经理审批，管理部门")
    >>> found.ends, found.lengths, found.long_roles, found.followed
    ([4, 10], [(2, 3), ()], {1: 4}, {10: ((1,), 11)})
    """

    folded: str
    reverse: str  # folded[::-1], which the scan reads (and relations, `mentions`)
    ends: list[int]  # where last words end, ascending
    lengths: list[tuple[int, ...]]  # for each end, the lengths of the words ending there
    long_roles: dict[int, int]  # where a long role starts → where the nearest one ends
    followed: dict[int, tuple[tuple[int, ...], int]]  # end → (lengths, follower's end)

    @classmethod
    def of(cls, folded: str) -> LastWords:
        pattern, table = _last_word_scan()
        size, reverse = len(folded), folded[::-1]
        hits = [(size - hit.start(), table[hit.group(1)]) for hit in pattern.finditer(reverse)]
        # The scan runs from the end of the text: for each long role start, the last end
        # seen is the nearest.
        long_roles = {end - n: end for end, ending in hits for n in ending[2]}
        hits.reverse()
        ends = [end for end, _ in hits]
        lengths = [ending[0] for _, ending in hits]
        followed: dict[int, tuple[tuple[int, ...], int]] = {}
        follower = _follower().match
        for index in [k for k, (_, ending) in enumerate(hits) if ending[1]]:
            end, (_, unit_lengths, _, other_lengths) = hits[index]
            after = follower(folded, end)
            if after:
                lengths[index] = other_lengths
                followed[end] = (unit_lengths, after.end())
        return cls(folded, reverse, ends, lengths, long_roles, followed)

    def spans(self, start: int, end: int, text_start: int = 0) -> list[tuple[int, int]]:
        """Spans of the mentions in folded[start:end], left to right, non-overlapping. The
        text is read as beginning at `text_start` (a word boundary); what lies between it
        and `start` is seen as a regex lookbehind would see it."""
        ends = self.ends
        first = bisect_right(ends, start)
        stop = bisect_right(ends, end, first)
        follows = self.folded[end : end + 1] in _follower_chars()
        if first == stop and not follows:
            return []  # no last word: no mention
        heads = _starts(ends[first:stop], self.lengths[first:stop], start)
        if follows:
            heads |= {at for at in self._followed_at(end) if at >= start}
        if not heads:
            return []
        starts = _walk_back(self.folded, start, heads)
        return _read(self.folded, end, text_start, starts, self.long_roles)

    def _followed_at(self, end: int) -> set[int]:
        """Starts of the bare units whose follower runs past `end`: there they are last
        words."""
        followed, longest = self.followed, _followers().sizes[-1]
        found: set[int] = set()
        for at in range(end - longest + 1, end + 1):
            lengths, follower_end = followed.get(at, ((), 0))
            found.update(at - n for n in lengths if follower_end > end)
        return found


def _starts(ends: list[int], lengths: list[tuple[int, ...]], low: int) -> set[int]:
    """Starts, at `low` or later, of the words of `lengths` ending at `ends`."""
    found = {end - n for end, ns in zip(ends, lengths, strict=True) for n in ns}
    return found if not found or min(found) >= low else {at for at in found if at >= low}


def _walk_back(folded: str, low: int, heads: set[int]) -> tuple[list[int], set[int]]:
    """Where a mention may begin, in order: at a last word, or up to `_MAX_PIECES` pieces
    before it, at `low` or later (a superset of where one does begin); and the places
    from which pieces lead on to a last word (a last word's start too, where pieces
    from it lead on to another)."""
    pieces = _pieces()
    words, lengths = pieces.words, pieces.lengths
    found, led = heads, set()
    for _ in range(_MAX_PIECES):
        reached = {
            at - n
            for at in heads
            for n in lengths.get(folded[at - 1], ())
            if at - n >= low and folded[at - n : at] in words
        }
        led |= reached
        # A position reached before was reached with more pieces left: not again.
        heads = reached - found
        if not heads:
            break
        found = found | heads
    return sorted(found), led


def _read(
    folded: str,
    end: int,
    text_start: int,
    starts: tuple[list[int], set[int]],
    long_roles: dict[int, int],
) -> list[tuple[int, int]]:
    """The mentions read at `starts` (in order; and where pieces lead on to a last word),
    up to `end`. At a word boundary the grammar is tried: whole where pieces lead on,
    else only its branches that need none (`_named_grammars`); where a long role starts
    (and ends by `end`), the long role (`_long_role_end`)."""
    found: list[tuple[int, int]] = []
    bounded, named = _at_boundary_grammar(), _named_grammars()
    breakers = _breakers()
    after = 0  # where the last mention found ends
    ordered, led = starts
    for at in ordered:
        if at < after:
            continue  # inside the mention before
        # At a word boundary: the start of the text, after a character that is not Han,
        # or after a breaker.
        boundary = at == text_start or not _is_han(folded[at - 1])
        match = None
        if boundary or breakers.ends_at(folded, text_start, at):
            grammar = bounded if at in led else named[folded[at]]
            match = grammar.match(folded, at, end) if grammar else None
        if match:
            found.append(match.span())
            after = match.end()
        elif long_roles.get(at, end + 1) <= end:
            stop = _long_role_end(folded, at, end)
            if stop is not None:
                found.append((at, stop))
                after = stop
    return found


@lru_cache(maxsize=1 << 14)
def _is_han(char: str) -> bool:
    """`\\p{Han}`, once per character."""
    return _HAN.match(char) is not None


def spans(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the mentions in folded[start:end], left to right, non-overlapping; the
    text outside the window is seen as a regex lookbehind would see it."""
    return LastWords.of(folded).spans(start, end)
