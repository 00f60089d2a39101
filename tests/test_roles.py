"""Roles (issue 4, SPEC §3): the role a heading, title or label names, canonical role
ids, the organisation, and how `annotate_roles` hands them down a document tree.

Case tables live in `corpora/roles/*.tsv`, one test id per row.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex

from dutyparse.classify.matchform import Folded, fold
from dutyparse.classify.organization import find_organization
from dutyparse.classify.role_text import heading_role, label_role, title_role
from dutyparse.classify.roles import annotate_roles
from dutyparse.lexicons import lines
from dutyparse.records import Document, Item, Section
from dutyparse.roles import canonical, is_known, surfaces
from dutyparse.textclean import SPACE
from tests.conftest import corpus_docs

CASES = Path(__file__).resolve().parents[1] / "corpora" / "roles"


def table(name: str) -> list[list[str]]:
    """Rows of a case table: `#` comment lines and the header row dropped."""
    rows = [line.split("\t") for line in (CASES / name).read_text("utf-8").splitlines()]
    return [row for row in rows if row[0] and not row[0].startswith("#")][1:]


def none_if_dash(value: str) -> str | None:
    return None if value == "-" else value


READERS = {"heading": heading_role, "title": title_role, "label": label_role}
ROLE_ROWS = table("roles.tsv")


@pytest.mark.parametrize(
    ("where", "text", "expected", "note"), ROLE_ROWS, ids=[f"{r[0]}:{r[1]}" for r in ROLE_ROWS]
)
def test_role_case(where: str, text: str, expected: str, note: str) -> None:
    assert READERS[where](text) == none_if_dash(expected), note


CANONICAL_ROWS = table("canonical.tsv")


@pytest.mark.parametrize(
    ("name", "role_id", "note"), CANONICAL_ROWS, ids=[r[0].strip() for r in CANONICAL_ROWS]
)
def test_canonical_case(name: str, role_id: str, note: str) -> None:
    assert canonical(name) == role_id, note


ORG_ROWS = table("organizations.tsv")


@pytest.mark.parametrize(("text", "expected", "note"), ORG_ROWS, ids=[r[0] for r in ORG_ROWS])
def test_organization_case(text: str, expected: str, note: str) -> None:
    assert find_organization(text.replace("\\n", "\n")) == none_if_dash(expected), note


def test_canonical_of_nothing_is_none() -> None:
    assert (canonical(None), canonical(""), canonical(" \u3000")) == (None, None, None)


def test_known_roles() -> None:
    assert is_known("库管员") and is_known("客户服务部经理") and not is_known("会务方向")


# ── the role lexicon ───────────────────────────────────────────────────────


def test_role_lexicon_has_at_least_300_roles() -> None:
    assert len(set(surfaces().values())) >= 300


def test_role_lexicon_surface_forms_are_unique() -> None:
    forms = [name.strip() for entry in lines("role_lexicon.txt") for name in entry.split("|")]
    assert len(forms) == len(set(forms))


@pytest.mark.parametrize(
    "name",
    [
        "role_lexicon.txt",
        "role_heads.txt",
        "role_false_heads.txt",
        "role_generic.txt",
        "role_suffixes.txt",
        "role_titles.txt",
        "role_units.txt",
        "role_stops.txt",
        "role_label_verbs.txt",
        "role_decorations.txt",
        "mention_roles.txt",
        "mention_breakers.txt",
        "mention_blockers.txt",
        "org_suffixes.txt",
        "org_generic.txt",
        "org_descriptive.txt",
        "places.txt",
    ],
)
def test_role_lexicon_is_in_matching_form(name: str) -> None:
    """Entries are Simplified and folded, since rules match the folded text."""
    assert [entry for entry in lines(name) if fold(entry) != entry] == []


@pytest.mark.parametrize(
    ("written", "matched"),
    [("網吧店長", "网吧店长"), ("職責", "职责"), ("幼兒園", "幼儿园"), ("著作", "著作")],
)
def test_traditional_folds_to_simplified(written: str, matched: str) -> None:
    assert fold(written) == matched


# ── annotate_roles over a document tree ───────────────────────────────────


def item(text: str, body: str, marker: str | None = None) -> Item:
    """An item whose span is the first `marker + body` in `text`."""
    written = (marker or "") + body
    start = text.index(written)
    return Item(marker=marker, text=body, start=start, end=start + len(written))


def section(text: str, title: str, items: list[Item], *children: Section) -> Section:
    start = text.index(title)
    end = max([start + len(title), *(i.end for i in items), *(c.end for c in children)])
    return Section(
        marker=None,
        title=title,
        title_start=start,
        title_end=start + len(title),
        level=1,
        start=start,
        end=end,
        items=items,
        sections=list(children),
    )


POSTING = "仓库管理员（急招）\n岗位职责：\n1、负责出入库登记\n任职要求：\n1、一年以上仓管员经验"


def posting() -> Document:
    text = POSTING
    return Document(
        title="仓库管理员（急招）",
        sections=[
            section(text, "岗位职责", [item(text, "负责出入库登记", "1、")]),
            section(text, "任职要求", [item(text, "一年以上仓管员经验", "1、")]),
        ],
    )


def test_posting_title_is_the_role_of_every_item() -> None:
    doc = posting()
    annotate_roles(doc, POSTING)
    assert [(i.role, i.role_id) for i in doc.iter_items()] == [("仓库管理员", "仓库管理员")] * 2


def test_posting_sections_take_their_kinds() -> None:
    doc = posting()
    annotate_roles(doc, POSTING)
    assert [s.section_kind for s in doc.sections] == ["duties", "requirements"]
    assert [i.section_kind for i in doc.iter_items()] == ["duties", "requirements"]


def test_requirements_keep_no_bare_mentions() -> None:
    doc = posting()
    annotate_roles(doc, POSTING)
    assert not doc.iter_items()[1].mentions


INTERNAL = (
    "某某商贸公司岗位职责\n一、销售经理岗位职责\n1、协助总经理制定销售计划\n"
    "（一）权限\n1、对业务员有考核权\n二、岗位人员工作守则\n1、遵守公司制度"
)


def internal() -> Document:
    text = INTERNAL
    rights = section(text, "权限", [item(text, "对业务员有考核权", "1、")])
    manager = section(
        text, "销售经理岗位职责", [item(text, "协助总经理制定销售计划", "1、")], rights
    )
    rules = section(text, "岗位人员工作守则", [item(text, "遵守公司制度", "1、")])
    return Document(title="某某商贸公司岗位职责", sections=[manager, rules])


def test_heading_role_is_handed_to_child_sections_and_items() -> None:
    doc = internal()
    annotate_roles(doc, INTERNAL)
    assert [(s.title, s.role) for s in doc.iter_sections()] == [
        ("销售经理岗位职责", "销售经理"),
        ("权限", "销售经理"),
        ("岗位人员工作守则", None),
    ]
    assert [i.role for i in doc.iter_items()] == ["销售经理", "销售经理", None]


def test_child_heading_cue_overrides_the_inherited_kind() -> None:
    doc = internal()
    annotate_roles(doc, INTERNAL)
    assert [s.section_kind for s in doc.iter_sections()] == ["duties", "authority", "process"]


def test_item_mentions_carry_spans_into_the_text() -> None:
    doc = internal()
    annotate_roles(doc, INTERNAL)
    first = doc.iter_items()[0].mentions
    assert [(m.role, m.relation, INTERNAL[m.start : m.end]) for m in first] == [
        ("总经理", "assists", "总经理")
    ]


UNITS = "学院机构职责\n一、学院本部\n1.财务处 负责学院财务管理\n2.协助院长处理日常事务"


def test_item_label_naming_a_unit_takes_that_unit() -> None:
    text = UNITS
    items = [item(text, "财务处 负责学院财务管理", "1."), item(text, "协助院长处理日常事务", "2.")]
    doc = Document(title="学院机构职责", sections=[section(text, "学院本部", items)])
    annotate_roles(doc, text)
    assert [i.role for i in doc.iter_items()] == ["财务处", "学院本部"]


TOP = "客户服务部岗位职责\n一、目的 规范客户服务\n二、领导小组 组长:甲 成员:乙\n三、接听来电"


def test_items_outside_sections_are_judged_by_their_label() -> None:
    text = TOP
    doc = Document(
        title="客户服务部岗位职责",
        items=[
            item(text, "目的 规范客户服务", "一、"),
            item(text, "领导小组 组长:甲 成员:乙", "二、"),
            item(text, "接听来电", "三、"),
        ],
    )
    annotate_roles(doc, text)
    assert [i.section_kind for i in doc.items] == ["overview", "other", "duties"]
    assert [i.role for i in doc.items] == ["客户服务部", "领导小组", "客户服务部"]


FLAT = "岗位职责\n客服主管岗位职责:\n1、安排客服排班\n2、向经理汇报"


def test_unmarked_paragraph_naming_a_role_hands_it_on() -> None:
    text = FLAT
    items = [
        item(text, "客服主管岗位职责:"),
        item(text, "安排客服排班", "1、"),
        item(text, "向经理汇报", "2、"),
    ]
    doc = Document(sections=[section(text, "岗位职责", items)])
    annotate_roles(doc, text)
    assert [i.role for i in doc.iter_items()] == ["客服主管", "客服主管", "客服主管"]


def test_own_role_is_not_a_mention() -> None:
    text = "收银员岗位职责\n1、收银员下班前向店长交账"
    doc = Document(title="收银员岗位职责", items=[item(text, "收银员下班前向店长交账", "1、")])
    annotate_roles(doc, text)
    assert [m.role for m in doc.items[0].mentions] == ["店长"]


def test_traditional_document_keeps_its_characters() -> None:
    text = "網吧店長崗位職責\n1、協助經理管理網吧"
    doc = Document(title="網吧店長崗位職責", items=[item(text, "協助經理管理網吧", "1、")])
    annotate_roles(doc, text)
    assert (doc.items[0].role, doc.items[0].role_id) == ("網吧店長", "网吧店长")
    assert [(m.role, m.relation) for m in doc.items[0].mentions] == [("經理", "assists")]


def test_no_role_when_nothing_names_one() -> None:
    text = "岗位职责：\n1、整理档案"
    doc = Document(sections=[section(text, "岗位职责", [item(text, "整理档案", "1、")])])
    annotate_roles(doc, text)
    assert (doc.sections[0].role, doc.iter_items()[0].role) == (None, None)


def test_organization_is_found_but_never_overwritten() -> None:
    text = "杭州明德信息科技有限公司\n岗位职责"
    found, given = Document(), Document(organization="已知公司")
    annotate_roles(found, text)
    annotate_roles(given, text)
    assert (found.organization, given.organization) == ("杭州明德信息科技有限公司", "已知公司")


FORM = "岗位说明书\n岗位名称：出纳　所属部门：财务部\n直接上级：\n财务经理\n工作职责：\n1、现金收付"


def test_form_field_names_the_position_and_the_superior() -> None:
    text = FORM
    paragraph = item(text, "岗位名称：出纳　所属部门：财务部")
    superior = section(text, "直接上级", [item(text, "财务经理")])
    duties = section(text, "工作职责", [item(text, "现金收付", "1、")])
    doc = Document(title="岗位说明书", items=[paragraph], sections=[superior, duties])
    annotate_roles(doc, text)
    assert [i.role for i in doc.iter_items()] == ["出纳", "出纳", "出纳"]
    assert [(m.role, m.relation) for m in superior.items[0].mentions] == [
        ("财务经理", "reports_to")
    ]
    assert [s.section_kind for s in doc.sections] == ["reporting", "duties"]


def test_several_forms_name_no_single_position() -> None:
    text = "岗位说明书\n岗位名称：出纳\n岗位名称：会计\n1、按时完成工作"
    doc = Document(title="岗位说明书", items=[item(text, "按时完成工作", "1、")])
    annotate_roles(doc, text)
    assert doc.items[0].role is None


# ── a document is folded once; a window's form is cut from it ───────────────────────────
WINDOWED = ["店長\r\n職責", "a\r\r\nb\r", "\r\n\r\n", "１、店長\u3000職責\r\n２、"]


@pytest.mark.parametrize("text", WINDOWED, ids=[repr(t) for t in WINDOWED])
def test_window_form_is_the_fold_of_the_window(text: str) -> None:
    source = Folded.of(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert source.window(start, end) == fold(text[start:end]), (start, end)


@pytest.mark.parametrize("path", corpus_docs(), ids=lambda p: p.stem)
def test_window_forms_of_a_document(path: Path) -> None:
    for text in (path.read_text("utf-8"), path.read_text("utf-8").replace("\n", "\r\n")):
        source, start = Folded.of(text), 0
        for end in [i for i, ch in enumerate(text) if ch in "\r\n。"] + [len(text)]:
            assert source.window(start, end) == fold(text[start:end])
            start = end


def test_space_class_is_what_regex_reads_as_whitespace() -> None:
    """Patterns compiled with `re` spell out `regex`'s `\\s` (`re`'s own also takes
    U+001C–U+001F)."""
    every = "".join(map(chr, range(0x110000)))
    ours = re.compile(f"[{SPACE}]")
    assert ours.findall(every) == regex.findall(r"\s", every)
