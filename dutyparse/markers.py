"""List markers: every numbering and bullet style of SPEC §1, found in normalised text.

A *candidate* is a place where a marker could start; whether it really is one is decided
later from number continuity (tree.py). Each style has a stable id: styles with the same
id number one list (`1、`, `1.` and `1,` are one style, `arabic`, since real lists mix
them), different ids nest. The GB/T 9704 levels are `cn` (一、), `cn_paren` ((一)),
`arabic` (1.) and `arabic_paren` ((1)).

>>> [(c.style, c.number) for c in find_candidates("一、总则 (十二)范围 ⑤ 第壹条 1.1 A、校")]
[('cn', 1), ('cn_paren', 12), ('circled', 5), ('article', 1), ('dotted2', 1), ('latin_upper', 1)]
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from enum import IntEnum
from functools import cache, lru_cache
from typing import NamedTuple

from dutyparse.lexicons import lines
from dutyparse.numerals import CHINESE_CHAR, to_int
from dutyparse.pattern_cache import compiled

# List numbers are a few short strings (`1`, `十二`): each is read once.
_numeral_value = lru_cache(maxsize=1024)(to_int)

# ---------------------------------------------------------------------------------
# Grammar, on normalised text (full-width folded: `（一）` reads `(一)`).
# ---------------------------------------------------------------------------------
# A list number of one to four numeral characters (一, 十二, 二十一); a single bounded
# character class, never a repeated group, so that a long run of numerals stays linear.
_CN = f"(?P<cn>{CHINESE_CHAR}{{1,4}})"
# Rules number further: 第一百二十三条.
_CN_LONG = f"(?P<cn>{CHINESE_CHAR}{{1,7}}|[0-9]{{1,3}})"
_ARABIC = r"(?P<arabic>[0-9]{1,3})"
# 1、 1. 1, (full-width ．， fold onto . ,); `1.5` is a decimal, `1,000` a thousand.
_PUNCT = r"(?:、|\.(?![0-9])|,(?![0-9]{3}))"
_TAIL = r"(?:、|\.(?![0-9]))?"  # optional trailing 、 or . after a bracket: (一)、  ①.
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_DOT_DIGITS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
_ROMAN_LOWER = "ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹⅺⅻ"
_BULLETS = "■□●○◆◇★☆▲△▶►▪▫◎❖◼◾※➢➤√✓·>\\-?\ufffd"

# A superset of \p{Han} for `re`: any character past ASCII (a class of a few wide ranges
# costs `re` milliseconds to compile). Where a style needs Chinese text after it
# (`han_after`), the match is confirmed with `regex`'s \p{Han}.
_HAN_LIKE = r"[^\x00-\x7f]"
_C = CHINESE_CHAR


class _Style(NamedTuple):
    """One marker style: its `re` pattern, and the `first` character it can start with
    (a class: one C-speed scan over the text stops only there). A `spaced` style must
    follow a space, a line break or the text start; a `han_after` one must be followed
    (after spaces) by a Han character."""

    name: str
    pattern: str
    first: str
    spaced: bool = False
    han_after: bool = False


# Order is priority at one position.
_STYLES: tuple[_Style, ...] = (
    _Style("chapter", f"第{_CN_LONG}[ ]?章", "第"),  # 第壹章
    _Style("part", f"第{_CN_LONG}[ ]?部分", "第"),  # 第一部分
    _Style("section", f"第{_CN_LONG}[ ]?节", "第"),  # 第二节
    _Style("article", f"第{_CN_LONG}[ ]?条[:、]?", "第"),  # 第三条  第一百二十三条
    _Style("duty", f"职责(?P<cn>{CHINESE_CHAR}{{1,3}})[ ]?[:、]?", "职"),  # 职责一:
    _Style("cn_paren", rf"\([ ]?{_CN}[ ]?\){_TAIL}", r"\("),  # (一)  (十二)、
    _Style("arabic_paren", rf"\([ ]?{_ARABIC}[ ]?\){_TAIL}", r"\("),  # (1)
    _Style("arabic_paren", rf"(?P<paren_digit>[{_PAREN_DIGITS}]){_TAIL}", f"[{_PAREN_DIGITS}]"),
    _Style("arabic", rf"(?P<dot_digit>[{_DOT_DIGITS}])", f"[{_DOT_DIGITS}]"),  # ⒈
    _Style("circled", rf"(?P<circled>[{_CIRCLED}]){_TAIL}", f"[{_CIRCLED}]"),  # ①  ②、
    _Style("roman", rf"(?P<roman>[{_ROMAN}])[、.]?", f"[{_ROMAN}]"),  # Ⅰ、  Ⅱ.
    _Style("roman_lower", rf"(?P<roman_lower>[{_ROMAN_LOWER}])[、.]?", f"[{_ROMAN_LOWER}]"),
    _Style("cn_rparen", rf"{_CN}\)、?", _C),  # 一)  一)、
    _Style("cn", rf"{_CN}[ ]?[、.,](?![0-9])", _C),  # 一、  二.
    _Style(  # 1.1  2.3.1
        "dotted", r"(?P<outline>[0-9]{1,2}(?:\.[0-9]{1,2}){1,3})(?![0-9.%])\.?", "[0-9]"
    ),
    _Style("arabic", rf"{_ARABIC}[ ]?{_PUNCT}", "[0-9]"),  # 1、  1.
    _Style("arabic_rparen", rf"{_ARABIC}\)(?![0-9])", "[0-9]"),  # 1)
    _Style("latin_upper", r"(?P<latin>[A-Z])(?:[、.]|\))(?![A-Za-z0-9/])", "[A-Z]"),
    _Style("latin_lower", r"(?P<latin>[a-z])(?:[、]|\))(?![A-Za-z0-9/])", "[a-z]"),  # a) b、
    _Style(  # c. before Chinese text
        "latin_lower",
        rf"(?P<latin>[a-z])\.(?=[ ]*{_HAN_LIKE})(?![A-Za-z0-9/])",
        "[a-z]",
        han_after=True,
    ),
    _Style(  # `1 负责` `16负责`: 、 lost
        "arabic_space",
        rf"{_ARABIC}(?:[ ]+|(?={_HAN_LIKE}))(?={_HAN_LIKE})",
        "[0-9]",
        spaced=True,
        han_after=True,
    ),
    _Style(  # a line `、负责…` whose number was lost
        "lost", rf"(?P<bullet>[、.])(?=[ ]*{_HAN_LIKE})", "[、.]", spaced=True, han_after=True
    ),
    _Style(  # ■ ● · - and `?` for a lost bullet
        "bullet", f"(?P<bullet>[{_BULLETS}])", f"[{_BULLETS}]", spaced=True
    ),
)
# Styles that stand even at the end of a line or after a letter (`第三章` alone).
_HEADING_STYLES = frozenset({"chapter", "part", "section", "article"})
# Any other marker right after one of these is a look-alike: `5-10K`, `H5`, `2014.`.
_LOOK_ALIKE_AFTER = frozenset(string.ascii_letters + string.digits + "./-~第#")


def _compile_grammar() -> re.Pattern[str]:
    r"""The marker grammar as one `re` pattern, scanned once over the text.

    A match consumes one character: a style's `first` character (one plain class, which
    `re` skips to in C) that does not follow a look-alike (`(?<![…].)`; 第 may), nor
    text if all its styles need a space before (`、` in `统一、规范`: most of them). From
    there, one step back (`(?<=(?=…).)`), the styles are tried in order, grouped by
    their first character so that `re` passes over the other groups at a glance: style
    `i` reports its span as group `s<i>`, its number as group `<name>_<i>`, and the
    scan goes on at the next character (`find_candidates` skips the readings inside a
    marker it took: `2)` in `(2)`; `1、` after a letter is a look-alike).

    >>> [m.span(m.lastgroup or "") for m in _grammar().pattern.finditer("一、总 (2)负责 x1、")]
    [(0, 2), (4, 7), (5, 7)]
    """
    groups: dict[str, list[str]] = {}  # first character → its styles, in order
    for i, style in enumerate(_STYLES):
        numbered = re.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{i}>", style.pattern)
        spaced = r"(?<!\S)" if style.spaced else ""
        groups.setdefault(style.first, []).append(f"(?P<s{i}>{spaced}{numbered})")
    by_first = "|".join(f"{first}{_back_one('|'.join(rows))}" for first, rows in groups.items())
    firsts = "".join(_chars(first) for first in groups)
    spaced_only = "".join(_chars(first) for first in groups if _all_spaced(first))
    look_alike = "".join(sorted(_LOOK_ALIKE_AFTER)).replace("-", r"\-")
    unless_look_alike = f"(?<!\\S[{spaced_only}])(?:(?<=第)|(?<![{look_alike}].))"
    return re.compile(f"[{firsts}]{unless_look_alike}{_back_one(by_first)}")


def _chars(first: str) -> str:
    """A `first` character or class as the inside of a class."""
    return first[1:-1] if first.startswith("[") else first


def _all_spaced(first: str) -> bool:
    return all(style.spaced for style in _STYLES if style.first == first)


def _back_one(pattern: str) -> str:
    """`pattern` matched from the character before, without moving."""
    return f"(?<=(?={pattern}).)"


@dataclass(frozen=True, slots=True)
class _Row:
    style: str
    group: str  # `s<i>`: the span of the marker
    number_group: str | None  # `cn_5`, `outline_14`, … or None for bullets
    kind: str  # the number group's kind: `cn`, `outline`, `circled`, …
    han_after: bool


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The compiled marker grammar: made on first use, not at import."""

    pattern: re.Pattern[str]
    rows: dict[str, _Row]  # by the name of a style's group, `s<i>`


@cache
def _grammar() -> _Grammar:
    rows = {}
    for i, style in enumerate(_STYLES):
        names = re.findall(r"\(\?P<(\w+)>", style.pattern)
        kind = names[0] if names and names[0] != "bullet" else ""
        group = f"{kind}_{i}" if kind else None
        rows[f"s{i}"] = _Row(style.name, f"s{i}", group, kind, style.han_after)
    return _Grammar(_compile_grammar(), rows)


# A marker must be followed by content on its line.
_CONTENT_AFTER = re.compile(r"[ ]*[^\s]")
_CJK_AFTER_SPACES = compiled(r"[ ]*\p{Han}")


class Context(IntEnum):
    """Where a candidate stands: the stronger the context, the less evidence it needs."""

    GLUED = 0  # right after text: `经验4.熟悉`
    SOFT = 1  # after a space or clause punctuation: `岗位职责: 1、`
    LINE = 2  # at the start of a line


class Candidate(NamedTuple):
    """A possible marker at `start:end` of the text (a tuple: the parser makes many)."""

    start: int
    end: int
    style: str
    number: int | None
    outline: tuple[int, ...] | None
    context: Context
    quantity_like: bool = False  # `1.5倍`, `24小时`: a list number only by continuity

    @property
    def ordered(self) -> bool:
        """True for numbered styles; bullets have no number."""
        return self.number is not None


@cache
def _numeral_words() -> frozenset[str]:
    return frozenset(lines("numeral_words.txt"))


@cache
def _units_after_numbers() -> tuple[str, ...]:
    return tuple(lines("number_units.txt"))


def find_candidates(norm: str) -> list[Candidate]:
    """All marker candidates of normalised text, in order, look-alikes rejected. A
    candidate's text is not tried again."""
    grammar = _grammar()
    rows = grammar.rows
    found: list[Candidate] = []
    pos = 0
    for match in grammar.pattern.finditer(norm):
        if match.start() < pos:
            continue
        candidate = _candidate(norm, match, rows[match.lastgroup or ""])
        if candidate is None:
            continue
        found.append(candidate)
        if candidate.quantity_like and candidate.outline:
            found.append(_arabic_reading(candidate))
        pos = candidate.end
    return found


def _arabic_reading(c: Candidate) -> Candidate:
    """`2.2年以上` after `1.…` is `2.` + `2年以上`: offer that reading too; number
    continuity decides (tree.py takes at most one marker per position)."""
    assert c.outline is not None
    width = len(str(c.outline[0])) + 1
    return Candidate(c.start, c.start + width, "arabic", c.outline[0], None, c.context, True)


def _candidate(norm: str, match: re.Match[str], row: _Row) -> Candidate | None:
    start, end = match.span(row.group)
    if row.han_after and not _CJK_AFTER_SPACES.match(norm, end):
        return None
    number, outline = _number(row, match.group(row.number_group) if row.number_group else None)
    style = row.style
    if outline is not None:
        style = f"dotted{len(outline)}"  # 1.1 and 1.1.1 are two levels
    elif style == "bullet":
        style = f"bullet{norm[start]}"  # ■ heads a block of ? bullets: two levels
    elif number is None and style != "lost":
        return None
    context = context_at(norm, start)
    if not _plausible(norm, start, end, row.style, number, context):
        return None
    quantity = style in ("arabic_space", "dotted2") and _unit_follows(norm, end)
    quantity = quantity or ((number or 0) > _MAX_LIST_NUMBER and style not in _BIG_NUMBERED)
    return Candidate(start, end, style, number, outline, context, quantity)


# Lists rarely pass 99 items; a bigger number (a year, `2014.`) continues a list or
# is text. Rules and regulations do number past it.
_MAX_LIST_NUMBER = 99
_BIG_NUMBERED = frozenset({"chapter", "article"})
# Number groups read as the position of their character in a row of symbols.
_SYMBOL_DIGITS = {
    "circled": _CIRCLED,
    "paren_digit": _PAREN_DIGITS,
    "dot_digit": _DOT_DIGITS,
    "roman": _ROMAN,
    "roman_lower": _ROMAN_LOWER,
}


def _number(row: _Row, value: str | None) -> tuple[int | None, tuple[int, ...] | None]:
    """The number (and outline, for `1.2.3`) a row's number group holds."""
    if not value:
        return None, None
    kind = row.kind
    if kind == "outline":
        parts = tuple(int(part) for part in value.split("."))
        return parts[-1], parts
    if kind in _SYMBOL_DIGITS:
        return _SYMBOL_DIGITS[kind].index(value) + 1, None
    if kind == "latin":
        return ord(value.upper()) - ord("A") + 1, None
    return _numeral_value(value), None


# Clause ends and closing brackets: what follows them stands apart (`职责: 1、`).
_SOFT_AFTER = frozenset(';:。!?)】」"”』>')


def context_at(norm: str, start: int) -> Context:
    r"""How the text before `start` sets off what starts there.

    >>> context_at("a\n 1、", 3), context_at("职责: 1、", 4), context_at("经验4.", 2)
    (<Context.LINE: 2>, <Context.SOFT: 1>, <Context.GLUED: 0>)
    """
    before = norm[start - 1] if start else "\n"
    if before in _SOFT_AFTER:
        return Context.SOFT
    if before == "\n":
        return Context.LINE
    if before != " ":
        return Context.GLUED
    i = start - 2
    while i >= 0 and norm[i] == " ":
        i -= 1
    return Context.LINE if i < 0 or norm[i] == "\n" else Context.SOFT


def _plausible(
    norm: str, start: int, end: int, style: str, number: int | None, context: Context
) -> bool:
    """Reject look-alikes (`style` is the row's: `bullet`, not `bullet■`): `5-10K`,
    `H5`, `2014.`, `1.5倍`, `第1、2条`, `统一、`."""
    if not _content_after(norm, end):
        return style in _HEADING_STYLES
    before = norm[start - 1] if start else "\n"
    if before in _LOOK_ALIKE_AFTER:
        return False
    if style == "lost":
        return context is Context.LINE
    if style == "bullet":
        return _plausible_bullet(norm, start, end, context)
    if style == "arabic_space" and not before.isspace():
        return False
    if style == "duty" and context is Context.GLUED:
        return False  # 岗位职责一览
    if style == "cn" and context is Context.GLUED:
        return number != 1 and before not in _numeral_words()  # 统一、 每周二、
    return True


def _content_after(norm: str, end: int) -> bool:
    """Content follows `end` on its line (spaces skipped)."""
    after = norm[end : end + 1]
    if after == " ":
        return _CONTENT_AFTER.match(norm, end) is not None
    return after != "" and not after.isspace()


def _plausible_bullet(norm: str, start: int, end: int, context: Context) -> bool:
    """Bullets start a line or follow a space; `-`, `?`, `>` only before Chinese text."""
    if context is Context.GLUED or (start and not norm[start - 1].isspace()):
        return False
    if norm[start] in "-?>\ufffd":
        return bool(_CJK_AFTER_SPACES.match(norm, end))
    return True


def _unit_follows(norm: str, end: int) -> bool:
    """`1.5倍`, `24小时`: a quantity, not a list number."""
    # `1.5倍` abuts its unit; `3.2 日常检查` is an outline number
    return norm.startswith(_units_after_numbers(), end)
