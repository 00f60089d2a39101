"""Normalise text for matching, one character for one character.

The normalised text has exactly the length of the original, so an index into it is an
index into the original: offsets never need mapping back. What is folded:

- width (NFKC where it yields one character): `（１）` → `(1)`, `：` → `:`;
  circled and parenthesised numbers (`①`, `⑴`) stay, they are marker styles of their own;
- every space variant (NBSP, ideographic space, zero-width characters) → ` `;
  `\\r\\n` → ` \\n`, a lone `\\r` → `\\n`;
- `丶` used as `、`, financial numerals (`壹` → `一`) and a few Traditional forms, from
  `lexicons/fold.toml`;
- Traditional → Simplified for every Han character that Simplified text never uses
  (one outside GB 2312: `職責` → `职责`, `週` → `周`), converted with OpenCC's
  character table (`opencc-purepy`, loaded only when such a character occurs), so that
  cue words, time words and roles written once in Simplified match both.

>>> normalize("（１）\u3000第壹條\\r\\n"), normalize("店長職責")
('(1) 第一条 \\n', '店长职责')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache
from typing import cast

from dutyparse.lexicons import table

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_SPACES += "\u200b\u200c\u200d\u2060\u202f\u205f\u3000\ufeff\t\f\v"


def _keeps_own_style(ch: str) -> bool:
    """Enclosed alphanumerics (`①`, `⑴`, `㉑`) and Roman numerals (`Ⅱ`) are markers;
    NFKC would erase that (`Ⅱ` → `II`, `Ⅰ` → `I`)."""
    return (
        "\u2460" <= ch <= "\u24ff"
        or "\u3251" <= ch <= "\u32bf"
        or "\u3220" <= ch <= "\u3243"
        or "\u2160" <= ch <= "\u217f"
    )


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
    if _traditional_only(ch):
        simplified = _to_simplified(ch)
        if len(simplified) == 1:
            return simplified
    nfkc = unicodedata.normalize("NFKC", ch)
    return nfkc if len(nfkc) == 1 and not nfkc.isspace() else (" " if nfkc.isspace() else ch)


def _traditional_only(ch: str) -> bool:
    """A Han character outside GB 2312, the Simplified character set."""
    if not "\u3400" <= ch <= "\u9fff":
        return False
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


@cache
def _converter() -> Callable[[str], str]:
    from opencc_purepy import OpenCC  # loaded on first Traditional character only

    return cast(Callable[[str], str], OpenCC("t2s").convert)


def _to_simplified(ch: str) -> str:
    return _converter()(ch)


def simplify(text: str) -> str:
    """Only the Traditional → Simplified part of `normalize`, same length.

    >>> simplify("每週參加")
    '每周参加'
    """
    table = {ord(ch): _to_simplified(ch) for ch in set(text) if _traditional_only(ch)}
    return text.translate({k: v for k, v in table.items() if len(v) == 1})


class _FoldTable(dict[int, str]):
    """`str.translate` table that works out each character's fold the first time it
    is asked for it and keeps it (no pass to collect a text's characters first)."""

    _LIMIT = 1 << 16  # distinct characters kept; hostile text must not grow it forever

    def __missing__(self, code: int) -> str:
        if len(self) >= self._LIMIT:
            self.clear()
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLDS = _FoldTable()


# Texts shorter than this are translated with `_FOLDS`; in a longer one, the few
# characters that fold are each replaced throughout (`fold_each`).
_TRANSLATE_MAX = 48
# Up to this many distinct folding characters, `fold_each` replaces them one by one.
_REPLACE_MAX = 32
# A character GB 2312 cannot encode, in text encoded with "xmlcharrefreplace".
_CHAR_REF = re.compile(rb"&#([0-9]{1,7});")


def normalize(text: str) -> str:
    """Same-length matching form of `text` (see module docstring)."""
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    if len(text) < _TRANSLATE_MAX:
        return text.translate(_FOLDS)
    return fold_each(text, {*_gb2312_folding().findall(text), *outside_gb2312(text)}, fold_char)


def fold_each(text: str, candidates: Iterable[str], fold: Callable[[str], str]) -> str:
    """`text` with each of its characters that fold by `fold` folded, `candidates`
    holding them all (and maybe others). A long document holds few such characters
    (`，`, `：`, a Traditional form or two): each is replaced throughout, 3x faster than
    `str.translate`, which looks every character up. Translating stays for many, or for
    one whose result folds again (replacing one after the other would fold it twice).

    >>> fold_each("第壹條，共貳條", "壹條貳，", fold_char)
    '第一条,共二条'
    """
    folds = {ch: folded for ch in candidates if (folded := fold(ch)) != ch}
    if len(folds) > _REPLACE_MAX or not folds.keys().isdisjoint(folds.values()):
        return text.translate({ord(ch): folded for ch, folded in folds.items()})
    for ch, folded in folds.items():
        text = text.replace(ch, folded)
    return text


def outside_gb2312(text: str) -> set[str]:
    """The characters of `text` that GB 2312 cannot encode (Traditional-only forms,
    unusual spaces and symbols), in two C-speed scans instead of `set(text)`, which
    makes a string object of every CJK character. A text that spells a character out
    as `&#number;` adds that one too: harmless where each is only a candidate.

    >>> sorted(outside_gb2312("每週２次,共3天〇"))
    ['〇', '週']
    """
    if text.isascii():
        return set()
    encoded = text.encode("gb2312", "xmlcharrefreplace")
    codes = {int(code) for code in _CHAR_REF.findall(encoded)}
    return {chr(code) for code in codes if code <= 0x10FFFF}


@cache
def _gb2312_folding() -> re.Pattern[str]:
    """Any character of GB 2312 or ASCII that may fold: a space, a full-width form, a
    fold.toml key (`tests/test_normalize.py` checks every character of GB 2312)."""
    keys = re.escape("".join(_fold_table()) + _SPACES)
    return re.compile(f"[\u3000\uff01-\uffef{keys}]")
