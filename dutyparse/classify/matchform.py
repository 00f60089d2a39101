"""The matching form of text for role, organisation and section-kind rules.

One character for one character, so an index into the matching form is an index into the
original: the folds of `dutyparse.normalize` (width, spaces, variant numerals, Traditional
→ Simplified), so that lexicons written in Simplified match `職責` and `網吧店長` as well.
Output always slices the original text. A document is folded once (`fold`), and the
matching form of a window of it is cut from that (`Folded.window`), not folded again.

>>> fold("網吧店長崗位職責（一）")
'网吧店长岗位职责(一)'
"""

from __future__ import annotations

from typing import NamedTuple

from dutyparse.normalize import normalize

# Distinct texts (role names, headings) whose reading is kept by the classifiers: a bound
# on memory far above what one document names, which names its roles again and again.
CACHE_SIZE = 1 << 14


def fold(text: str) -> str:
    """Same-length matching form of `text` (see module docstring)."""
    return normalize(text)


class Folded(NamedTuple):
    """A text and its matching form, folded once: a window's form is cut, not folded."""

    text: str
    folded: str

    @classmethod
    def of(cls, text: str) -> Folded:
        return cls(text, fold(text))

    def window(self, start: int, end: int) -> str:
        """`fold(text[start:end])`, cut from the folded text.

        The two differ only where the window ends between `\\r` and `\\n`: in the
        text `\\r\\n` folds to ` \\n`, but a window's last `\\r` is a line break.

        >>> source = Folded.of("店長\\r\\n職責")
        >>> source.window(0, 3) == fold("店長\\r") == "店长\\n"
        True
        """
        window = self.folded[start:end]
        text = self.text
        if start < end < len(text) and text[end - 1] == "\r" and text[end] == "\n":
            window = window[:-1] + "\n"
        return window


def squeeze(text: str) -> str:
    """`text` without any whitespace: a role broken across lines reads as one word.

    >>> squeeze("客户服务 \\n部")
    '客户服务部'
    """
    return "".join(text.split())
