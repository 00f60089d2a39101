"""Display text of a stretch of the original: broken lines joined, spaces tidied.

>>> clean("熟\\n\\n悉淘宝直通车， 会 PS\\n  及 Excel")
'熟悉淘宝直通车， 会 PS 及 Excel'
>>> squeeze("职 责 描 述")
'职责描述'
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dutyparse.pattern_cache import compiled

# What `regex` reads as `\s`, for patterns compiled with `re` (whose `\s` also takes
# U+001C–U+001F); `tests/test_roles.py` checks the two agree.
SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# The same, and its complement, as `re` classes that compile in a fraction of the time
# (no table of wide ranges to build).
WS = r"[^\S\x1c-\x1f]"
NON_WS = r"[\S\x1c-\x1f]"
# Clause punctuation, original or normalised: a title or a heading holds none.
CLAUSE = re.compile(r"[,;。!?，；！？]")
_LINE = re.compile(f"{NON_WS}(?:[^\n]*{NON_WS})?")
_WIDE = r"[\p{Han}\p{Ps}\p{Pe}\p{Po}\u3000-\u303f\uff00-\uffef]"
_BREAK = compiled(rf"(?<={_WIDE})\s*\n\s*(?={_WIDE})")
_SPACE_BETWEEN_HAN = compiled(r"(?<=\p{Han})\s+(?=\p{Han})")
# A run of whitespace.
SPACE_RUN = re.compile(f"{WS}+")


def line_spans(text: str) -> list[tuple[int, int]]:
    r"""(start, end) of each non-blank line, surrounding spaces excluded.

    >>> line_spans(" 一 \n\n 二三")
    [(1, 2), (6, 8)]
    """
    return [m.span() for m in _LINE.finditer(text)]


def iter_line_spans(text: str) -> Iterator[tuple[int, int]]:
    """`line_spans`, made as they are read (for the first few lines of a long text)."""
    return (m.span() for m in _LINE.finditer(text))


def clean(text: str) -> str:
    """Join lines broken inside Chinese text; other whitespace runs become one space."""
    if text.isprintable() and "  " not in text:  # no whitespace but single spaces
        return text.strip()
    if "\n" in text:
        text = _BREAK.sub("", text)
    return SPACE_RUN.sub(" ", text).strip()


def squeeze(text: str) -> str:
    """`clean`, and spaces between two Han characters removed (for short titles)."""
    text = clean(text)  # its only whitespace is single spaces
    return str(_SPACE_BETWEEN_HAN.sub("", text)) if " " in text else text
