"""The .docx reader: Word's automatic numbering comes back as text (`第一条`, `（二）`,
`1.`), tables read as tab-separated rows, and the parser sees those numbers.

The fixture is built here with python-docx and real WordprocessingML numbering
(`w:abstractNum` + `w:num` in numbering.xml, `w:numPr` on each paragraph), the way
Word itself stores a multi-level list.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

import dutyparse
from dutyparse.readers import ReadError, read_path
from dutyparse.readers.word import read as read_docx
from tests.conftest import hide_module

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402

PUA_BULLET = "\uf0b7"  # Symbol-font bullet, as Word writes it


def _lvl(ilvl: int, num_fmt: str, text: str, suff: str = "nothing") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{num_fmt}"/>'
        f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


# abstractNumId → levels; numId → (abstractNumId, {level: startOverride})
ABSTRACT = {
    90: [
        _lvl(0, "chineseCounting", "%1、"),
        _lvl(1, "decimal", "%2.", "space"),
        _lvl(2, "decimal", "（%3）"),
    ],
    91: [_lvl(0, "chineseCounting", "第%1条", "space")],
    92: [_lvl(0, "bullet", PUA_BULLET, "tab")],
}
NUMS: dict[int, tuple[int, dict[int, int]]] = {
    90: (90, {}),
    91: (91, {}),
    92: (92, {}),
    93: (90, {1: 1}),
}


def _add_numbering(document: Any) -> None:
    numbering = document.part.numbering_part.element
    first = numbering.find(f"{{{numbering.nsmap['w']}}}num")
    for aid, levels in ABSTRACT.items():
        first.addprevious(
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">{"".join(levels)}'
                "</w:abstractNum>"
            )
        )
    for nid, (aid, starts) in NUMS.items():
        over = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{s}"/></w:lvlOverride>'
            for lvl, s in starts.items()
        )
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{nid}">'
                f'<w:abstractNumId w:val="{aid}"/>{over}</w:num>'
            )
        )


def _numbered(parent: Any, text: str, num_id: int, ilvl: int = 0) -> Any:
    paragraph = parent.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )
    return paragraph


def build_docx(path: Path) -> Path:
    """A 岗位职责 document whose numbers exist only as Word list numbering."""
    document = docx.Document()
    _add_numbering(document)
    document.add_paragraph("仓储中心岗位职责")
    _numbered(document, "仓储主管岗位职责", 90, 0)
    _numbered(document, "全面负责仓储中心的日常管理，每周一主持例会", 90, 1)
    _numbered(document, "每月28号之前汇总库存盘点结果", 90, 1)
    _numbered(document, "仓管员岗位职责", 90, 0)
    _numbered(document, "负责货物的入库验收", 90, 1)
    _numbered(document, "本规定自发布之日起施行", 91)
    _numbered(document, "解释权归仓储中心", 91)
    _numbered(document, "注意安全", 92)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "岗位名称", "叉车司机"
    table.cell(1, 0).text = "岗位职责"
    cell = table.cell(1, 1)
    cell.paragraphs[0].text = "职责如下："
    _numbered(cell, "出车前检查叉车", 93, 1)
    _numbered(cell, "一月至少两次保养叉车", 93, 1)
    document.add_paragraph("列表编号", style="List Number")  # numbering from the style
    document.save(str(path))
    return path


EXPECTED = "\n".join(
    [
        "仓储中心岗位职责",
        "一、仓储主管岗位职责",
        "1. 全面负责仓储中心的日常管理，每周一主持例会",
        "2. 每月28号之前汇总库存盘点结果",
        "二、仓管员岗位职责",
        "1. 负责货物的入库验收",  # level 2 restarts under a new level 1
        "第一条 本规定自发布之日起施行",
        "第二条 解释权归仓储中心",
        "●\t注意安全",
        "岗位名称\t叉车司机",
        "岗位职责\t职责如下：",
        "1. 出车前检查叉车",  # list 93 restarts level 2 with w:startOverride
        "2. 一月至少两次保养叉车",
        "1.\t列表编号",
    ]
)


@pytest.fixture(scope="module")
def docx_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_docx(tmp_path_factory.mktemp("docx") / "jd.docx")


def test_numbering_is_rebuilt(docx_file: Path) -> None:
    assert read_path(docx_file) == EXPECTED


def test_parser_sees_the_numbers(docx_file: Path) -> None:
    text = read_path(docx_file)
    doc = dutyparse.parse(text)
    heads = [(s.marker, s.title) for s in doc.sections[:2]]
    assert heads == [("一、", "仓储主管岗位职责"), ("二、", "仓管员岗位职责")]
    first = doc.sections[0].items[0]
    assert first.marker is not None and first.marker.startswith("1.")
    assert [f.period for f in first.frequency] == ["P1W"]


def test_offsets_index_the_reader_text(docx_file: Path) -> None:
    text = read_path(docx_file)
    for item in dutyparse.parse(text).iter_items():
        assert item.text.replace(" ", "") in text[item.start : item.end].replace(" ", "")


def _paragraph_xml(body: str) -> bytes:
    """A one-paragraph document with raw run XML, to test text extraction rules."""
    document = docx.Document()
    document.element.body.insert(0, parse_xml(f"<w:p {nsdecls('w')}>{body}</w:p>"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# (run XML, the paragraph's text)
RUNS = {
    "tab_and_break": (
        "<w:r><w:t>1、</w:t><w:tab/><w:t>负责</w:t><w:br/><w:t>接待</w:t></w:r>",
        "1、\t负责\n接待",
    ),
    "inserted_kept": (
        "<w:ins><w:r><w:t>新增</w:t></w:r></w:ins><w:r><w:t>职责</w:t></w:r>",
        "新增职责",
    ),
    "deleted_dropped": (
        "<w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:r><w:t>新</w:t></w:r>",
        "新",
    ),
    "hidden_dropped": (
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r>",
        "可见",
    ),
    "hyperlink_kept": ("<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>", "链接"),
    "field_code_dropped": (
        "<w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>3</w:t></w:r>",
        "3",
    ),
}


@pytest.mark.parametrize(("body", "text"), RUNS.values(), ids=RUNS.keys())
def test_run_text(body: str, text: str) -> None:
    assert read_docx(_paragraph_xml(body)) == text


def test_vertically_merged_cell_read_once() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "仓管员"
    table.cell(0, 1).text, table.cell(1, 1).text = "1、入库", "2、出库"
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_docx(buffer.getvalue()) == "仓管员\t1、入库\n2、出库"


def test_corrupt_docx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReadError) as caught:
        read_path(bad)
    assert caught.value.code == "corrupt"


def test_missing_extra_names_it(docx_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hide_module(monkeypatch, "docx")
    with pytest.raises(ReadError) as caught:
        read_path(docx_file)
    assert caught.value.code == "missing_extra"
    assert "pip install 'dutyparse[docx]'" in str(caught.value)
