"""The minimal CLI: `dutyparse parse FILE --format json`, called in process and as a
real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dutyparse.cli import main

TEXT = "岗位职责：1、负责接待；2、协助主管"


def test_parse_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "jd.txt"
    doc.write_text(TEXT, encoding="utf-8")
    assert main(["parse", str(doc), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["source"] == str(doc)
    assert [i["text"] for i in out["sections"][0]["items"]] == ["负责接待；", "协助主管"]


def test_utf8_bom_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "bom.txt"
    doc.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert main(["parse", str(doc)]) == 0
    assert json.loads(capsys.readouterr().out)["sections"][0]["title"] == "岗位职责"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "gbk.txt", "岗位职责".encode("gbk")), "not UTF-8"),
    ],
    ids=["missing", "directory", "undecodable"],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_subprocess_reads_stdin() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dutyparse", "parse", "-"],
        input=TEXT.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    assert json.loads(result.stdout.decode("utf-8"))["sections"][0]["title"] == "岗位职责"


def test_subprocess_bad_file_has_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dutyparse", "parse", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
