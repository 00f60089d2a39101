"""Legacy Word `.doc` → text through an installed converter: LibreOffice first (it keeps
list numbers and reads CJK well), then antiword. Neither is a Python package, so no
extra brings them; with none installed the error names both.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from dutyparse.readers.errors import ReadError
from dutyparse.readers.limits import DEFAULT_LIMITS, Limits
from dutyparse.readers.text import decode

TIMEOUT = 120  # seconds for one conversion
# Executable names, in order of preference.
LIBREOFFICE = ("soffice", "libreoffice")
ANTIWORD = ("antiword",)


def read(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """The text of a .doc file, via the first converter found on PATH (`read_bytes`
    bounds its length)."""
    with tempfile.TemporaryDirectory(prefix="dutyparse-doc-") as tmp:
        source = Path(tmp) / "input.doc"
        source.write_bytes(data)
        office = _which(LIBREOFFICE)
        if office:
            return _libreoffice(office, source)
        antiword = _which(ANTIWORD)
        if antiword:
            return decode(_run([antiword, "-m", "UTF-8.txt", "-w", "0", str(source)]))
    raise ReadError(
        "no_converter", "reading .doc needs LibreOffice (soffice) or antiword; neither is installed"
    )


def _which(names: tuple[str, ...]) -> str | None:
    return next((found for name in names if (found := shutil.which(name))), None)


def _libreoffice(office: str, source: Path) -> str:
    # A private profile per call: parallel batch workers would otherwise fight over one.
    profile = (source.parent / "profile").as_uri()
    _run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
          "txt:Text (encoded):UTF8", "--outdir", str(source.parent), str(source)])
    out = source.with_suffix(".txt")
    if not out.exists():
        raise ReadError("converter_failed", f"{Path(office).name} produced no text")
    return decode(out.read_bytes())


def _run(command: list[str]) -> bytes:
    name = Path(command[0]).name
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ReadError("converter_failed", f"{name} failed: {type(exc).__name__}") from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit code {done.returncode}"
        raise ReadError("converter_failed", f"{name} failed: {reason}")
    return done.stdout
