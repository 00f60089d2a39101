"""The command line, called in process (`main(argv) -> int`) and as a real subprocess:
formats, several files, `-o`, encodings, readers, `schema`, `read`, and bad input as one
line on stderr with a non-zero exit and never a traceback."""

from __future__ import annotations

import codecs
import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import dutyparse
from dutyparse.cli import main

TEXT = "岗位职责：1、负责接待；2、协助主管"
JD = "仓储主管岗位职责\n1、每周一主持例会，向总经理汇报。\n2、每月28号之前提交盘点结果。\n"
Capture = pytest.CaptureFixture[str]


def _file(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _run(argv: list[str], capsys: Capture) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_file(tmp_path: Path, capsys: Capture) -> None:
    doc = _file(tmp_path, "jd.txt", TEXT)
    code, out, _ = _run(["parse", str(doc), "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["source"] == str(doc)
    assert [i["text"] for i in data["sections"][0]["items"]] == ["负责接待；", "协助主管"]


def test_json_is_byte_identical_to_the_model(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    doc = _file(tmp_path, "jd.txt", JD)
    assert main(["parse", str(doc), "--format", "json"]) == 0
    expected = dutyparse.parse(JD, source=str(doc)).model_dump_json() + "\n"
    assert capsysbinary.readouterr().out == expected.encode("utf-8")


def test_file_without_command(tmp_path: Path, capsys: Capture) -> None:
    code, out, _ = _run([str(_file(tmp_path, "jd.txt", TEXT))], capsys)
    assert code == 0 and json.loads(out)["sections"][0]["title"] == "岗位职责"


# (name, bytes) — SPEC §1 encodings as files; each must parse to the same items.
ENCODED = {
    "utf8": ("a.txt", JD.encode("utf-8")),
    "utf8_bom": ("b.txt", codecs.BOM_UTF8 + JD.encode("utf-8")),
    "gb18030": ("c.txt", JD.encode("gb18030")),
    "gbk": ("d.txt", JD.encode("gbk")),
    "utf16_bom": ("e.txt", JD.encode("utf-16")),
    "crlf": ("f.txt", JD.replace("\n", "\r\n").encode("gbk")),
}


@pytest.mark.parametrize(("name", "data"), ENCODED.values(), ids=ENCODED.keys())
def test_encodings(tmp_path: Path, capsys: Capture, name: str, data: bytes) -> None:
    code, out, _ = _run(["parse", str(_file(tmp_path, name, data))], capsys)
    assert code == 0
    expected = dutyparse.parse(JD).model_dump(exclude={"source"})
    assert json.loads(out) | {"source": None} == expected | {"source": None}


def test_several_files_one_json_per_line(tmp_path: Path, capsys: Capture) -> None:
    a, b = _file(tmp_path, "a.txt", TEXT), _file(tmp_path, "b.txt", JD)
    code, out, _ = _run(["parse", str(a), str(b)], capsys)
    lines = out.splitlines()
    assert code == 0 and [json.loads(line)["source"] for line in lines] == [str(a), str(b)]


def test_jsonl_flat_view(tmp_path: Path, capsys: Capture) -> None:
    a, b = _file(tmp_path, "a.txt", TEXT), _file(tmp_path, "b.txt", JD)
    code, out, _ = _run(["parse", str(a), str(b), "--format", "jsonl"], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert list(rows[0]) == ["doc", "path", "section_kind", "role", "marker", "text", "start",
                             "end", "frequency", "deadline", "mentions"]
    assert [(r["doc"], r["marker"]) for r in rows] == [
        (str(a), "1、"), (str(a), "2、"), (str(b), "1、"), (str(b), "2、")]
    assert rows[0]["path"] == ["岗位职责"]
    assert rows[3]["deadline"][0]["day"] == 28
    assert rows[2]["start"] < rows[3]["start"]


def test_csv_opens_in_excel(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    doc = _file(tmp_path, "jd.txt", JD)
    assert main(["parse", str(doc), "--format", "csv"]) == 0
    data = capsysbinary.readouterr().out
    assert data.startswith(codecs.BOM_UTF8) and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r["marker"] for r in rows] == ["1、", "2、"]
    assert rows[0]["frequency"] == "每周一 (periodic P1W ×1 weekdays 1)"
    assert rows[0]["mentions"] == "总经理 (reports_to)"
    assert rows[1]["deadline"] == "每月28号之前 (before P1M day 28)"


def test_text_tree(tmp_path: Path, capsys: Capture) -> None:
    code, out, _ = _run(["parse", str(_file(tmp_path, "jd.txt", JD)), "--format", "text"],
                        capsys)
    assert code == 0
    assert out.splitlines()[:4] == [
        f"仓储主管岗位职责  [{tmp_path / 'jd.txt'}]",
        "  1、 每周一主持例会，向总经理汇报。",
        "      frequency: 每周一 (periodic P1W ×1 weekdays 1)",
        "      mentions: 总经理 (reports_to)",
    ]


def test_output_file_is_written_atomically(tmp_path: Path, capsys: Capture) -> None:
    target = tmp_path / "out" / "result.jsonl"
    code, out, _ = _run(["parse", str(_file(tmp_path, "a.txt", JD)), "-f", "jsonl",
                         "-o", str(target)], capsys)
    assert code == 0 and out == ""
    assert len(target.read_text(encoding="utf-8").splitlines()) == 2
    assert [p.name for p in target.parent.iterdir()] == ["result.jsonl"]  # no temp file left


def test_output_file_not_written_when_every_input_fails(tmp_path: Path, capsys: Capture) -> None:
    target = tmp_path / "result.json"
    code, _, err = _run(["parse", str(tmp_path / "missing.txt"), "-o", str(target)], capsys)
    assert code == 2 and not target.exists() and "no such file" in err


@pytest.mark.parametrize("command", ["parse", "batch"])
def test_unwritable_output_is_one_line(tmp_path: Path, capsys: Capture, command: str) -> None:
    doc = _file(tmp_path, "a.txt", TEXT)
    blocked = _file(tmp_path, "plain-file", "x") / "out.json"  # a file where a folder must be
    argv = ["parse", str(doc), "-o", str(blocked)] if command == "parse" else [
        "batch", str(doc), "--out", str(blocked)]
    code, _, err = _run(argv, capsys)
    assert code == 2 and err.count("\n") == 1 and err.startswith("dutyparse: ")


def test_one_bad_file_among_good_ones(tmp_path: Path, capsys: Capture) -> None:
    good = _file(tmp_path, "a.txt", TEXT)
    code, out, err = _run(["parse", str(tmp_path / "missing.txt"), str(good)], capsys)
    assert code == 2
    assert json.loads(out)["source"] == str(good)
    assert err == f"dutyparse: {tmp_path / 'missing.txt'}: no such file\n"


# (make the input under tmp, words in the one-line message)
BAD_INPUT: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (lambda d: d / "missing.txt", "no such file"),
    "directory": (lambda d: d, "is a directory"),
    "undecodable": (lambda d: _file(d, "x.txt", b"\x80\xff" * 30), "undecodable bytes"),
    "bad_bom": (lambda d: _file(d, "x.txt", codecs.BOM_UTF16_LE + b"\x00\xd8"),
                "undecodable bytes"),
    "binary": (lambda d: _file(d, "x.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00"), "binary file"),
    "unsupported": (lambda d: _file(d, "x.xlsx", TEXT), "unsupported file type '.xlsx'"),
    "corrupt_docx": (lambda d: _file(d, "x.docx", b"PK\x03\x04nope"), "not a readable .docx"),
}


@pytest.mark.parametrize(("make", "message"), BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: Capture, make: Callable[[Path], Path], message: str
) -> None:
    code, out, err = _run(["parse", str(make(tmp_path))], capsys)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_empty_input_is_an_empty_document(tmp_path: Path, capsys: Capture) -> None:
    code, out, err = _run(["parse", str(_file(tmp_path, "empty.txt", b""))], capsys)
    data = json.loads(out)
    assert code == 0 and data["sections"] == [] and data["items"] == []
    assert "empty input" in err and err.count("\n") == 1


def test_schema(capsys: Capture) -> None:
    code, out, _ = _run(["schema"], capsys)
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "Document"
    assert {"Item", "Section", "Frequency", "Deadline", "Mention"} <= set(schema["$defs"])
    assert schema == dutyparse.Document.model_json_schema()


def test_schema_to_file(tmp_path: Path, capsys: Capture) -> None:
    assert main(["schema", "-o", str(tmp_path / "s.json")]) == 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["title"] == "Document"


def test_read_prints_the_text_offsets_index(tmp_path: Path, capsys: Capture) -> None:
    code, out, _ = _run(["read", str(_file(tmp_path, "g.txt", JD.encode("gbk")))], capsys)
    assert code == 0 and out == JD


def test_docx_through_the_cli(tmp_path: Path, capsys: Capture) -> None:
    pytest.importorskip("docx")
    from test_readers_docx import build_docx

    code, out, _ = _run(["parse", str(build_docx(tmp_path / "jd.docx"))], capsys)
    assert code == 0
    assert [s["marker"] for s in json.loads(out)["sections"][:2]] == ["一、", "二、"]


def test_pdf_through_the_cli(tmp_path: Path, capsys: Capture) -> None:
    pytest.importorskip("reportlab")
    from test_readers_pdf import build_pdf

    code, out, _ = _run(["parse", str(build_pdf(tmp_path / "jd.pdf")), "-f", "jsonl"], capsys)
    assert code == 0
    assert [json.loads(row)["marker"] for row in out.splitlines()] == ["1、", "2、", "3、"]


@pytest.mark.parametrize(("argv", "code"), [(["--help"], 0), (["--version"], 0),
                                           (["parse", "--format", "xml"], 2),
                                           (["batch"], 2)],
                         ids=["help", "version", "bad_format", "batch_without_sources"])
def test_usage(argv: list[str], code: int, capsys: Capture) -> None:
    assert main(argv) == code
    assert "Traceback" not in capsys.readouterr().err


def _subprocess(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "dutyparse", *args], input=stdin,
                          capture_output=True, timeout=120, check=False)


@pytest.mark.parametrize("args", [[], ["parse"], ["parse", "-"]], ids=["bare", "parse", "dash"])
def test_subprocess_reads_stdin(args: list[str]) -> None:
    result = _subprocess(args, TEXT.encode("gb18030"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.decode("utf-8"))["sections"][0]["title"] == "岗位职责"


def test_subprocess_stdin_format_text() -> None:
    result = _subprocess(["--format", "text"], JD.encode("utf-8"))
    assert result.returncode == 0 and "每周一 (periodic P1W" in result.stdout.decode("utf-8")


@pytest.mark.parametrize("name", ["nope.txt", "binary.txt", "."], ids=["missing", "binary", "dir"])
def test_subprocess_bad_file_has_no_traceback(tmp_path: Path, name: str) -> None:
    _file(tmp_path, "binary.txt", b"\x00\x01\x02\x03")
    result = _subprocess(["parse", str(tmp_path / name)])
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("dutyparse: ")


def test_import_stays_light() -> None:
    heavy = ["docx", "pypdf", "tqdm", "charset_normalizer", "dutyparse.readers",
             "dutyparse.batch", "dutyparse.cli", "multiprocessing"]
    code = f"import sys, dutyparse; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
