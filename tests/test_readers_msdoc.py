"""The .doc reader goes through an installed converter (LibreOffice, then antiword);
with none, a one-line error names both. Converters are stood in for by small shell
scripts on PATH, so the test needs neither installed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from dutyparse.readers import ReadError, read_path

pytestmark = pytest.mark.skipif(os.name != "posix", reason="shell-script stand-ins")

DOC_BYTES = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 64  # an OLE2 header is enough here
TEXT = "一、总则\n1、负责仓库管理"

SCRIPTS = {
    # antiword prints the text on stdout
    "antiword": f"#!/bin/sh\nprintf '{TEXT}'\n",
    # LibreOffice writes <outdir>/input.txt
    "soffice": (
        "#!/bin/sh\nwhile [ $# -gt 0 ]; do\n"
        '  if [ "$1" = --outdir ]; then shift; out="$1"; fi; shift\ndone\n'
        f"printf '\\357\\273\\277{TEXT}\\r\\n' > \"$out/input.txt\"\n"
    ),
}


@pytest.fixture
def doc_file(tmp_path: Path) -> Path:
    path = tmp_path / "legacy.doc"
    path.write_bytes(DOC_BYTES)
    return path


def _path_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scripts: dict[str, str]) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, body in scripts.items():
        script = folder / name
        script.write_text(body, encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(folder))


@pytest.mark.parametrize("converter", ["antiword", "soffice"])
def test_converter_output_is_the_text(
    doc_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, converter: str
) -> None:
    _path_with(tmp_path, monkeypatch, {converter: SCRIPTS[converter]})
    assert read_path(doc_file).rstrip("\n") == TEXT


def test_libreoffice_preferred(doc_file: Path, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    _path_with(tmp_path, monkeypatch, {"soffice": SCRIPTS["soffice"],
                                       "antiword": "#!/bin/sh\nprintf 'antiword'\n"})
    assert read_path(doc_file).startswith("一、总则")


def test_no_converter_names_both(doc_file: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _path_with(tmp_path, monkeypatch, {})
    with pytest.raises(ReadError) as caught:
        read_path(doc_file)
    assert caught.value.code == "no_converter"
    assert "LibreOffice" in str(caught.value) and "antiword" in str(caught.value)


def test_failing_converter(doc_file: Path, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    script = "#!/bin/sh\necho 'I am not a Word document' >&2\nexit 1\n"
    _path_with(tmp_path, monkeypatch, {"antiword": script})
    with pytest.raises(ReadError) as caught:
        read_path(doc_file)
    assert caught.value.code == "converter_failed"
    assert str(caught.value) == "antiword failed: I am not a Word document"
