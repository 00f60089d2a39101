"""Normalisation is one character for one character (offsets need no mapping)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dutyparse import normalize as normalize_module
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


# --- A long text is folded by replacing its few folding characters, not translated. ---


def _gb2312_and_ascii() -> list[str]:
    """Every character of ASCII and of GB 2312 (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    found = [chr(code) for code in range(128)]
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                found.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def test_every_gb2312_fold_is_a_candidate() -> None:
    candidate = normalize_module._gb2312_folding()
    missed = [ch for ch in _gb2312_and_ascii() if fold_char(ch) != ch and not candidate.match(ch)]
    assert missed == []


@pytest.mark.parametrize(
    "text",
    [
        "（１）第壹條\u3000總則\r\n岗位职责：负责…" * 300,  # full-width, Traditional, 壹
        "一丶目的〇𠀀\u00a0ｅ\u0301；" * 400,  # outside GB 2312: 〇, astral, NBSP, combining
        "&#36913;週﹑、" * 500,  # a text that spells out a character reference
        "".join(chr(0xFF01 + i % 94) for i in range(5000)),  # more folds than replaced
    ],
    ids=["mixed", "outside-gb2312", "char-ref", "many-folds"],
)
def test_long_text_folds_as_translate_does(text: str) -> None:
    translated = text.replace("\r\n", " \n").replace("\r", "\n").translate(normalize_module._FOLDS)
    assert len(text) >= normalize_module._TRANSLATE_MAX
    assert normalize(text) == translated


# Any text, short (translated) or long (its folding characters replaced): each character
# folds as it would alone. The alphabet mixes GB 2312 Han, Traditional-only forms,
# full-width forms, spaces, circled numbers, astral characters and `&#` (a text that
# spells out a character reference).
_ALPHABET = (
    "岗位职责每周一次條總則職貳壹丶（）：；，１Ａ" + "\u3000\u00a0\u200b①⑴Ⅱ〇𠀀&#0123456789;週 \n"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=400))
def test_normalize_folds_each_character_alone(text: str) -> None:
    expected = "".join(fold_char(ch) for ch in text.replace("\r\n", " \n").replace("\r", "\n"))
    assert normalize(text) == expected
