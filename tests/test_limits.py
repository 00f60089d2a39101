"""Reader limits (`dutyparse.readers.Limits`): every input past one is a `ReadError` with
its own stable code and a one-line message — input size, text size, PDF pages, zip bombs,
DTDs in a .docx — and hostile HTML and text are read in linear time. The CLI turns each
into one line on stderr and exit code 2; `batch` logs it and goes on."""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import struct
import sys
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from dutyparse.cli import main
from dutyparse.readers import Limits, ReadError, read_bytes, read_path, read_stream
from dutyparse.readers.limits import MIB, parse_size
from dutyparse.readers.wordnum import Numbering
from tests.test_fuzz_readers import (
    CONTENT_TYPES,
    DOC_RELS,
    RELS,
    W_NS,
    pdf_file,
    sample_docx,
    zip_parts,
)

Capture = pytest.CaptureFixture[str]
JD = "岗位职责：1、负责接待；2、协助主管\n"
PARAGRAPH = "<w:p><w:r><w:t>岗位职责：1、负责接待</w:t></w:r></w:p>"


def _code(read: Callable[[], object]) -> str:
    """The code of the ReadError `read` raises; its message must be one line."""
    with pytest.raises(ReadError) as caught:
        read()
    assert str(caught.value) and "\n" not in str(caught.value)
    return caught.value.code


# --- sizes ----------------------------------------------------------------------------

SIZES = {  # text → bytes (K, M, G are powers of 1024)
    "plain": ("2000", 2000),
    "kilo": ("512k", 512 * 1024),
    "mega": ("100M", 100 * MIB),
    "mebibyte": ("100 MiB", 100 * MIB),
    "giga_fraction": ("1.5G", 3 * 512 * MIB),
    "bytes_suffix": ("10b", 10),
}


@pytest.mark.parametrize(("text", "size"), SIZES.values(), ids=SIZES.keys())
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "M", "-1M", "1T", "ten", "1e6", "１M"])
def test_parse_size_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


# --- input size -----------------------------------------------------------------------


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 1025)
    assert _code(lambda: read_path(path, Limits(max_bytes=1024))) == "too_large"
    assert read_path(path, Limits(max_bytes=1025)) == "a" * 1025  # the limit itself is fine


def test_endless_device_stops_at_the_limit() -> None:
    """`/dev/zero` reports size 0 and never ends: reading stops one byte past the limit."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    assert _code(lambda: read_path(Path("/dev/zero"), Limits(max_bytes=MIB))) == "too_large"


def test_pipe_over_max_bytes() -> None:
    reader, writer = os.pipe()

    def feed() -> None:
        with os.fdopen(writer, "wb") as sink, contextlib.suppress(BrokenPipeError):
            sink.write(b"x" * (3 * MIB))

    thread = threading.Thread(target=feed)
    thread.start()
    with os.fdopen(reader, "rb") as source:
        assert _code(lambda: read_stream(source, Limits(max_bytes=MIB))) == "too_large"
    thread.join()


def test_bytes_over_max_bytes() -> None:
    assert _code(lambda: read_bytes(b"x" * 11, ".txt", Limits(max_bytes=10))) == "too_large"


# --- text size ------------------------------------------------------------------------

SMALL_TEXT = Limits(max_chars=20)
# reader → bytes whose text is longer than 20 characters
LONG_TEXTS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "txt": (".txt", lambda: JD.encode() * 2),  # the backstop in read_bytes
    "html": (".html", lambda: f"<ol>{'<li>负责接待</li>' * 10}</ol>".encode()),
    "docx": (".docx", lambda: sample_docx(PARAGRAPH * 3)),
    "pdf": (".pdf", lambda: pdf_file(b"BT /F1 12 Tf 72 720 Td (1. Duty one) Tj ET", b"", 3)),
}


@pytest.mark.parametrize(("suffix", "make"), LONG_TEXTS.values(), ids=LONG_TEXTS.keys())
def test_text_over_max_chars(suffix: str, make: Callable[[], bytes]) -> None:
    if suffix == ".docx":
        pytest.importorskip("docx")
    if suffix == ".pdf":
        pytest.importorskip("pypdf")
    assert _code(lambda: read_bytes(make(), suffix, SMALL_TEXT)) == "text_too_large"


def test_max_chars_follows_max_bytes() -> None:
    assert Limits(max_bytes=5000).text_limit == 5000
    assert Limits(max_bytes=5000, max_chars=7).text_limit == 7


# --- PDF --------------------------------------------------------------------------------


def test_pdf_page_limit() -> None:
    pytest.importorskip("pypdf")
    pdf = pdf_file(b"BT /F1 12 Tf 72 720 Td (x) Tj ET", b"", 3)
    assert _code(lambda: read_bytes(pdf, ".pdf", Limits(max_pages=2))) == "too_many_pages"
    assert read_bytes(pdf, ".pdf", Limits(max_pages=3)) == "x\nx\nx"


def test_pdf_flate_bomb() -> None:
    """80 MB of spaces in an 80 kB stream: past pypdf's own 75 MB limit."""
    pytest.importorskip("pypdf")
    packer = zlib.compressobj(9)
    stream = packer.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET ")
    stream += b"".join(packer.compress(b" " * MIB) for _ in range(80)) + packer.flush()
    pdf = pdf_file(stream, b" /Filter /FlateDecode", 1)
    assert _code(lambda: read_bytes(pdf, ".pdf")) == "decompression_bomb"


# --- .docx: zip bombs -------------------------------------------------------------------


def _docx_with(document: bytes, method: int = zipfile.ZIP_DEFLATED,
               **extra: bytes) -> bytes:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES.encode(),
        "_rels/.rels": RELS.encode(),
        "word/_rels/document.xml.rels": DOC_RELS.encode(),
        "word/document.xml": document,
        "word/numbering.xml": f'<w:numbering xmlns:w="{W_NS}"/>'.encode(),
    }
    return zip_parts(parts | extra, method)


def _document(body: str = PARAGRAPH) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
            f"{body}</w:body></w:document>").encode()


def _lying_directory(data: bytes, member: str, size: int) -> bytes:
    """`data` with the central directory's uncompressed size of `member` set to `size`
    (APPNOTE 4.3.12: the size sits 24 bytes into the entry, the name at 46)."""
    entry = data.index(b"PK\x01\x02")
    while data[entry + 46 : entry + 46 + len(member)] != member.encode():
        entry = data.index(b"PK\x01\x02", entry + 4)
    return data[: entry + 24] + struct.pack("<I", size) + data[entry + 28 :]


BOMBS: dict[str, tuple[Callable[[], bytes], Limits, str]] = {
    # 4 MiB of spaces deflate ~1000:1, past the 500:1 a real document stays under
    "ratio": (lambda: _docx_with(_document(PARAGRAPH + " " * (4 * MIB))), Limits(),
              "decompression_bomb"),
    "member_size": (lambda: _docx_with(_document(PARAGRAPH * 100)), Limits(max_member=4096),
                    "decompression_bomb"),
    "total_size": (lambda: _docx_with(_document(PARAGRAPH * 50)), Limits(max_unzipped=3000),
                   "decompression_bomb"),
    "members": (lambda: _docx_with(_document()), Limits(max_members=4), "decompression_bomb"),
    # the directory says 100 bytes; zipfile stops there and the CRC fails
    "lying_directory": (lambda: _lying_directory(_docx_with(_document(PARAGRAPH * 50)),
                                                 "word/document.xml", 100),
                        Limits(), "corrupt"),
    "bzip2": (lambda: _docx_with(_document(), zipfile.ZIP_BZIP2), Limits(), "corrupt"),
}


@pytest.mark.parametrize(("make", "limits", "code"), BOMBS.values(), ids=BOMBS.keys())
def test_docx_zip_limits(make: Callable[[], bytes], limits: Limits, code: str) -> None:
    pytest.importorskip("docx")
    assert _code(lambda: read_bytes(make(), ".docx", limits)) == code


def test_docx_within_limits_is_read() -> None:
    pytest.importorskip("docx")
    assert read_bytes(_docx_with(_document()), ".docx") == "岗位职责：1、负责接待"


# --- .docx: DTDs and encodings ------------------------------------------------------------

_XXE = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>'
        "</w:body></w:document>")
_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
           + "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
                     for a, b in zip("abcdefgh", "bcdefghi", strict=True))
           + f']><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p>'
           "</w:body></w:document>")
# `<!DOCTYPE` from byte MIB - 4 on: across the first two 1 MiB chunks the scan reads; the
# comment before it is random hex, which deflates no better than 2:1
_STRADDLE = (f'<?xml version="1.0"?><!--{random.Random(7).randbytes(MIB // 2).hex()[:MIB - 32]}'
             f'--><!DOCTYPE w:document><w:document xmlns:w="{W_NS}"><w:body/></w:document>')
_ODD_PART = ('<Override PartName="/WORD/Document.BIN" ContentType="application/vnd.'
             'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')

UNSAFE: dict[str, Callable[[Path], bytes]] = {
    "external_entity": lambda d: _docx_with(_XXE.format(secret=d / "secret.txt").encode()),
    "billion_laughs": lambda d: _docx_with(_LAUGHS.encode()),
    "dtd_in_utf16": lambda d: _docx_with(_LAUGHS.encode("utf-16")),
    "dtd_in_utf16be_no_bom": lambda d: _docx_with(_LAUGHS.encode("utf-16-be")),
    "dtd_across_chunks": lambda d: _docx_with(_STRADDLE.encode()),
    "dtd_in_numbering": lambda d: _docx_with(_document(), **{
        "word/numbering.xml": b'<!DOCTYPE w:numbering SYSTEM "http://example.invalid/x.dtd">'
                              + f'<w:numbering xmlns:w="{W_NS}"/>'.encode()}),
    "dtd_in_content_types": lambda d: _docx_with(_document(), **{
        "[Content_Types].xml": CONTENT_TYPES.replace("<Types", "<!DOCTYPE Types><Types", 1)
        .encode()}),
    "dtd_in_part_named_bin": lambda d: _docx_with(_document(), **{
        "[Content_Types].xml": CONTENT_TYPES.replace("</Types>", _ODD_PART).encode(),
        "word/document.bin": b"<!DOCTYPE x>"}),
    "utf7_declared": lambda d: _docx_with(
        b'<?xml version="1.0" encoding="UTF-7"?>' + _document()[38:]),
    "utf32": lambda d: _docx_with(_document().decode().replace("UTF-8", "UTF-32")
                                  .encode("utf-32")),
}


@pytest.mark.parametrize("make", UNSAFE.values(), ids=UNSAFE.keys())
def test_docx_unsafe_xml_is_refused(tmp_path: Path, make: Callable[[Path], bytes]) -> None:
    pytest.importorskip("docx")
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    started = time.monotonic()
    assert _code(lambda: read_bytes(make(tmp_path), ".docx")) == "unsafe_xml"
    assert time.monotonic() - started < 10


def test_docx_utf16_part_is_read() -> None:
    pytest.importorskip("docx")
    document = _document().decode().replace("UTF-8", "UTF-16").encode("utf-16")
    assert read_bytes(_docx_with(document), ".docx") == "岗位职责：1、负责接待"


def test_docx_embedded_html_may_have_a_doctype() -> None:
    """An altChunk (HTML pasted into Word) is not XML python-docx parses: not refused."""
    pytest.importorskip("docx")
    chunk = b"<!DOCTYPE html><html><body>x</body></html>"
    assert read_bytes(_docx_with(_document(), **{"word/afchunk.htm": chunk}), ".docx")


@pytest.mark.parametrize("name", ["external_entity", "billion_laughs"])
def test_python_docx_resolves_no_entity_either(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """The second line of defence: with our DTD check switched off, python-docx's lxml
    parser (`resolve_entities=False`, no network) still expands nothing."""
    pytest.importorskip("docx")
    from dutyparse.readers import word

    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    monkeypatch.setattr(word, "check_package", lambda data, limits: None)
    try:
        text = read_bytes(UNSAFE[name](tmp_path), ".docx")
    except ReadError as exc:  # libxml2 refuses the entity loop outright: fine too
        assert exc.code == "corrupt"
        return
    assert "SECRET" not in text and "哈" not in text


# --- .docx: numbering values ------------------------------------------------------------


def _numbering(start: str, ilvl: str, num_fmt: str = "upperRoman") -> object:
    from xml.etree import ElementTree

    xml = (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="1">'
           f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{num_fmt}"/>'
           '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
           '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>')
    return ElementTree.fromstring(xml)


# (start, ilvl, first label) — numbers no list has: clamped to Word's 0–32767, or the
# default 1 when they are not a plain number
NUMBERING = {
    "huge_start": ("1000000000000", "0", "M" * 32 + "DCCLXVII.\t"),
    "negative_start": ("-5", "0", ".\t"),  # roman(0) is empty
    "superscript_digit": ("²", "0", "I.\t"),
    "thousands_of_digits": ("9" * 5000, "0", "I.\t"),
}


@pytest.mark.parametrize(("start", "ilvl", "label"), NUMBERING.values(), ids=NUMBERING.keys())
def test_numbering_values_are_clamped(start: str, ilvl: str, label: str) -> None:
    numbering = Numbering(_numbering(start, ilvl), {})
    assert numbering.label("1", 0) == label


def test_paragraph_level_out_of_range() -> None:
    """A paragraph at list level 10⁹ is read at level 8, the deepest Word has."""
    pytest.importorskip("docx")
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="8"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="%9)"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    body = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="1000000000"/><w:numId w:val="1"/></w:numPr>'
            "</w:pPr><w:r><w:t>负责接待</w:t></w:r></w:p>")
    assert read_bytes(sample_docx(body, numbering), ".docx") == "1)\t负责接待"


# --- hostile HTML and text: linear time ---------------------------------------------------
# Ten times the input may cost at most GROWTH times the time (best of three runs, with a
# floor for timer noise): linear is ~10, the quadratic html.parser this replaced was ~100.
GROWTH = 25
FLOOR = 0.005

# name → one repeated unit; pages of 30 kB and 300 kB of it
HOSTILE_HTML = {
    "unclosed_comments": "<!--",
    "unclosed_tags": "<a ",
    "lone_brackets": "<",
    "end_tag_openings": "</",
    "declarations": "<!",
    "attribute_quotes": "<a b='",
    "nested_lists": "<ol>",
    "list_items": "<li>x",
    "entities": "&#",
    "script_openings": "<script></scrip",
    "cells": "<td>",
}


def _seconds(read: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        read()
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("unit", HOSTILE_HTML.values(), ids=HOSTILE_HTML.keys())
def test_hostile_html_is_linear(unit: str) -> None:
    small = (unit * (30_000 // len(unit))).encode()
    large = (unit * (300_000 // len(unit))).encode()
    t_small, t_large = _seconds(lambda: _html(small)), _seconds(lambda: _html(large))
    assert t_large < 5
    assert t_large <= GROWTH * max(t_small, FLOOR), (t_small, t_large)


def _html(data: bytes) -> None:
    with contextlib.suppress(ReadError):
        read_bytes(data, ".html")


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_text_reading_is_linear(codec: str) -> None:
    unit = JD.encode(codec)
    small, large = unit * (200_000 // len(unit)), unit * (2_000_000 // len(unit))
    t_small = _seconds(lambda: read_bytes(small, ".txt"))
    t_large = _seconds(lambda: read_bytes(large, ".txt"))
    assert t_large <= GROWTH * max(t_small, FLOOR), (t_small, t_large)


# --- the command line ---------------------------------------------------------------------


def _file(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_cli_max_bytes(tmp_path: Path, capsys: Capture) -> None:
    big = _file(tmp_path, "big.txt", JD.encode() * 100)
    assert main(["parse", str(big), "--max-bytes", "1K"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith(f"dutyparse: {big}: input too large: over 1,024 bytes")
    assert main(["parse", str(big), "--max-bytes", "1M"]) == 0


def test_cli_max_bytes_on_stdin(monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(JD.encode() * 100)))
    assert main(["--max-bytes", "2000"]) == 2
    assert "dutyparse: -: input too large" in capsys.readouterr().err


def test_cli_max_pages(tmp_path: Path, capsys: Capture) -> None:
    pytest.importorskip("pypdf")
    pdf = _file(tmp_path, "a.pdf", pdf_file(b"BT /F1 12 Tf 72 720 Td (1. x) Tj ET", b"", 3))
    assert main(["read", str(pdf), "--max-pages", "2"]) == 2
    assert "PDF has 3 pages, over the limit of 2" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--max-bytes", "lots"], ["--max-bytes", "0"],
                                  ["--max-pages", "-1"], ["--max-pages", "2.5"]])
def test_cli_bad_limits_are_usage_errors(argv: list[str], capsys: Capture) -> None:
    assert main(["parse", "x.txt", *argv]) == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "Traceback" not in err


def test_batch_logs_a_limit_and_goes_on(tmp_path: Path, capsys: Capture) -> None:
    src = tmp_path / "src"
    src.mkdir()
    _file(src, "small.txt", JD.encode())
    _file(src, "big.txt", JD.encode() * 100)
    out = tmp_path / "out"
    assert main(["batch", str(src), "--out", str(out), "--jobs", "1", "--max-bytes", "1K"]) == 1
    errors = [json.loads(line) for line in (out / "_errors.jsonl").read_text().splitlines()]
    assert [(Path(e["path"]).name, e["code"]) for e in errors] == [("big.txt", "too_large")]
    assert (out / "small.txt.json").exists() and not (out / "big.txt.json").exists()
    assert "1 converted" in capsys.readouterr().out


def test_cli_out_of_memory_is_one_line(tmp_path: Path, capsys: Capture,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import dutyparse.cli

    def exhausted(text: str, source: str | None = None) -> None:
        raise MemoryError

    monkeypatch.setattr(dutyparse.cli, "parse_record", exhausted)
    assert main(["parse", str(_file(tmp_path, "a.txt", JD.encode()))]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dutyparse: out of memory") and err.count("\n") == 1
