"""One small document per structure rule (SPEC §2): what the tree must look like."""

from __future__ import annotations

from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import dutyparse
from dutyparse.layout import spaced_copies
from dutyparse.models import Document, Section


def outline(doc: Document) -> list[Any]:
    """A compact view: items as `marker text`, sections as (title, [children])."""

    def items(found: list[dutyparse.Item]) -> list[Any]:
        return [f"{i.marker or ''}{i.text}" for i in found]

    def section(s: Section) -> tuple[str, list[Any]]:
        children: list[Any] = sorted(
            [(i.start, v) for i, v in zip(s.items, items(s.items), strict=True)]
            + [(c.start, section(c)) for c in s.sections],
            key=lambda pair: pair[0],
        )
        return s.title, [v for _k, v in children]

    top = sorted(
        [(i.start, v) for i, v in zip(doc.items, items(doc.items), strict=True)]
        + [(s.start, section(s)) for s in doc.sections],
        key=lambda pair: pair[0],
    )
    return [v for _k, v in top]


CASES = [
    pytest.param(
        "岗位职责：1、负责接待；2、协助主管任职要求：1、本科；2、细心",
        [("岗位职责", ["1、负责接待；", "2、协助主管"]), ("任职要求", ["1、本科；", "2、细心"])],
        id="flattened-posting",
    ),
    pytest.param(
        "任职要求：1.熟悉html有项目经验2.熟悉webpack打包3.熟悉gulp",
        [("任职要求", ["1.熟悉html有项目经验", "2.熟悉webpack打包", "3.熟悉gulp"])],
        id="marker-glued-to-text",
    ),
    pytest.param(
        "一、总经理职责\n1、全面管理\n2、审批费用\n二、主管职责\n1、排班",
        [("总经理职责", ["1、全面管理", "2、审批费用"]), ("主管职责", ["1、排班"])],
        id="style-closes-back",
    ),
    pytest.param(
        "一、总则\n（一）目的\n1.明确职责\n（1）岗位\n（2）人员\n2.规范流程\n（二）范围\n二、附则",
        [
            (
                "总则",
                [
                    ("目的", [("明确职责", ["（1）岗位", "（2）人员"]), "2.规范流程"]),
                    "（二）范围",
                ],
            ),
            "二、附则",
        ],
        id="gbt9704-four-levels",
    ),
    pytest.param(
        "商贸公司岗位职责\n岗位人员工作职责\n一、经理职责:\n1、管理\n二、会计职责:\n1、记账",
        [("岗位人员工作职责", [("经理职责", ["1、管理"]), ("会计职责", ["1、记账"])])],
        id="label-line-opens-section",
    ),
    pytest.param(
        "【岗位职责】\n1、接听电话\n【任职要求】\n1、普通话标准",
        [("岗位职责", ["1、接听电话"]), ("任职要求", ["1、普通话标准"])],
        id="bracket-labels",
    ),
    pytest.param(
        "【岗位职责】1、负责接待；2、负责回访【任职要求】1、本科",
        [("岗位职责", ["1、负责接待；", "2、负责回访"]), ("任职要求", ["1、本科"])],
        id="bracket-labels-flattened",
    ),
    pytest.param(
        "岗位职责\n1、熟\n\n悉淘宝直通车\n2、会 PS",
        [("岗位职责", ["1、熟悉淘宝直通车", "2、会 PS"])],
        id="broken-lines-joined",
    ),
    pytest.param(
        "第一章 总则\n第一条 目的\n第二条 范围\n第二章 职责\n第三条 经理负责",
        [("总则", ["第一条目的", "第二条范围"]), ("职责", ["第三条经理负责"])],
        id="articles-count-on-across-chapters",
    ),
    pytest.param(
        "1 项目经理\n1.1 组织施工\n1.2 管理安全\n2 技术负责人\n2.1 技术交底",
        [("项目经理", ["1.1组织施工", "1.2管理安全"]), ("技术负责人", ["2.1技术交底"])],
        id="decimal-outline",
    ),
    pytest.param(
        "■ 前厅经理\n? 管理前厅\n? 处理投诉\n■ 礼宾员\n? 迎送宾客",
        [("前厅经理", ["?管理前厅", "?处理投诉"]), ("礼宾员", ["?迎送宾客"])],
        id="bullet-kinds-nest",
    ),
    pytest.param(
        "岗位职责\n、负责运营\n2、负责推广\n3、负责客服",
        [("岗位职责", ["、负责运营", "2、负责推广", "3、负责客服"])],
        id="lost-first-number",
    ),
    pytest.param(
        "1.负责营业厅秩序；\n岗位要求：\n1.本科学历；\n2.2年以上经验",
        ["1.负责营业厅秩序；", ("岗位要求", ["1.本科学历；", "2.2年以上经验"])],
        id="number-before-quantity",
    ),
    pytest.param(
        "2、整理资料\n8、用数据说话！负责监控\n任职资格：\n1、精通直通车",
        ["2、整理资料", "8、用数据说话！负责监控", ("任职资格", ["1、精通直通车"])],
        id="label-closes-duty-items",
    ),
    pytest.param(
        "二、回访 客户需求不断变化。 回访内容: 1.询问评价; 2.提醒续卡 三、投诉处理",
        [
            ("回访", ["客户需求不断变化。", ("回访内容", ["1.询问评价;", "2.提醒续卡"])]),
            "三、投诉处理",
        ],
        id="inline-name-before-list",
    ),
    pytest.param(
        "岗位名称：出纳\n所属部门：财务部\n岗位职责：\n（1）现金收付；\n（2）银行对账",
        ["岗位名称：出纳", "所属部门：财务部", ("岗位职责", ["（1）现金收付；", "（2）银行对账"])],
        id="form-fields-are-paragraphs",
    ),
    pytest.param(
        "Ⅰ、岗位职责\n1. 负责接待\nⅡ、任职要求\n1. 本科",
        [("岗位职责", ["1.负责接待"]), ("任职要求", ["1.本科"])],
        id="roman-numerals",
    ),
    pytest.param(
        "说明如下: 1、本科 2、经验 3、普通话 每周二、四巡查",
        [("说明如下", ["1、本科", "2、经验", "3、普通话 每周二、四巡查"])],
        id="weekday-list-is-not-a-marker",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_structure(text: str, expected: list[Any]) -> None:
    assert outline(dutyparse.parse(text)) == expected


def test_title_and_repeated_title() -> None:
    doc = dutyparse.parse("商贸公司岗位职责\n\n商贸公司岗位职责\n一、经理\n1、管理")
    assert doc.title == "商贸公司岗位职责"
    assert [(s.reason, s.text) for s in doc.skipped] == [("duplicate_title", "商贸公司岗位职责")]


def test_table_of_contents_is_skipped() -> None:
    text = "制度汇编\n目录 一、总则 (1) 二、职责 (2) 三、附则 (3)\n\n一、总则\n1、适用范围"
    doc = dutyparse.parse(text)
    assert [s.reason for s in doc.skipped] == ["toc"]
    assert outline(doc) == [("总则", ["1、适用范围"])]


def test_page_furniture_is_skipped_and_cut_out_of_items() -> None:
    text = "岗位职责\n1、负责 3 / 12 管理\n相关文档\n2、协助"
    doc = dutyparse.parse(text)
    assert [s.reason for s in doc.skipped] == ["furniture", "furniture"]
    assert [i.text for i in doc.iter_items()] == ["负责管理", "协助"]


def test_posting_title_before_flattened_text() -> None:
    doc = dutyparse.parse("行政专员 (一)主要职责: 1、行政工作 2、人事工作")
    assert doc.title == "行政专员"
    assert outline(doc) == [("主要职责", ["1、行政工作", "2、人事工作"])]


def test_offsets_index_the_original_text() -> None:
    text = "岗位职责：\r\n１．负责接待；\u3000２．协助主管"
    doc = dutyparse.parse(text)
    for item in doc.iter_items():
        assert text[item.start : item.end].startswith(item.marker or "")
        assert item.text.rstrip("；") in text[item.start : item.end]


def test_repeated_list_restarts_as_siblings_not_deeper() -> None:
    text = "1、负责秩序；2、每日巡查；3、向主管汇报。" * 50
    doc = dutyparse.parse(text)
    assert doc.sections == [] and len(doc.items) == 150


def test_nesting_depth_is_bounded() -> None:
    doc = dutyparse.parse("1、标题:\n" * 200)  # each heading announces a list of its own
    depth, stack = 0, [(s, 1) for s in doc.sections]
    while stack:
        section, level = stack.pop()
        depth = max(depth, level)
        stack.extend((child, level + 1) for child in section.sections)
    assert 2 < depth <= 32


# ── layout.spaced_copies finds what `\s*` between the characters finds ──────────────────
@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="岗位职责书 \n\t\u3000\x1c\xa0ab", max_size=40),
    st.text(alphabet="岗位职责书ab", min_size=1, max_size=4),
    st.integers(0, 10),
)
def test_spaced_copies_are_the_regex_matches(text: str, word: str, pos: int) -> None:
    pattern = regex.compile(r"\s*".join(regex.escape(ch) for ch in word))
    expected = [m.span() for m in pattern.finditer(text, pos)]
    assert list(spaced_copies(text, word, pos)) == expected
