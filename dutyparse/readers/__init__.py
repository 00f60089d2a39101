"""Readers: a file of any supported kind → the plain text `dutyparse.parse` reads.

Offsets in the parsed document index exactly the text a reader returns (print it with
`dutyparse read FILE`). The file's extension picks the reader; data without a name
(standard input) is recognised by its first bytes. Each reader module is imported
only when a file of its kind is read, so `import dutyparse` stays light and a missing
optional dependency only matters for the files that need it.

>>> read_bytes("岗位职责：1、负责接待".encode("gb18030"), ".txt")
'岗位职责：1、负责接待'
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import BinaryIO

from dutyparse.readers.errors import ReadCode, ReadError
from dutyparse.readers.limits import DEFAULT_LIMITS, Limits, check_input, check_text

__all__ = [
    "DEFAULT_LIMITS",
    "SUFFIXES",
    "Limits",
    "ReadCode",
    "ReadError",
    "read_bytes",
    "read_path",
    "read_stream",
    "sniff",
]

# extension → reader module (each has `read(data: bytes, limits: Limits) -> str`).
_READERS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    "": "text",  # no extension: README, 岗位职责
    ".docx": "word",
    ".pdf": "pdf",
    ".doc": "msdoc",
    ".html": "htmlpage",
    ".htm": "htmlpage",
    ".xhtml": "htmlpage",
}
_CHUNK = 1 << 20  # bytes read at a time from a pipe or a device
SUFFIXES = frozenset(suffix for suffix in _READERS if suffix)
# Leading bytes → the extension they imply, for data read from standard input.
_MAGIC = (
    (b"%PDF-", ".pdf"),
    (b"PK\x03\x04", ".docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"),  # OLE2 compound file
)


def read_path(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """The text of the file at `path`; `ReadError` (one-line message) when impossible.

    The size is checked before reading, and reading stops one byte past the limit (a
    file that grows, `/dev/zero`, a FIFO), so no input is ever held whole when too big.
    """
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        raise ReadError("unsupported", f"unsupported file type {path.suffix!r}")
    try:
        with path.open("rb") as handle:
            data = read_stream(handle, limits)
    except FileNotFoundError as exc:
        raise ReadError("not_found", "no such file") from exc
    except IsADirectoryError as exc:
        raise ReadError("is_directory", "is a directory") from exc
    except OSError as exc:
        raise ReadError("unreadable", exc.strerror or type(exc).__name__) from exc
    return read_bytes(data, suffix, limits)


def read_stream(stream: BinaryIO, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """All bytes of `stream` (a file, standard input), `too_large` past `max_bytes`."""
    try:
        size = os.fstat(stream.fileno()).st_size  # 0 for a pipe or a device
    except (OSError, AttributeError, ValueError):  # no file descriptor: io.BytesIO
        size = 0
    check_input(size, limits)
    chunks: list[bytes] = []
    total, want = 0, size + 1  # a regular file: all of it, then the empty read at its end
    while chunk := stream.read(min(max(want, _CHUNK), limits.max_bytes + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        check_input(total, limits)
        want = 0
    return b"".join(chunks)


def read_bytes(data: bytes, suffix: str | None = None, limits: Limits = DEFAULT_LIMITS) -> str:
    """The text of `data` read as a file with extension `suffix` (None: sniff it)."""
    check_input(len(data), limits)
    if suffix is None:
        suffix = sniff(data)
    module = importlib.import_module(f"{__name__}.{_READERS[suffix]}")
    text: str = module.read(data, limits)
    check_text(len(text), limits)  # every reader bounds its text; this is the backstop
    return text


def sniff(data: bytes) -> str:
    """The extension that `data`'s first bytes imply, `.txt` when none.

    >>> sniff(b"%PDF-1.7"), sniff("岗位".encode())
    ('.pdf', '.txt')
    """
    return next((suffix for magic, suffix in _MAGIC if data.startswith(magic)), ".txt")
