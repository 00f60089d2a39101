"""Readers without optional dependencies: text encodings, HTML, Word number formats
and list counters, content sniffing, the dispatch table's errors."""

from __future__ import annotations

import codecs
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dutyparse.readers import ReadError, read_bytes, read_path, sniff
from dutyparse.readers.htmlpage import read as read_html
from dutyparse.readers.numfmt import fmt
from dutyparse.readers.text import decode
from dutyparse.readers.wordnum import Numbering

JD = "岗位职责：1、每周一提交周报；2、协助主管"
TRAD = "網吧店長職責：1、每日巡查網吧；2、協助店長"

# (bytes, expected text) — SPEC §1 encodings, each as a user's file would hold it.
ENCODINGS = {
    "utf8": (JD.encode("utf-8"), JD),
    "utf8_bom": (codecs.BOM_UTF8 + JD.encode("utf-8"), JD),
    "gb18030": (JD.encode("gb18030"), JD),
    "gbk": (JD.encode("gbk"), JD),
    "gbk_short": ("岗位职责".encode("gbk"), "岗位职责"),  # unrestricted detection says Big5
    "gbk_two_chars": ("店长".encode("gbk"), "店长"),
    "gbk_traditional": (TRAD.encode("gbk"), TRAD),
    "big5": (TRAD.encode("big5"), TRAD),
    "utf16_le_bom": (codecs.BOM_UTF16_LE + JD.encode("utf-16-le"), JD),
    "utf16_be_bom": (codecs.BOM_UTF16_BE + JD.encode("utf-16-be"), JD),
    "utf32_bom": (JD.encode("utf-32"), JD),
    "crlf_folded": ("一、总则\r\n1、负责\r2、协助".encode(), "一、总则\n1、负责\n2、协助"),
    "empty": (b"", ""),
    "ascii": (b"1. plan\n2. do", "1. plan\n2. do"),
}


@pytest.mark.parametrize(("data", "text"), ENCODINGS.values(), ids=ENCODINGS.keys())
def test_decode(data: bytes, text: str) -> None:
    assert decode(data) == text


# (bytes, stable error code)
NOT_TEXT = {
    "nul_bytes": (b"PK\x03\x04\x14\x00\x00\x00", "binary"),
    "png_header": (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 4, "binary"),
    "utf16_without_bom": (JD.encode("utf-16-le"), "binary"),
    "random_high_bytes": (bytes([0xFF, 0xFE - 1, 0x80, 0xFF] * 40)[1:], "undecodable"),
    "bad_utf16_after_bom": (codecs.BOM_UTF16_LE + b"\x00\xd8", "undecodable"),
}


@pytest.mark.parametrize(("data", "code"), NOT_TEXT.values(), ids=NOT_TEXT.keys())
def test_not_text(data: bytes, code: str) -> None:
    with pytest.raises(ReadError) as caught:
        decode(data)
    assert caught.value.code == code
    assert "\n" not in str(caught.value)


HTML = {
    "ordered_list": ("<h2>岗位职责</h2><ol><li>负责接待</li><li>协助主管</li></ol>",
                     "岗位职责\n1. 负责接待\n2. 协助主管"),
    "ol_start": ("<ol start='3'><li>a</li><li>b</li></ol>", "3. a\n4. b"),
    "bullet_list": ("<ul><li>负责接待</li></ul>", "● 负责接待"),
    "own_marker_kept": ("<ul><li>1、负责接待</li><li>（二）协助</li></ul>",
                        "1、负责接待\n（二）协助"),
    "whitespace_folded": ("<p>一、总经理\n   职责</p>", "一、总经理 职责"),
    "pre_kept": ("<pre>1、a\n  2、b</pre>", "1、a\n  2、b"),
    "table_cells": ("<table><tr><td>岗位</td><td>店长</td></tr></table>", "岗位\t店长"),
    "dropped": ("<head><title>t</title><style>p{}</style></head><script>x</script><p>职责</p>",
                "职责"),
    "entities": ("<p>A&amp;B&nbsp;C&#20027;</p>", "A&B\xa0C主"),
    "br": ("<div>第一行<br>第二行</div>", "第一行\n第二行"),
    # a head left open ends where the body's content starts, as in a browser
    "unclosed_head": ("<head><title>招聘</title><meta charset=utf-8><p>岗位职责</p>", "岗位职责"),
    "title_without_head": ("<title>仓储主管</title><p>职责</p>", "仓储主管\n职责"),
    # a `<` that never closes is text: it must not hide the end of a posting
    "less_than": ("<p>薪资<5000元</p>", "薪资<5000元"),
    "stray_lt_at_end": ("<p>职责</p>1、负责<a", "职责\n1、负责<a"),
    "unclosed_comment": ("<p>职责</p><!-- 1、负责", "职责"),
    "bogus_end_tag": ("<p>A</ 3>B</p>", "AB"),
    "quoted_gt_in_attribute": ('<p title="a>b">职责</p>', "职责"),
    "ol_start_not_a_number": ("<ol start='²'><li>a</li></ol>", "1. a"),
    "ol_start_huge": (f"<ol start='{'9' * 50}'><li>a</li></ol>", "1. a"),
    "uppercase_tags": ("<OL><LI>负责</LI></OL>", "1. 负责"),
    "unclosed_script": ("<p>职责</p><script>1、负责", "职责"),
}


@pytest.mark.parametrize(("html", "text"), HTML.values(), ids=HTML.keys())
def test_html(html: str, text: str) -> None:
    assert read_html(html.encode("utf-8")) == text


def test_html_meta_charset_gb2312() -> None:
    page = '<meta charset="gb2312"><p>岗位职责：1、负责</p>'.encode("gbk")
    assert read_html(page) == "岗位职责：1、负责"


# (numFmt, n, text) — ECMA-376 §17.18.59 formats met in Chinese documents.
NUM_FORMATS = [
    ("decimal", 7, "7"),
    ("decimalZero", 7, "07"),
    ("decimalFullWidth", 12, "１２"),
    ("decimalEnclosedCircle", 3, "③"),
    ("decimalEnclosedCircleChinese", 20, "⑳"),
    ("decimalEnclosedCircle", 21, "21"),  # no circled 21 in the font range Word uses
    ("decimalEnclosedParen", 2, "⑵"),
    ("decimalEnclosedFullstop", 2, "⒉"),
    ("chineseCounting", 1, "一"),
    ("chineseCounting", 10, "十"),
    ("chineseCounting", 12, "十二"),
    ("chineseCounting", 20, "二十"),
    ("chineseCounting", 105, "一百零五"),
    ("chineseCountingThousand", 1010, "一千零一十"),
    ("chineseLegalSimplified", 12, "壹拾贰"),
    ("ideographTraditional", 3, "丙"),
    ("ideographZodiac", 1, "子"),
    ("ideographDigital", 10, "一〇"),
    ("upperLetter", 2, "B"),
    ("lowerLetter", 28, "bb"),
    ("upperRoman", 14, "XIV"),
    ("lowerRoman", 4, "iv"),
    ("none", 3, ""),
    ("someFutureFormat", 3, "3"),
]


@pytest.mark.parametrize(("num_fmt", "n", "text"), NUM_FORMATS,
                         ids=[f"{f}-{n}" for f, n, _ in NUM_FORMATS])
def test_number_format(num_fmt: str, n: int, text: str) -> None:
    assert fmt(num_fmt, n) == text


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _lvl(ilvl: int, num_fmt: str, text: str, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{num_fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/>{extra}</w:lvl>')


NUMBERING = ET.fromstring(
    f"<w:numbering {W}>"
    f'<w:abstractNum w:abstractNumId="1">{_lvl(0, "chineseCounting", "第%1条")}'
    f'{_lvl(1, "chineseCounting", "（%2）")}{_lvl(2, "decimal", "%1.%2.%3", "<w:isLgl/>")}'
    "</w:abstractNum>"
    f'<w:abstractNum w:abstractNumId="2">{_lvl(0, "bullet", chr(0xF0B7))}</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'  # continues list 1
    '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
    "</w:numbering>"
)

# (paragraphs as (numId, ilvl), the numbers Word shows) — one list history per case.
COUNTERS = {
    "levels_and_restart": ([("1", 0), ("1", 1), ("1", 1), ("1", 0), ("1", 1)],
                           ["第一条", "（一）", "（二）", "第二条", "（一）"]),
    "legal_numbering": ([("1", 0), ("1", 1), ("1", 2)], ["第一条", "（一）", "1.1.1"]),
    "shared_abstract_continues": ([("1", 0), ("2", 0)], ["第一条", "第二条"]),
    "start_override_restarts": ([("1", 0), ("3", 0), ("3", 0)], ["第一条", "第五条", "第六条"]),
    "symbol_bullet": ([("4", 0), ("4", 0)], ["●", "●"]),
    "unknown_list": ([("9", 0)], [""]),
}


@pytest.mark.parametrize(("paragraphs", "labels"), COUNTERS.values(), ids=COUNTERS.keys())
def test_word_list_counters(paragraphs: list[tuple[str, int]], labels: list[str]) -> None:
    numbering = Numbering(NUMBERING, {})
    assert [numbering.label(num, ilvl) for num, ilvl in paragraphs] == labels


SNIFF = {
    "pdf": (b"%PDF-1.4\n", ".pdf"),
    "docx_zip": (b"PK\x03\x04rest", ".docx"),
    "doc_ole2": (bytes.fromhex("d0cf11e0a1b11ae1") + b"\0", ".doc"),
    "text": ("岗位".encode(), ".txt"),
}


@pytest.mark.parametrize(("data", "suffix"), SNIFF.values(), ids=SNIFF.keys())
def test_sniff(data: bytes, suffix: str) -> None:
    assert sniff(data) == suffix


def test_read_bytes_sniffs_when_no_suffix() -> None:
    assert read_bytes("一、总则".encode("gb18030")) == "一、总则"


# (make a path under tmp, stable code)
PATH_ERRORS = {
    "missing": (lambda d: d / "missing.txt", "not_found"),
    "directory": (lambda d: _mkdir(d / "folder.txt"), "is_directory"),
    "unsupported": (lambda d: _touch(d / "sheet.xlsx"), "unsupported"),
    "binary_txt": (lambda d: _touch(d / "x.txt", b"\x00\x01\x02"), "binary"),
}


@pytest.mark.parametrize(("make", "code"), PATH_ERRORS.values(), ids=PATH_ERRORS.keys())
def test_read_path_errors(tmp_path: Path, make: object, code: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_path(make(tmp_path))  # type: ignore[operator]
    assert caught.value.code == code


def test_read_path_uppercase_suffix(tmp_path: Path) -> None:
    assert read_path(_touch(tmp_path / "JD.TXT", JD.encode("gbk"))) == JD


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _touch(path: Path, data: bytes = b"x") -> Path:
    path.write_bytes(data)
    return path
