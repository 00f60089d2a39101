"""Fuzzing every reader with hostile bytes: a reader returns text or raises `ReadError`
(a known code, a one-line message), never anything else, never hangs.

Inputs are generated from the shapes real files have, then broken: text in every
encoding we read with BOMs and bytes flipped; .docx packages with random numbering,
DTDs, bad encodings, truncated or bit-flipped zips; PDFs with hostile objects, truncated
and flipped; HTML made of unclosed constructs, odd charsets and entities; and bytes
with the magic numbers standard input is sniffed by.

This file runs a bounded number of examples in CI; `python fuzz/fuzz_readers.py N`
runs the same targets N times each (and reports how often each error code came up).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from typing import get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutyparse.readers import Limits, ReadCode, ReadError, read_bytes

# Limits small enough that fuzzing reaches them, large enough for every sample file.
LIMITS = Limits(max_bytes=1 << 20, max_chars=200_000, max_pages=20, max_member=1 << 20,
                max_unzipped=4 << 20, max_members=64)
CODES = frozenset(get_args(ReadCode))
SEEN: Counter[str] = Counter()  # outcome → count, for the long run's report


def check(data: bytes, suffix: str | None) -> None:
    """The property every reader keeps, whatever the bytes."""
    try:
        text = read_bytes(data, suffix, LIMITS)
    except ReadError as exc:
        message = str(exc)
        assert exc.code in CODES, exc.code
        assert message and "\n" not in message and "\r" not in message, message
        cause = type(exc.__cause__).__name__ if exc.__cause__ else ""
        SEEN[f"{suffix} {exc.code} {cause}".rstrip()] += 1
        return
    assert isinstance(text, str)
    assert len(text) <= LIMITS.text_limit
    SEEN[f"{suffix} ok"] += 1


# --- mutations of valid bytes -------------------------------------------------------


def _mutated(base: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """`base`, then truncated, bytes flipped, a slice repeated, or left whole."""
    return base.flatmap(
        lambda data: st.one_of(
            st.just(data),
            st.integers(0, len(data)).map(lambda n: data[:n]),
            st.lists(st.tuples(st.integers(0, max(0, len(data) - 1)), st.integers(0, 255)),
                     min_size=1, max_size=8).map(lambda flips: _flip(data, flips)),
            st.tuples(st.integers(0, len(data)), st.integers(0, len(data)),
                      st.integers(2, 50)).map(lambda t: _repeat(data, *t)),
        )
    )


def _flip(data: bytes, flips: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for at, value in flips:
        if at < len(out):
            out[at] = value
    return bytes(out)


def _repeat(data: bytes, a: int, b: int, times: int) -> bytes:
    lo, hi = min(a, b), max(a, b)
    return data[:hi] + data[lo:hi] * times + data[hi:]


# --- text ---------------------------------------------------------------------------

JD = "岗位职责：1、每周一主持例会；2、每月28号之前提交盘点结果。網吧店長\r\n"
CODECS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be",
          "utf-32", "latin-1", "shift_jis"]
words = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    [JD, "\x00", "\x1b[31m", "\ufeff", "\ufffd", "𠀀🙂", "\r", "\x85", "\u2028"])
encoded_text = st.tuples(st.lists(words, max_size=6).map("".join), st.sampled_from(CODECS)).map(
    lambda pair: pair[0].encode(pair[1], "replace"))
text_bytes = _mutated(encoded_text) | st.binary(max_size=400)

# --- .docx --------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.numbering+xml"/></Types>'
)
RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_R}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
DOC_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_R}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/numbering" Target="numbering.xml"/></Relationships>'
)
# Attribute values a hostile numbering.xml may hold.
_NUMBERS = st.sampled_from(["0", "1", "2", "8", "9", "-1", "²", "١", "1_0", "10" * 12,
                            "9" * 5000, "", " 3 ", "abc", "2147483648"])
_FORMATS = st.sampled_from(["decimal", "upperRoman", "lowerLetter", "chineseCounting",
                            "decimalEnclosedCircle", "bullet", "ideographDigital", "nope"])
_LVL_TEXT = st.sampled_from(["%1.", "第%1条", "（%2）", "%9%8%1", "%0", "%%", "", "\uf0b7"])


@st.composite
def _numbering(draw: st.DrawFn) -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{draw(_NUMBERS)}"><w:start w:val="{draw(_NUMBERS)}"/>'
        f'<w:numFmt w:val="{draw(_FORMATS)}"/><w:lvlText w:val="{draw(_LVL_TEXT)}"/>'
        f'<w:lvlRestart w:val="{draw(_NUMBERS)}"/></w:lvl>'
        for _ in range(draw(st.integers(0, 4)))
    )
    nums = "".join(
        f'<w:num w:numId="{draw(_NUMBERS)}"><w:abstractNumId w:val="{draw(_NUMBERS)}"/>'
        f'<w:lvlOverride w:ilvl="{draw(_NUMBERS)}"><w:startOverride w:val="{draw(_NUMBERS)}"/>'
        "</w:lvlOverride></w:num>"
        for _ in range(draw(st.integers(0, 3)))
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
            f'<w:abstractNum w:abstractNumId="{draw(_NUMBERS)}">{levels}</w:abstractNum>'
            f"{nums}</w:numbering>")


@st.composite
def _document(draw: st.DrawFn) -> str:
    paragraphs = "".join(
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{draw(_NUMBERS)}"/><w:numId w:val='
        f'"{draw(_NUMBERS)}"/></w:numPr></w:pPr><w:r><w:t>{draw(_XML_TEXT)}</w:t></w:r></w:p>'
        for _ in range(draw(st.integers(0, 5)))
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
            f"{paragraphs}</w:body></w:document>")


_XML_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="<&"), max_size=12)
# Whole parts a hostile package may carry instead of a real one.
_HOSTILE_XML = st.sampled_from([
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>',
    b'<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><a>&b;</a>',
    '<?xml version="1.0"?><!DOCTYPE d><d/>'.encode("utf-16"),
    b'<?xml version="1.0" encoding="UTF-7"?><d/>',
    '<d/>'.encode("utf-32"),
    b"<w:document>" * 300,
    b"<a>" * 2000 + b"</a>" * 2000,
    b"",
    b"\x00\x01\x02",
    b"not xml at all",
])


@st.composite
def _package(draw: st.DrawFn) -> bytes:
    parts: dict[str, bytes] = {
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": RELS.encode(),
        "word/_rels/document.xml.rels": DOC_RELS.encode(),
        "word/document.xml": draw(_document()).encode(),
        "word/numbering.xml": draw(_numbering()).encode(),
    }
    if draw(st.booleans()):
        name = draw(st.sampled_from(sorted(parts)))
        parts[name] = draw(_HOSTILE_XML | st.binary(max_size=200))
    return zip_parts(parts, draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])))


def zip_parts(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sample_docx(paragraphs: str, numbering: str = "") -> bytes:
    """A minimal .docx written by hand (no python-docx): `paragraphs` is body XML."""
    return zip_parts({
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": RELS.encode(),
        "word/_rels/document.xml.rels": DOC_RELS.encode(),
        "word/document.xml": (f'<?xml version="1.0" encoding="UTF-8"?><w:document '
                              f'xmlns:w="{W_NS}"><w:body>{paragraphs}</w:body></w:document>')
        .encode(),
        "word/numbering.xml": (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering '
                               f'xmlns:w="{W_NS}">{numbering}</w:numbering>').encode(),
    })


docx_bytes = _mutated(_package()) | st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b)

# --- .pdf ---------------------------------------------------------------------------

_PDF_TOKENS = st.sampled_from([
    b"/Count 1000000000", b"/Count -1", b"/Length 99999999999", b"/Filter /FlateDecode",
    b"/Filter /LZWDecode", b"/Filter [/ASCIIHexDecode /FlateDecode]", b"[" * 300, b"<<" * 300,
    b"1 0 R", b"3 0 obj", b"endobj", b"stream\n", b"endstream", b"/Kids [2 0 R 2 0 R]",
    b"/Parent 3 0 R", b"(\\", b"<FEFF", b"BT /F1 12 Tf (x) Tj ET", b"/Encrypt 1 0 R", b"\x00",
    b"9999999999 0 obj", b"trailer << /Root 9 0 R >>", b"xref\n0 99999999\n",
])


@st.composite
def _pdf(draw: st.DrawFn) -> bytes:
    text = draw(st.text(st.characters(codec="ascii", exclude_characters="()\\"), max_size=40))
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    if draw(st.booleans()):
        content = zlib.compress(content)
        extra = b" /Filter /FlateDecode"
    else:
        extra = b""
    pages = draw(st.integers(1, 3))
    pdf = pdf_file(content, extra, pages)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(pdf)))
        pdf = pdf[:at] + draw(_PDF_TOKENS) + pdf[at:]
    return pdf


def pdf_file(content: bytes, extra: bytes, pages: int) -> bytes:
    """A minimal PDF: catalog, page tree, `pages` pages sharing one content stream."""
    kids = " ".join(f"{5 + i} 0 R" for i in range(pages)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(pages).encode() + b" >>",
        b"<< /Length " + str(len(content)).encode() + extra + b" >>\nstream\n" + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ] + [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
         b"/Resources << /Font << /F1 4 0 R >> >> >>"] * pages
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"\
        .encode()
    return out


pdf_bytes = _mutated(_pdf()) | st.binary(max_size=300).map(lambda b: b"%PDF-1.7\n" + b)

# --- .html --------------------------------------------------------------------------

_HTML_PIECES = st.sampled_from([
    "<p>", "</p>", "<li>", "</li>", "<ol start='3'>", '<ol start="²">', "<ol start=" + "9" * 50,
    "</ol>", "<ul>", "<table><tr><td>", "</td><td>", "<br/>", "<pre>", "</pre>", "<head>",
    "</head>", "<title>", "</title>", "<script>", "</script>", "<style>", "<!--", "-->", "<!",
    "<?", "</", "<", ">", "<a href=\"", "'", "\"", "&", "&amp;", "&#0;", "&#x110000;",
    "&#99999999999999;", "&nbsp", "<![CDATA[", "]]>", "<meta charset=utf-7>",
    "<meta charset=utf-16>", "<meta charset=base64>", "<meta charset=x-user-defined>",
    "<meta charset=gb2312>", "岗位职责", "1、负责接待", "\x00", "\r", "\n", " ", "\u3000",
])
html_bytes = _mutated(
    st.lists(_HTML_PIECES | st.text(max_size=8), max_size=40).map(lambda p: "".join(p).encode())
)

# --- standard input: sniffed ---------------------------------------------------------

_MAGIC = st.sampled_from([b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"",
                          b"\xef\xbb\xbf", b"\xff\xfe", b"<html>"])
stdin_bytes = st.tuples(_MAGIC, st.binary(max_size=300)).map(b"".join) | text_bytes

# reader → (strategy, suffix given to read_bytes; None: sniffed like standard input)
TARGETS: dict[str, tuple[st.SearchStrategy[bytes], str | None]] = {
    "txt": (text_bytes, ".txt"),
    "docx": (docx_bytes, ".docx"),
    "pdf": (pdf_bytes, ".pdf"),
    "html": (html_bytes, ".html"),
    "stdin": (stdin_bytes, None),
}
NEEDS = {"docx": "docx", "pdf": "pypdf"}  # optional readers' libraries


def run_target(name: str, examples: int) -> Callable[[], None]:
    """A hypothesis test of one reader over `examples` generated inputs."""
    strategy, suffix = TARGETS[name]

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def target(data: bytes) -> None:
        check(data, suffix)

    return target


@pytest.mark.parametrize("name", TARGETS)
def test_reader_raises_only_read_error(name: str) -> None:
    if name in NEEDS:
        pytest.importorskip(NEEDS[name])
    run_target(name, 60)()


def test_sample_docx_is_read() -> None:
    """The unmutated samples are real files: the fuzzing starts from readable input."""
    pytest.importorskip("docx")
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
                 '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    body = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            "<w:r><w:t>岗位职责</w:t></w:r></w:p>")
    assert read_bytes(sample_docx(body * 2, numbering), ".docx") == "一、岗位职责\n二、岗位职责"


def test_sample_pdf_is_read() -> None:
    pytest.importorskip("pypdf")
    pdf = pdf_file(b"BT /F1 12 Tf 72 720 Td (1. Duty) Tj ET", b"", 2)
    assert read_bytes(pdf, ".pdf") == "1. Duty\n1. Duty"
