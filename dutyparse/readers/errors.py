"""The one error readers raise: `ReadError`, with a stable `code` tests and logs match on.

>>> str(ReadError("binary", "binary file, not text"))
'binary file, not text'
"""

from __future__ import annotations

from typing import Literal

from dutyparse.errors import InputError

ReadCode = Literal[
    "not_found",  # no such file
    "is_directory",  # a folder where a file was expected
    "unreadable",  # permission denied or another OS error
    "unsupported",  # a file type no reader handles (.xlsx, .png)
    "binary",  # bytes that are not text (NUL bytes, control characters)
    "undecodable",  # text in no encoding we read (UTF-8, GB18030, Big5, UTF-16 with BOM)
    "missing_extra",  # the reader needs an optional dependency: dutyparse[docx] / [pdf]
    "no_converter",  # a .doc and neither LibreOffice nor antiword installed
    "converter_failed",  # the .doc converter ran and failed
    "corrupt",  # a .docx/.pdf the library cannot open
    "no_text",  # a PDF without a text layer (a scanned image)
    "too_large",  # an input over Limits.max_bytes
    "text_too_large",  # a reader's text over Limits.max_chars (a .pdf/.docx expands)
    "too_many_pages",  # a PDF over Limits.max_pages
    "decompression_bomb",  # a .docx over the zip limits, a PDF stream over pypdf's
    "unsafe_xml",  # a .docx part with a DTD (entities) or an encoding other than UTF-8/16
]


class ReadError(InputError):
    """A file that cannot be turned into text; `code` is stable, the message one line."""

    def __init__(self, code: ReadCode, message: str) -> None:
        super().__init__(message)
        self.code: ReadCode = code


def missing_extra(extra: str, suffix: str) -> ReadError:
    """The error for a reader whose optional dependency is not installed.

    >>> str(missing_extra("pdf", ".pdf"))
    "reading .pdf files needs the 'pdf' extra: pip install 'dutyparse[pdf]'"
    """
    return ReadError(
        "missing_extra",
        f"reading {suffix} files needs the {extra!r} extra: pip install 'dutyparse[{extra}]'",
    )


def library_error(exc: BaseException) -> str:
    """The name of the exception a library raised, for a one-line message.

    >>> import zlib; library_error(zlib.error()), library_error(EOFError())
    ('zlib.error', 'EOFError')
    """
    name = type(exc).__name__
    return f"{type(exc).__module__}.{name}" if name == "error" else name
