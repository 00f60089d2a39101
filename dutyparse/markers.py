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

from dataclasses import dataclass
from enum import IntEnum
from functools import cache

import regex

from dutyparse.lexicons import lines
from dutyparse.numerals import CHINESE_CHAR
from dutyparse.numerals import to_int as numeral_value

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

# One (style, pattern) row per marker style; order is priority at one position.
_STYLES: tuple[tuple[str, str], ...] = (
    ("chapter", f"第{_CN_LONG}[ ]?章"),  # 第壹章
    ("part", f"第{_CN_LONG}[ ]?部分"),  # 第一部分
    ("section", f"第{_CN_LONG}[ ]?节"),  # 第二节
    ("article", f"第{_CN_LONG}[ ]?条[:、]?"),  # 第三条  第一百二十三条
    ("duty", f"职责(?P<cn>{CHINESE_CHAR}{{1,3}})[ ]?[:、]?"),  # 职责一:
    ("cn_paren", rf"\([ ]?{_CN}[ ]?\){_TAIL}"),  # (一)  (十二)、
    ("arabic_paren", rf"\([ ]?{_ARABIC}[ ]?\){_TAIL}"),  # (1)  (2)、
    ("arabic_paren", rf"(?P<paren_digit>[{_PAREN_DIGITS}]){_TAIL}"),  # ⑴
    ("arabic", rf"(?P<dot_digit>[{_DOT_DIGITS}])"),  # ⒈
    ("circled", rf"(?P<circled>[{_CIRCLED}]){_TAIL}"),  # ①  ②、
    ("roman", rf"(?P<roman>[{_ROMAN}])[、.]?"),  # Ⅰ、  Ⅱ.
    ("roman_lower", rf"(?P<roman_lower>[{_ROMAN_LOWER}])[、.]?"),  # ⅰ、
    ("cn_rparen", rf"{_CN}\)、?"),  # 一)  一)、
    ("cn", rf"{_CN}[ ]?[、.,](?![0-9])"),  # 一、  二.
    ("dotted", r"(?P<outline>[0-9]{1,2}(?:\.[0-9]{1,2}){1,3})(?![0-9.%])\.?"),  # 1.1  2.3.1
    ("arabic", rf"{_ARABIC}[ ]?{_PUNCT}"),  # 1、  1.  12 .
    ("arabic_rparen", rf"{_ARABIC}\)(?![0-9])"),  # 1)
    ("latin_upper", r"(?P<latin>[A-Z])(?:[、.]|\))(?![A-Za-z0-9/])"),  # A、  B.
    ("latin_lower", r"(?P<latin>[a-z])(?:[、]|\)|\.(?=[ ]*\p{Han}))(?![A-Za-z0-9/])"),  # a) b、 c.
    (
        "arabic_space",
        rf"{_ARABIC}(?:[ ]+|(?=\p{{Han}}))(?=\p{{Han}})",
    ),  # `1 负责` `16负责`: 、 lost
    ("lost", r"(?P<bullet>[、.])(?=[ ]*\p{Han})"),  # a line `、负责…` whose number was lost
    ("bullet", f"(?P<bullet>[{_BULLETS}])"),  # ■ ● · - and `?` for a lost bullet
)

_MARKER_RE = regex.compile(
    "|".join(f"(?P<s{i}>{pattern})" for i, (_style, pattern) in enumerate(_STYLES)),
    regex.VERSION1,
)
# (style, group number) of each row's `s<i>` group, to tell which row matched.
_ROW_GROUPS = tuple((name, _MARKER_RE.groupindex[f"s{i}"]) for i, (name, _p) in enumerate(_STYLES))
_NUMBER_GROUPS = tuple(
    (name, _MARKER_RE.groupindex[name])
    for name in (
        "outline",
        "circled",
        "paren_digit",
        "dot_digit",
        "roman",
        "roman_lower",
        "latin",
        "cn",
        "arabic",
    )
)
# A marker must be followed by content on its line.
_CONTENT_AFTER = regex.compile(r"[ ]*[^\s]")
_CJK_AFTER_SPACES = regex.compile(r"[ ]*\p{Han}")


class Context(IntEnum):
    """Where a candidate stands: the stronger the context, the less evidence it needs."""

    GLUED = 0  # right after text: `经验4.熟悉`
    SOFT = 1  # after a space or clause punctuation: `岗位职责: 1、`
    LINE = 2  # at the start of a line


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible marker at `start:end` of the text."""

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
    """All marker candidates of normalised text, in order, look-alikes rejected."""
    found: list[Candidate] = []
    pos = 0
    while True:
        match = _MARKER_RE.search(norm, pos)
        if match is None:
            return found
        candidate = _candidate(norm, match)
        if candidate is not None:
            found.append(candidate)
            if candidate.quantity_like and candidate.outline:
                found.append(_arabic_reading(candidate))
            pos = match.end()
        else:
            pos = match.start() + 1


def _arabic_reading(c: Candidate) -> Candidate:
    """`2.2年以上` after `1.…` is `2.` + `2年以上`: offer that reading too; number
    continuity decides (tree.py takes at most one marker per position)."""
    assert c.outline is not None
    width = len(str(c.outline[0])) + 1
    return Candidate(c.start, c.start + width, "arabic", c.outline[0], None, c.context, True)


def _candidate(norm: str, match: regex.Match[str]) -> Candidate | None:
    groups = match.groups()
    style = next(name for name, index in _ROW_GROUPS if groups[index - 1] is not None)
    start, end = match.span()
    number, outline = _number({name: groups[i - 1] for name, i in _NUMBER_GROUPS})
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
# Named groups that hold a number, and how to read it.
_DIGIT_ROWS = (
    ("circled", _CIRCLED),
    ("paren_digit", _PAREN_DIGITS),
    ("dot_digit", _DOT_DIGITS),
    ("roman", _ROMAN),
    ("roman_lower", _ROMAN_LOWER),
)


def _number(groups: dict[str, str | None]) -> tuple[int | None, tuple[int, ...] | None]:
    if outline := groups["outline"]:
        parts = tuple(int(part) for part in outline.split("."))
        return parts[-1], parts
    for key, digits in _DIGIT_ROWS:
        if found := groups[key]:
            return digits.index(found) + 1, None
    if latin := groups["latin"]:
        return ord(latin.upper()) - ord("A") + 1, None
    numeral = groups["cn"] or groups["arabic"]
    return (numeral_value(numeral), None) if numeral else (None, None)


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
        return c.style in ("chapter", "part", "section", "article")
    if (before.isascii() and before.isalnum()) or before in "./-~第#":
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
