"""Normalise text for matching, one character for one character.

The normalised text has exactly the length of the original, so an index into it is an
index into the original: offsets never need mapping back. What is folded:

- width (NFKC where it yields one character): `（１）` → `(1)`, `：` → `:`;
  circled and parenthesised numbers (`①`, `⑴`) stay, they are marker styles of their own;
- every space variant (NBSP, ideographic space, zero-width characters) → ` `;
  `\\r\\n` → ` \\n`, a lone `\\r` → `\\n`;
- `丶` used as `、`; financial numerals in markers (`壹` → `一`) and the Traditional forms
  of the few characters markers are made of (`條` → `条`), from `lexicons/fold.toml`.

>>> normalize("（１）\u3000第壹條\\r\\n")
'(1) 第一条 \\n'
"""

from __future__ import annotations

import unicodedata
from functools import cache

from dutyparse.lexicons import table

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_SPACES += "\u200b\u200c\u200d\u2060\u202f\u205f\u3000\ufeff\t\f\v"


def _keeps_own_style(ch: str) -> bool:
    """Enclosed alphanumerics (`①`, `⑴`, `㉑`) are markers; NFKC would erase that."""
    return "\u2460" <= ch <= "\u24ff" or "\u3251" <= ch <= "\u32bf" or "\u3220" <= ch <= "\u3243"


@cache
def _fold_table() -> dict[str, str]:
    folds: dict[str, str] = {}
    for group in table("fold.toml").values():
        folds.update(group)
    return folds


@cache
def fold_char(ch: str) -> str:
    """The matching form of one character (always one character).

    >>> fold_char("Ａ"), fold_char("①"), fold_char("\u3000"), fold_char("丶")
    ('A', '①', ' ', '、')
    """
    if ch in _SPACES:
        return " "
    folded = _fold_table().get(ch)
    if folded is not None:
        return folded
    if ch.isascii() or _keeps_own_style(ch):
        return ch
    nfkc = unicodedata.normalize("NFKC", ch)
    return nfkc if len(nfkc) == 1 and not nfkc.isspace() else (" " if nfkc.isspace() else ch)


def normalize(text: str) -> str:
    """Same-length matching form of `text` (see module docstring)."""
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    return text.translate({ord(ch): fold_char(ch) for ch in set(text)})
