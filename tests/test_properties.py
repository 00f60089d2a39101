"""Property tests: for any text, `parse` returns, spans are sane and nested, the
output is lossless and deterministic. Text is generated from the pieces real documents
are made of (markers of every style, Chinese, punctuation, every whitespace variant)
plus control characters, emoji and astral characters."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dutyparse
from dutyparse.models import Document
from tests.test_lossless import coverage_errors

PIECES = [
    "一、", "（二）", "(3)", "3）", "十二、", "一)、", "第壹章", "第三条", "职责一:", "A、", "b)",
    "1.1", "2.3.1", "1、", "2.", "１．", "①", "⑤、", "Ⅱ、", "■", "●", "·", "-", "?", "、",
    "岗位职责：", "任职要求:", "【岗位职责】", "【活动前】", "目录", "(12)", "……3", "相关文档",
    "第 1 页 共 3 页", "1 / 23", "- 百度文库", "负责", "协助主管", "每周最少一次", "每月28号之前",
    "次月5号前", "5-10K", "H5", "A/B类", "2014.", "24小时", "1.5倍", "熟", "悉", "職責", "店長",
    "。", "；", "，", ":", "!", "\n", "\n\n", "\r\n", " ", "\u3000", "\u00a0", "\u200b", "\t",
    "\x00", "\x07", "\ufeff", "\ufffd", "🙂", "𠀀", "e\u0301", "(", ")", "【", "】",
]

texts = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=6)),
    max_size=60,
).map("".join)


def check_spans(doc: Document, text: str) -> None:
    def inside(start: int, end: int, lo: int = 0, hi: int = len(text)) -> None:
        assert lo <= start <= end <= hi, (start, end, lo, hi)

    for item in doc.items:
        inside(item.start, item.end)
    for section in doc.iter_sections():
        inside(section.start, section.end)
        inside(section.title_start, section.title_end, section.start, section.end)
        for item in section.items:
            inside(item.start, item.end, section.start, section.end)
            for expr in [*item.frequency, *item.deadline, *item.mentions]:
                inside(expr.start, expr.end, item.start, item.end)
        for child in section.sections:
            inside(child.start, child.end, section.start, section.end)
    for block in doc.skipped:
        inside(block.start, block.end)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_parse_never_fails_and_spans_are_sane(text: str) -> None:
    doc = dutyparse.parse(text)
    check_spans(doc, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_lossless_and_deterministic(text: str) -> None:
    assert coverage_errors(text) == []
    assert dutyparse.parse(text).model_dump_json() == dutyparse.parse(text).model_dump_json()
