"""Same-length folding of text before time expressions are matched.

Every character maps to exactly one character, so an index into the folded text is an
index into the original and spans need no mapping back. What folds:

- full-width ASCII → ASCII (`１２` → `12`, `：` → `:`), every space variant → ` `,
  dashes and wave dashes → `-` / `~` (`2—3次` → `2-3次`);
- Traditional → Simplified (`normalize.simplify`, and the `[traditional]` and
  `[punctuation]` groups of `fold.toml`, shared with the structure parser), so `每週`,
  `每個月`, `隨時` match the Simplified grammar; fold.toml's `[numerals]` group is *not*
  used: it folds 陆 → 六 for markers (`第陆条`), but running text has 陆续;
- financial numerals → everyday ones (`time_variants.txt`): `每季度壹次` → `每季度一次`.

>>> fold("每週２－３次，每個月壹次")
'每周2-3次,每个月一次'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache, lru_cache

from dutyparse.lexicons import lines, table
from dutyparse.normalize import fold_each, outside_gb2312, simplify
from dutyparse.pattern_cache import compiled

# Dashes and tildes that people type between the ends of a range (2—3次, 1～2天).
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_TILDES = "\u301c\uff5e\u223c"
_SPACES = "\u00a0\u2002\u2003\u2009\u200b\u202f\u3000\ufeff"
_SPACE = compiled(r"\s")
# What joins the cuts of a text (cuts_without_spaces): no gate or space holds it.
_JOINT = "\x00"
# Whitespace to `str.split`, not to `regex` (its `\s`): see without_spaces.
_QUIET_SPACES = "\x1c\x1d\x1e\x1f"


def _pairs(name: str) -> dict[str, str]:
    """`variant target` lines of a lexicon as a mapping."""
    pairs = (entry.split() for entry in lines(name))
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


@cache
def fold_table() -> dict[int, str]:
    """The `str.translate` table; built on first use, then cached."""
    folds = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    folds.update({ch: "-" for ch in _DASHES})
    folds.update({ch: "~" for ch in _TILDES})
    folds.update({ch: " " for ch in _SPACES})
    shared = table("fold.toml")
    folds.update(shared.get("punctuation", {}))
    folds.update(shared.get("traditional", {}))
    folds.update(_pairs("time_variants.txt"))
    return {ord(source): target for source, target in folds.items() if len(target) == 1}


def fold(text: str) -> str:
    """Matching form of `text`, exactly as long as `text` (see module docstring): its
    characters that fold are the fold table's keys and characters outside GB 2312
    (`simplify` changes only Han characters outside it), each folded throughout
    (`normalize.fold_each`).

    >>> fold("每週２次，共3天")
    '每周2次,共3天'
    """
    return fold_each(text, {*_fold_keys().findall(text), *outside_gb2312(text)}, fold_char)


@cache
def _fold_keys() -> re.Pattern[str]:
    """Any character the fold table folds."""
    keys = "".join(re.escape(chr(code)) for code in sorted(fold_table()))
    return re.compile(f"[{keys}]")


@lru_cache(maxsize=1 << 14)
def fold_char(ch: str) -> str:
    """The matching form of one character: the fold table, then Traditional → Simplified.

    >>> fold_char("週"), fold_char("－"), fold_char("壹"), fold_char("陆")
    ('周', '-', '一', '陆')
    """
    return simplify(fold_table().get(ord(ch), ch))


class Unsqueezed:
    """Indices of `without_spaces(text)` as indices into `text`, worked out where asked
    (a text holds a few expressions, and many characters). Lines broken inside an
    expression (`每\\n周`, `3 次/周`) match once squeezed; a span `[s, e)` of the squeezed
    text is `[where[s], where[e - 1] + 1)` of `text`.

    >>> where = Unsqueezed("每\\n周 一次")
    >>> [where[i] for i in range(4)]
    [0, 2, 4, 5]
    """

    __slots__ = ("kept", "runs")

    def __init__(self, text: str) -> None:
        self.kept: list[int] = []  # where each run of non-spaces starts, squeezed
        self.runs: list[int] = []  # and in `text`
        kept = at = 0
        for part in text.split():  # runs of what `re` and `str` call non-space, in order
            at = text.find(part, at)
            self.kept.append(kept)
            self.runs.append(at)
            kept, at = kept + len(part), at + len(part)

    def __getitem__(self, index: int) -> int:
        run = bisect_right(self.kept, index) - 1
        return self.runs[run] + index - self.kept[run]


def cuts_without_spaces(text: str, spans: Sequence[tuple[int, int]]) -> tuple[list[str], str]:
    """`without_spaces` of each `text[start:end]` of `spans`, and all of them joined by
    one character that is none of theirs (NUL, else a line break). Done over the cuts
    joined, in three C-speed passes instead of a call per cut; cut by cut only when the
    joint is in the text, or U+001C … U+001F are (`without_spaces` keeps those where
    no other space stands, a test of each cut).

    >>> cuts_without_spaces("1、每\\n周一次\\n2、负责", [(0, 7), (8, 12)])
    (['1、每周一次', '2、负责'], '1、每周一次\\x002、负责')
    """
    joined = _JOINT.join([text[start:end] for start, end in spans])
    if joined.count(_JOINT) != len(spans) - 1 or any(ch in joined for ch in _QUIET_SPACES):
        cuts = [without_spaces(text[start:end]) for start, end in spans]
        return cuts, "\n".join(cuts)
    joined = "".join(joined.split())  # every `str.isspace` character out, the joints kept
    return joined.split(_JOINT), joined


def without_spaces(text: str) -> str:
    """`text` without whitespace (`text` itself when nothing is squeezed out): the cheap
    test most texts need.

    >>> without_spaces("每\\n周 一次"), without_spaces("每周\\x1c一次")
    ('每周一次', '每周\\x1c一次')
    """
    if " " not in text and text.isprintable():
        return text  # the common case: `str` calls every space but " " unprintable
    parts = text.split()  # at what `str.isspace`, the `\s` of `re`, calls whitespace
    if len(parts) == 1 and len(parts[0]) == len(text):
        return text
    if not _SPACE.search(text):
        return text  # U+001C … U+001F only: whitespace to `str`, not to `regex`
    return "".join(parts)
