"""Gates: cheap tests that pick the rules worth trying on a text.

A `regex` pattern costs about as much per character where it fails as where it
matches, and most duty items hold no time expression. So every rule has gates (GATES),
one of which each match of its pattern passes: it holds one of a few words (`leads`),
right after what `before` allows and followed by what `after` allows. A rule's pattern
runs over a text only when one of its gates passes there.

All gates are compiled into one standard `re` pattern (`any_gate`) whose branches each
take the first character of a lead word and check the rest of the word, and what
stands around it, by lookarounds: `re` skips straight from one candidate character to
the next, far faster than `regex` walks a text, and a match is one character, so no
gate hides another that starts inside its word. Each branch records, in a group per
rule, which rules' gates pass there. `gated` runs it once over many texts joined.

Gates see the *squeezed* text the patterns see (folding.without_spaces), so the `\\s*`
of a pattern is nothing in its gate: `3次 / 周` is searched as `3次/周`.

>>> gated(["每周巡店一次", "负责行政", "做好日报"])
{0: {'every': [0], 'every_count': [5], 'span_count': [5]}, 2: {'implicit': [3]}}
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import accumulate, groupby
from typing import NamedTuple

from dutyparse.numerals import NUMBER
from dutyparse.temporal.grammar import PATTERNS, expand, word_lists

# A number's last character: 1[2], 十[五] (the character classes NUMBER is made of).
NUM_END = "[" + "".join(part.split("]")[0] for part in NUMBER.split("[")[1:]) + "]"
# The last character of a point or a clock time (grammar.POINT, CLOCK): 28[号], 12月[底],
# 周[五], 17:0[0], 5[点], 下[午]. `regex` knows digits (`\d`) that `re` does not, all
# outside the BMP, hence the astral range.
POINT_END = r"[\d\U00010000-\U0010ffff点时半分午晨月份号日初底末旬中一二三四五六七天]"
# The unit of a count (grammar.COUNT): 一[次].
COUNT_UNIT = "次|回|遍|趟|天"


class Gate(NamedTuple):
    """A test every match of a rule passes: it holds one of `leads`, right after
    `before` and followed by `after`; with `starts`, it starts with that lead word.

    `leads` are words and `<NAME>`s of grammar.word_lists, split by `|`; `before` is a
    one-character class, the `<NAME>` of a word list, or `~<NAME>`: a character its
    words end with, looser but far shorter to compile ("" allows anything); `after` is
    a pattern without capturing groups ("" allows anything)."""

    leads: str
    before: str = ""
    after: str = ""
    starts: bool = False

    def words(self) -> list[str]:
        """The lead words.

        >>> Gate("<BEFORE_PLAIN>|为止").words()
        ['之前', '以前', '前', '为止']
        """
        return [word for lead in self.leads.split("|") for word in _words(lead)]

    def rests(self) -> dict[str, str]:
        """For each first character of the lead words, what must hold from there on:
        what stands before it (a lookbehind over that character), then the rest of one
        of its words and what may follow, in one lookahead. Written once per character,
        not per word, so the gate pattern stays short (its compile is most of its cost).

        >>> Gate("之前|以前|前", before="[号五]").rests()
        {'之': '(?<=号之|五之)(?=(?:前))', '以': '(?<=号以|五以)(?=(?:前))', '前': '(?<=号前|五前)'}
        """
        by_first: dict[str, set[str]] = {}
        for word in self.words():
            by_first.setdefault(word[0], set()).add(word[1:])
        after = expand(self.after) if self.after else ""
        return {
            first: _behind(self.before, re.escape(first)) + _ahead(tails, after)
            for first, tails in by_first.items()
        }


def _ahead(tails: set[str], after: str) -> str:
    """A lookahead for one of `tails` (the rests of words), then `after`."""
    tail = "|".join(map(re.escape, sorted(tails, key=lambda t: (-len(t), t))))
    body = (f"(?:{tail})" if tails != {""} else "") + after
    return f"(?={body})" if body else ""


def _words(lead: str) -> tuple[str, ...]:
    """The words of one lead: a word list's, or the word itself."""
    return word_lists()[lead[1:-1]] if lead.startswith("<") else (lead,)


def _behind(before: str, word: str) -> str:
    """A lookbehind, from the end of `word`, for `before` right before it: a class, or
    the words of a list (one lookbehind per word length: `re` needs a fixed width), or,
    for `~<NAME>`, the class of the list's last characters (`~<WINDOW_UNIT>`: 天, 时 …).

    >>> _behind("~<ALTERNATE>", "周")
    '(?<=周周|天周|日周|月周)'
    """
    if before.startswith("~"):
        before = "[" + re.escape("".join(sorted({w[-1] for w in _words(before[1:])}))) + "]"
    if not before.startswith("<"):
        return f"(?<={'|'.join(item + word for item in _spelled(before))})" if before else ""
    by_length = groupby(sorted(_words(before), key=len), key=len)
    behinds = ["(?<=(?:" + "|".join(map(re.escape, ws)) + f"){word})" for _, ws in by_length]
    return "(?:" + "|".join(behinds) + ")"


# An item of a character class: a range (0-9, \U00010000-\U0010ffff), an escape, a
# character.
_CLASS_ITEM = re.compile(r"(?:\\U[0-9a-fA-F]{8}|\\.|[^\\])(?:-(?:\\U[0-9a-fA-F]{8}|[^\\]))?")


def _spelled(cls: str) -> list[str]:
    """A one-character class as alternatives: the ranges, escapes and ASCII characters
    in one class, each other character alone. `re` compiles a class of several CJK
    characters into a table over the whole BMP, a quarter of a millisecond each (most
    of this pattern's compile, where one class stands after each of many leads); a
    literal costs next to nothing.

    >>> _spelled("[0-9０-９一二]")
    ['[0-9０-９]', '一', '二']
    """
    items = _CLASS_ITEM.findall(cls[1:-1])
    wide = [item for item in items if len(item) > 1 or item.isascii()]
    return ([f"[{''.join(wide)}]"] if wide else []) + [i for i in items if i not in wide]


# Rule name (grammar.PATTERNS) → its gates; each match of the rule passes one of them.
GATES: dict[str, tuple[Gate, ...]] = {
    "every_count": (Gate(COUNT_UNIT, before=NUM_END),),  # its count: 每周[一次]
    "every": (Gate("每", starts=True),),
    "span_count": (Gate(COUNT_UNIT, before=NUM_END),),  # its count: 一周[两次]
    "per_slash": (Gate("/", before="[次天回]", after="<PERIOD>"),),  # 天/周
    "alternate": (Gate("<ALTERNATE>"),),  # 隔周
    "cycle_without_unit": (Gate("每", after="个?<CYCLE_WORD>", starts=True),),  # 每班
    "daily_word": (Gate("每", after="<DAILY>", starts=True),),  # 每晚
    "kind_word": (Gate("<KIND_PLAIN>", starts=True),),  # 定期, without its guards
    "bare_part": (Gate("初|底|末", before="[月年季度]"),),  # 月底, 季度末
    "implicit": (Gate("<IMPLICIT_HEAD>", before="~<IMPLICIT_PREFIX>"), Gate("<IMPLICIT_ALONE>")),
    # 28号之前, 周五为止, 17:00前; 每天出车前 (its point, then an event)
    "point_before": (
        Gate("<BEFORE_PLAIN>|<BEFORE_SUFFIX>", before=POINT_END),
        Gate("<BEFORE_PLAIN>|<BEFORE_SUFFIX>", before="<EVENT>"),
    ),
    "prefix_point": (Gate("<BEFORE_PREFIX>", starts=True),),  # 截止
    "next_point": (Gate("<NEXT_CYCLE>", starts=True),),  # 次月
    "event_within": (Gate("<WITHIN>", before="~<WINDOW_UNIT>"),),  # 7天内
    "event_before": (Gate("<BEFORE_PLAIN>", before="<EVENT>"),),  # 出车前
    "window": (Gate("<WITHIN>", before="~<WINDOW_UNIT>"),),  # 三天之内
    "window_verb": (Gate("<RESPONSE_VERB>", before="~<WINDOW_UNIT>"),),  # 4小时回复
    "on_day": (Gate("<ON_DAY>", after="(?:<WITHIN>|<ON_VERB>)", starts=True),),  # 当日完成
    "asap": (Gate("<ASAP>", starts=True),),  # 立即
    "after_event": (Gate("<AFTER_EVENT>", after="(?:之后|以后|后)"),),  # 结束后
    "advance": (Gate("提前", after=f"(?:{NUM_END}|半)", starts=True),),  # 提前三天
}


def starts(name: str) -> bool:
    """Whether each match of rule `name` starts where one of its gates' words does, so
    that it is found by matching there, not by searching the whole text."""
    return all(gate.starts for gate in GATES[name])


class AnyGate(NamedTuple):
    """All gates as one pattern, and for each lead character which rules' gates passed
    at a match: the rule's name when only one rule has gate words led by it, else
    (group, rule name) pairs, the group capturing when that rule's gate passed."""

    pattern: re.Pattern[str]
    groups: dict[str, str | tuple[tuple[int, str], ...]]


@cache
def any_gate() -> AnyGate:
    """Every gate of every rule (see the module docstring): for each lead character, a
    branch that takes it when the rest of some gate holds: when several rules have
    words led by it, an optional lookahead per rule capturing when that rule's rest
    holds, then a test that one did: `每(?:(?=())|)(?:(?=(个?…))|)(?(1)|(?(2)|(?!)))…`."""
    rests: dict[str, dict[str, set[str]]] = {}
    for name in PATTERNS:  # a rule without gates would be missed: KeyError
        for gate in GATES[name]:
            for first, rest in gate.rests().items():
                rests.setdefault(first, {}).setdefault(name, set()).add(rest)
    branches: list[str] = []
    groups: dict[str, str | tuple[tuple[int, str], ...]] = {}
    taken = 0  # groups in the branches so far
    for first in sorted(rests):
        branch, pairs = _branch(first, rests[first], taken)
        branches.append(branch)
        groups[first] = pairs if len(pairs) > 1 else pairs[0][1]
        taken = max([taken, *(group for group, _ in pairs)])
    return AnyGate(re.compile("|".join(branches)), groups)


def _branch(
    first: str, rests: dict[str, set[str]], groups_before: int
) -> tuple[str, tuple[tuple[int, str], ...]]:
    """One branch of `any_gate` and its (group, rule name) pairs; its groups are
    numbered after the `groups_before` of the branches before it. With one set of
    rests for all its rules, there is no group: group 0, the match, stands for it.
    Else each rest gets a group, written once however many rules hold it (出车[前] is
    a rest of point_before and of event_before), and a chain of conditionals fails the
    branch when none took part: `天(?:(?=(…))|)(?:(?=(…))|)(?(1)|(?(2)|(?!)))`."""
    if len({frozenset(own) for own in rests.values()}) == 1:
        own = sorted(next(iter(rests.values())))
        names = tuple((0, name) for name in sorted(rests))
        return re.escape(first) + "(?=" + "|".join(own) + ")", names
    holders: dict[str, list[str]] = {}  # rest → the rules that hold it
    for name in sorted(rests):
        for rest in sorted(rests[name]):
            holders.setdefault(rest, []).append(name)
    numbers = range(groups_before + 1, groups_before + 1 + len(holders))
    branch = re.escape(first) + "".join(f"(?:(?=({rest}))|)" for rest in holders)
    none_took_part = "(?!)"
    for number in reversed(numbers):
        none_took_part = f"(?({number})|{none_took_part})"
    pairs = tuple(
        (number, name)
        for number, names in zip(numbers, holders.values(), strict=True)
        for name in names
    )
    return branch + none_took_part, pairs


def gated(texts: Sequence[str], joined: str | None = None) -> dict[int, dict[str, list[int]]]:
    """For each of `texts` where some gate passes, by index: the rules whose gates
    pass, each with where its gate words start, in one search over all texts (each
    searched as if alone: no gate holds a line break or a NUL, the joint between texts).
    `joined`: the texts so joined, when the caller has them (folding.cuts_without_spaces).
    """
    if joined is None:
        joined = "\n".join(texts)
    ends = list(accumulate(len(text) + 1 for text in texts))  # where the next one starts
    pattern, groups = any_gate()
    found: dict[int, dict[str, list[int]]] = {}
    rules: dict[str, list[int]] = {}
    start = end = 0  # of the text the last match fell in
    for match in pattern.finditer(joined):
        at = match.start()
        if at >= end:  # a later text: matches come in order
            index = bisect_right(ends, at)
            start, end = (ends[index - 1] if index else 0), ends[index]
            rules = found[index] = {}
        passed = groups[match[0]]
        if isinstance(passed, str):  # the one rule led by this character
            rules.setdefault(passed, []).append(at - start)
            continue
        for group, name in passed:
            if match[group] is not None:
                starts_of = rules.setdefault(name, [])
                if not starts_of or starts_of[-1] != at - start:  # one rule, two rests
                    starts_of.append(at - start)
    return found
