"""Normalisation is one character for one character (offsets need no mapping)."""

from __future__ import annotations

import pytest

from dutyparse.normalize import fold_char, normalize

FOLDS = [
    ("（", "("),
    ("）", ")"),
    ("１", "1"),
    ("．", "."),
    ("，", ","),
    ("：", ":"),
    ("；", ";"),
    ("Ａ", "A"),
    ("\u3000", " "),  # ideographic space
    ("\u00a0", " "),  # NBSP
    ("\u200b", " "),  # zero-width space
    ("\ufeff", " "),  # BOM inside text
    ("丶", "、"),
    ("壹", "一"),
    ("貳", "二"),
    ("拾", "十"),
    ("條", "条"),  # Traditional → Simplified (OpenCC table)
    ("職", "职"),
    ("①", "①"),  # circled numbers keep their own marker style
    ("⑴", "⑴"),
    ("Ⅱ", "Ⅱ"),  # and so do Roman numerals
    ("、", "、"),
    ("。", "。"),
]


@pytest.mark.parametrize(("char", "folded"), FOLDS, ids=[repr(c) for c, _f in FOLDS])
def test_fold_char(char: str, folded: str) -> None:
    assert fold_char(char) == folded


@pytest.mark.parametrize(
    "text",
    ["a\r\nb", "x\ry", "㈠㊀ﬁ…", "🙂𠀀e\u0301", "第壹章\u3000总则\r\n", ""],
    ids=["crlf", "cr", "multi-char-nfkc", "astral-combining", "mixed", "empty"],
)
def test_same_length(text: str) -> None:
    assert len(normalize(text)) == len(text)


def test_crlf_keeps_one_line_break() -> None:
    assert normalize("a\r\nb").count("\n") == 1
