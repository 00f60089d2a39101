"""One case per marker style (SPEC §1) and per look-alike that must not be a marker."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from dutyparse import markers
from dutyparse.markers import find_candidates
from dutyparse.normalize import normalize
from tests.conftest import corpus_docs, shared_docs

# (text, marker as written, style id, number) — the first candidate found.
STYLES = [
    ("一、总则", "一、", "cn", 1),
    ("十二、附则", "十二、", "cn", 12),
    ("壹、目的", "壹、", "cn", 1),  # financial numeral
    ("一丶目的", "一丶", "cn", 1),  # 丶 typed for 、
    ("(一)职能", "(一)", "cn_paren", 1),
    ("（十二）权限", "（十二）", "cn_paren", 12),  # full-width brackets
    ("(二)、职责", "(二)、", "cn_paren", 2),
    ("一)、监事会", "一)、", "cn_rparen", 1),
    ("1、负责", "1、", "arabic", 1),
    ("1.负责", "1.", "arabic", 1),
    ("１．负责", "１．", "arabic", 1),  # full-width digits and stop
    ("12 .负责", "12 .", "arabic", 12),  # NBSP-separated stop, folded to a space
    ("4，认真负责", "4，", "arabic", 4),
    ("(1)负责", "(1)", "arabic_paren", 1),
    ("（3）负责", "（3）", "arabic_paren", 3),
    ("⑴负责", "⑴", "arabic_paren", 1),
    ("1)负责", "1)", "arabic_rparen", 1),
    ("①负责", "①", "circled", 1),
    ("Ⅱ、任职要求", "Ⅱ、", "roman", 2),
    ("ⅲ.细则", "ⅲ.", "roman_lower", 3),
    ("⑤、负责", "⑤、", "circled", 5),
    ("第一章 总则", "第一章", "chapter", 1),
    ("第壹章总则", "第壹章", "chapter", 1),
    ("第三条 适用范围", "第三条", "article", 3),
    ("第拾壹条 解释", "第拾壹条", "article", 11),
    ("第二节 安全", "第二节", "section", 2),
    ("职责一:售前客服", "职责一:", "duty", 1),
    ("A、教务处", "A、", "latin_upper", 1),
    ("B.总务处", "B.", "latin_upper", 2),
    ("a)开班", "a)", "latin_lower", 1),
    ("c. 每周巡查", "c.", "latin_lower", 3),
    ("1.1 项目经理", "1.1", "dotted2", 1),
    ("2.3.1 交底", "2.3.1", "dotted3", 1),
    ("1 负责接待", "1 ", "arabic_space", 1),
    ("■ 前厅部经理", "■", "bullet■", None),
    ("● 负责", "●", "bullet●", None),
    ("· 负责", "·", "bullet·", None),
    ("- 负责", "-", "bullet-", None),
    ("?负责采购", "?", "bullet?", None),  # a bullet lost to encoding
    ("、负责运营", "、", "lost", None),  # a number lost before its 、
]


@pytest.mark.parametrize(("text", "marker", "style", "number"), STYLES, ids=[c[0] for c in STYLES])
def test_marker_style(text: str, marker: str, style: str, number: int | None) -> None:
    found = find_candidates(normalize(text))
    assert found, "no candidate"
    first = found[0]
    assert (text[first.start : first.end], first.style, first.number) == (marker, style, number)


def test_outline_numbers_keep_every_level() -> None:
    (candidate,) = find_candidates(normalize("2.3.1 交底"))
    assert candidate.outline == (2, 3, 1)


# Text that holds numbers but nothing that could open a list (a quantity such as
# `24小时` is kept only as a continuation candidate: it never starts a list).
LOOKALIKES = [
    "薪资5-10K",
    "熟悉H5页面",
    "负责A/B类门店",
    "于2014.年入职",
    "24小时值班",
    "3年以上经验",
    "打字80字/分",
    "版本V3.2.1",
    "合格率≥98%",
    "依据第1、2条",
    "统一、规范管理",
    "每周二、四巡查",
    "总额1,000元",
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalike_is_not_a_marker(text: str) -> None:
    assert [c for c in find_candidates(normalize(text)) if not c.quantity_like] == []


@pytest.mark.parametrize(
    "text",
    ["1.5倍工资", "2.5小时内", "24小时值班"],
    ids=["times", "decimal-hours", "hours"],
)
def test_decimal_quantity_is_only_a_continuation_candidate(text: str) -> None:
    assert all(c.quantity_like for c in find_candidates(normalize(text)))


# --- The one-pass scan (first characters, look-alikes, spacing, a cheap Han test)
# --- must find what the full grammar finds when tried at every position. ---


HAN = r"\p{Han}"


@cache
def _full_grammar() -> regex.Pattern[str]:
    """The styles as one `regex` alternation, with `\\p{Han}` where the scan has a
    cheaper class, and none of the scan's shortcuts."""
    rows = []
    for i, style in enumerate(markers._STYLES):
        numbered = regex.sub(r"\(\?P<(\w+)>", rf"(?P<\1_{i}>", style.pattern)
        rows.append(f"(?P<s{i}>{numbered.replace(markers._HAN_LIKE, HAN)})")
    return regex.compile("|".join(rows), regex.VERSION1)


def _every_position(norm: str) -> list[markers.Candidate]:
    """The same candidates found the slow way: the full grammar tried at every position."""
    found: list[markers.Candidate] = []
    pos = 0
    rows = markers._grammar().rows
    while (match := _full_grammar().search(norm, pos)) is not None:
        candidate = markers._candidate(norm, match, rows[match.lastgroup or ""])
        if candidate is None:
            pos = match.start() + 1
            continue
        found.append(candidate)
        if candidate.quantity_like and candidate.outline:
            found.append(markers._arabic_reading(candidate))
        pos = match.end()
    return found


_MARKERISH = "一二十壹(（)）、.,:第章条职责 \n12０9AbⅡⅰ①⑴⒈■·-?>负责年倍%#/"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_MARKERISH, max_size=60))
def test_scan_skips_no_marker(text: str) -> None:
    norm = normalize(text)
    assert find_candidates(norm) == _every_position(norm)


@pytest.mark.parametrize("path", corpus_docs() + shared_docs(), ids=lambda p: p.stem)
def test_scan_skips_no_marker_in_documents(path: Path) -> None:
    norm = normalize(path.read_text(encoding="utf-8"))
    assert find_candidates(norm) == _every_position(norm)
