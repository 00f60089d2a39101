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
from pathlib import Path

from dutyparse.readers.errors import ReadCode, ReadError

__all__ = ["SUFFIXES", "ReadCode", "ReadError", "read_bytes", "read_path", "sniff"]

# extension → reader module (each has `read(data: bytes) -> str`).
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
SUFFIXES = frozenset(suffix for suffix in _READERS if suffix)
# Leading bytes → the extension they imply, for data read from standard input.
_MAGIC = (
    (b"%PDF-", ".pdf"),
    (b"PK\x03\x04", ".docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc"),  # OLE2 compound file
)


def read_path(path: Path) -> str:
    """The text of the file at `path`; `ReadError` (one-line message) when impossible."""
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        raise ReadError("unsupported", f"unsupported file type {path.suffix!r}")
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError("not_found", "no such file") from exc
    except IsADirectoryError as exc:
        raise ReadError("is_directory", "is a directory") from exc
    except OSError as exc:
        raise ReadError("unreadable", exc.strerror or type(exc).__name__) from exc
    return read_bytes(data, suffix)


def read_bytes(data: bytes, suffix: str | None = None) -> str:
    """The text of `data` read as a file with extension `suffix` (None: sniff it)."""
    if suffix is None:
        suffix = sniff(data)
    module = importlib.import_module(f"{__name__}.{_READERS[suffix]}")
    text: str = module.read(data)
    return text


def sniff(data: bytes) -> str:
    """The extension that `data`'s first bytes imply, `.txt` when none.

    >>> sniff(b"%PDF-1.7"), sniff("岗位".encode())
    ('.pdf', '.txt')
    """
    return next((suffix for magic, suffix in _MAGIC if data.startswith(magic)), ".txt")
