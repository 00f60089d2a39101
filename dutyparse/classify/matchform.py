"""The matching form of text for role, organisation and section-kind rules.

One character for one character, so an index into the matching form is an index into the
original: the folds of `dutyparse.normalize` (width, spaces, variant numerals, Traditional
→ Simplified), so that lexicons written in Simplified match `職責` and `網吧店長` as well.
Output always slices the original text.

>>> fold("網吧店長崗位職責（一）")
'网吧店长岗位职责(一)'
"""

from __future__ import annotations

from dutyparse.normalize import normalize


def fold(text: str) -> str:
    """Same-length matching form of `text` (see module docstring)."""
    return normalize(text)


def squeeze(text: str) -> str:
    """`text` without any whitespace: a role broken across lines reads as one word.

    >>> squeeze("客户服务 \\n部")
    '客户服务部'
    """
    return "".join(text.split())
