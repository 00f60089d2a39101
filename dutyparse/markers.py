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

import regex

from dutyparse.lexicons import lines
from dutyparse.numerals import CHINESE_CHAR, to_int

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

# A superset of \p{Han} for the cheap `re` cues below: any character past ASCII (a
# class of a few wide ranges costs `re` milliseconds to compile).
_HAN_LIKE = r"[^\x00-\x7f]"
_CN_CLASS = CHINESE_CHAR[1:-1]


class _Style(NamedTuple):
    """One marker style: its pattern, and a cheap stdlib-`re` cue that holds wherever
    the pattern can give a candidate — the `first` character (a class), what must come
    `after` it (a lookahead), and whether it must follow a space or a line break
    (`spaced`). One C-speed pass over the text finds the few places worth trying."""

    name: str
    pattern: str
    first: str
    after: str = ""
    spaced: bool = False


_C = f"[{_CN_CLASS}]"
_NTH = f"[{_CN_CLASS}0-9]"  # 第 then a numeral
# Order is priority at one position.
_STYLES: tuple[_Style, ...] = (
    _Style("chapter", f"第{_CN_LONG}[ ]?章", "第", _NTH),  # 第壹章
    _Style("part", f"第{_CN_LONG}[ ]?部分", "第", _NTH),  # 第一部分
    _Style("section", f"第{_CN_LONG}[ ]?节", "第", _NTH),  # 第二节
    _Style("article", f"第{_CN_LONG}[ ]?条[:、]?", "第", _NTH),  # 第三条  第一百二十三条
    _Style("duty", f"职责(?P<cn>{CHINESE_CHAR}{{1,3}})[ ]?[:、]?", "职", f"责{_C}"),  # 职责一:
    _Style("cn_paren", rf"\([ ]?{_CN}[ ]?\){_TAIL}", r"\(", f"[ ]?{_C}"),  # (一)  (十二)、
    _Style("arabic_paren", rf"\([ ]?{_ARABIC}[ ]?\){_TAIL}", r"\(", "[ ]?[0-9]"),  # (1)
    _Style("arabic_paren", rf"(?P<paren_digit>[{_PAREN_DIGITS}]){_TAIL}", f"[{_PAREN_DIGITS}]"),
    _Style("arabic", rf"(?P<dot_digit>[{_DOT_DIGITS}])", f"[{_DOT_DIGITS}]"),  # ⒈
    _Style("circled", rf"(?P<circled>[{_CIRCLED}]){_TAIL}", f"[{_CIRCLED}]"),  # ①  ②、
    _Style("roman", rf"(?P<roman>[{_ROMAN}])[、.]?", f"[{_ROMAN}]"),  # Ⅰ、  Ⅱ.
    _Style("roman_lower", rf"(?P<roman_lower>[{_ROMAN_LOWER}])[、.]?", f"[{_ROMAN_LOWER}]"),
    _Style("cn_rparen", rf"{_CN}\)、?", _C, f"{_C}{{0,3}}\\)"),  # 一)  一)、
    _Style("cn", rf"{_CN}[ ]?[、.,](?![0-9])", _C, f"{_C}{{0,3}}[ ]?[、.,]"),  # 一、  二.
    _Style(  # 1.1  2.3.1
        "dotted",
        r"(?P<outline>[0-9]{1,2}(?:\.[0-9]{1,2}){1,3})(?![0-9.%])\.?",
        "[0-9]",
        r"[0-9]?\.[0-9]",
    ),
    _Style("arabic", rf"{_ARABIC}[ ]?{_PUNCT}", "[0-9]", "[0-9]{0,2}[ ]?[、.,]"),  # 1、  1.
    _Style("arabic_rparen", rf"{_ARABIC}\)(?![0-9])", "[0-9]", r"[0-9]{0,2}\)"),  # 1)
    _Style("latin_upper", r"(?P<latin>[A-Z])(?:[、.]|\))(?![A-Za-z0-9/])", "[A-Z]", "[、.)]"),
    _Style(  # a) b、 c.
        "latin_lower",
        r"(?P<latin>[a-z])(?:[、]|\)|\.(?=[ ]*\p{Han}))(?![A-Za-z0-9/])",
        "[a-z]",
        "[、.)]",
    ),
    _Style(  # `1 负责` `16负责`: 、 lost
        "arabic_space",
        rf"{_ARABIC}(?:[ ]+|(?=\p{{Han}}))(?=\p{{Han}})",
        "[0-9]",
        f"[0-9]{{0,2}}[ ]*{_HAN_LIKE}",
        spaced=True,
    ),
    _Style(  # a line `、负责…` whose number was lost
        "lost", r"(?P<bullet>[、.])(?=[ ]*\p{Han})", "[、.]", f"[ ]*{_HAN_LIKE}", spaced=True
    ),
    _Style(  # ■ ● · - and `?` for a lost bullet
        "bullet", f"(?P<bullet>[{_BULLETS}])", f"[{_BULLETS}]", spaced=True
    ),
)
# Styles that stand even at the end of a line or after a letter (`第三章` alone).
_HEADING_STYLES = frozenset({"chapter", "part", "section", "article"})
# Any other marker right after one of these is a look-alike: `5-10K`, `H5`, `2014.`.
_LOOK_ALIKE_AFTER = frozenset(string.ascii_letters + string.digits + "./-~第#")


def _compile_styles() -> regex.Pattern[str]:
    """The marker grammar: style `i` is group `s<i>`, its number group `<name>_<i>`."""
    rows = []
    for i, style in enumerate(_STYLES):
        numbered = regex.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{i}>", style.pattern)
        rows.append(f"(?P<s{i}>{numbered})")
    return regex.compile("|".join(rows), regex.VERSION1)


def _compile_cues() -> re.Pattern[str]:
    """Every cue as one `re` pattern that starts with a plain character class (which
    `re` scans for in C) and checks each cue's own class, spacing and lookahead after."""
    cues = []
    for style in _STYLES:
        test = f"(?<={style.first})"
        if style.spaced:
            test += f"(?<!\\S{style.first})"
        cues.append(test + (f"(?={style.after})" if style.after else ""))
    firsts = "".join(s.first[1:-1] if s.first.startswith("[") else s.first for s in _STYLES)
    return re.compile(f"[{firsts}](?:" + "|".join(dict.fromkeys(cues)) + ")")


@dataclass(frozen=True, slots=True)
class _Row:
    style: str
    number_group: str | None  # `cn_5`, `outline_14`, … or None for bullets


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The compiled marker grammar: made on first use, not at import."""

    styles: regex.Pattern[str]
    cues: re.Pattern[str]
    rows: dict[str, _Row]  # by the name of a style's group, `s<i>`


@cache
def _grammar() -> _Grammar:
    rows = {}
    for i, style in enumerate(_STYLES):
        names = regex.findall(r"\(\?P<(\w+)>", style.pattern)
        group = f"{names[0]}_{i}" if names and names[0] != "bullet" else None
        rows[f"s{i}"] = _Row(style.name, group)
    return _Grammar(_compile_styles(), _compile_cues(), rows)


# A marker must be followed by content on its line.
_CONTENT_AFTER = re.compile(r"[ ]*[^\s]")
_CJK_AFTER_SPACES = regex.compile(r"[ ]*\p{Han}")


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
    return lines("number_units.txt")


def find_candidates(norm: str) -> list[Candidate]:
    """All marker candidates of normalised text, in order, look-alikes rejected. The
    grammar is tried only where a cue is; a candidate's text is not tried again."""
    grammar = _grammar()
    found: list[Candidate] = []
    pos = 0
    for cue in grammar.cues.finditer(norm):
        start = cue.start()
        if start < pos or (start and norm[start - 1] in _LOOK_ALIKE_AFTER and norm[start] != "第"):
            continue
        match = grammar.styles.match(norm, start)
        candidate = _candidate(norm, match, grammar.rows) if match else None
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


def _candidate(norm: str, match: regex.Match[str], rows: dict[str, _Row]) -> Candidate | None:
    row = rows[match.lastgroup or ""]
    style = row.style
    start, end = match.span()
    number, outline = _number(row, match.group(row.number_group) if row.number_group else None)
    if outline is not None:
        style = f"dotted{len(outline)}"  # 1.1 and 1.1.1 are two levels
    elif style == "bullet":
        style = f"bullet{match.group()}"  # ■ heads a block of ? bullets: two levels
    elif number is None and style != "lost":
        return None
    quantity = style in ("arabic_space", "dotted2") and _unit_follows(norm, end)
    quantity = quantity or ((number or 0) > _MAX_LIST_NUMBER and style not in _BIG_NUMBERED)
    candidate = Candidate(start, end, style, number, outline, context_at(norm, start), quantity)
    return candidate if _plausible(norm, candidate) else None


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
    if not value or row.number_group is None:
        return None, None
    kind = row.number_group.rpartition("_")[0]
    if kind == "outline":
        parts = tuple(int(part) for part in value.split("."))
        return parts[-1], parts
    if kind in _SYMBOL_DIGITS:
        return _SYMBOL_DIGITS[kind].index(value) + 1, None
    if kind == "latin":
        return ord(value.upper()) - ord("A") + 1, None
    return _numeral_value(value), None


def context_at(norm: str, start: int) -> Context:
    r"""How the text before `start` sets off what starts there.

    >>> context_at("a\n 1、", 3), context_at("职责: 1、", 4), context_at("经验4.", 2)
    (<Context.LINE: 2>, <Context.SOFT: 1>, <Context.GLUED: 0>)
    """
    i = start - 1
    while i >= 0 and norm[i] == " ":
        i -= 1
    if i < 0 or norm[i] == "\n":
        return Context.LINE
    if i < start - 1 or norm[i] in ';:。!?)】」"”』>':
        return Context.SOFT
    return Context.GLUED


def _plausible(norm: str, c: Candidate) -> bool:
    """Reject look-alikes: `5-10K`, `H5`, `2014.`, `1.5倍`, `第1、2条`, `统一、`."""
    before = norm[c.start - 1] if c.start else "\n"
    if not _CONTENT_AFTER.match(norm, c.end) or norm[c.end : c.end + 1] == "\n":
        return c.style in _HEADING_STYLES
    if before in _LOOK_ALIKE_AFTER:
        return False
    if c.style == "lost":
        return c.context is Context.LINE
    if c.style.startswith("bullet"):
        return _plausible_bullet(norm, c)
    if c.style == "arabic_space" and not (before.isspace() or c.start == 0):
        return False
    if c.style == "duty" and c.context is Context.GLUED:
        return False  # 岗位职责一览
    if c.style == "cn" and c.context is Context.GLUED:
        return c.number != 1 and before not in _numeral_words()  # 统一、 每周二、
    return True


def _plausible_bullet(norm: str, c: Candidate) -> bool:
    """Bullets start a line or follow a space; `-`, `?`, `>` only before Chinese text."""
    if c.context is Context.GLUED or (c.start and not norm[c.start - 1].isspace()):
        return False
    if norm[c.start] in "-?>\ufffd":
        return bool(_CJK_AFTER_SPACES.match(norm, c.end))
    return True


def _unit_follows(norm: str, end: int) -> bool:
    """`1.5倍`, `24小时`: a quantity, not a list number."""
    rest = norm[end : end + 3]  # `1.5倍` abuts its unit; `3.2 日常检查` is an outline number
    return any(rest.startswith(unit) for unit in _units_after_numbers())
