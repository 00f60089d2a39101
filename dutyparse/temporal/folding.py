"""Same-length folding of text before time expressions are matched.

Every character maps to exactly one character, so an index into the folded text is an
index into the original and spans need no mapping back. What folds:

- full-width ASCII → ASCII (`１２` → `12`, `：` → `:`), every space variant → ` `,
  dashes and wave dashes → `-` / `~` (`2—3次` → `2-3次`);
- Traditional → Simplified (`trad_simp.txt` and the `[traditional]` and `[punctuation]`
  groups of `fold.toml`, shared with the structure parser), so `每週`, `每個月`, `隨時`
  match the Simplified grammar; fold.toml's `[numerals]` group is *not* used: it folds
  參 → 三 and 陸 → 六 for markers, but in running text 每週參加 must not read 每周三加;
- financial numerals → everyday ones (`time_variants.txt`): `每季度壹次` → `每季度一次`.

>>> fold("每週２－３次，每個月壹次")
'每周2-3次,每个月一次'
"""

from __future__ import annotations

from functools import cache

from dutyparse.lexicons import lines, table

# Dashes and tildes that people type between the ends of a range (2—3次, 1～2天).
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_TILDES = "\u301c\uff5e\u223c"
_SPACES = "\u00a0\u2002\u2003\u2009\u200b\u202f\u3000\ufeff"


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
    folds.update(_pairs("trad_simp.txt"))
    folds.update(_pairs("time_variants.txt"))
    return {ord(source): target for source, target in folds.items() if len(target) == 1}


def fold(text: str) -> str:
    """Matching form of `text`, exactly as long as `text` (see module docstring)."""
    return text.translate(fold_table())
