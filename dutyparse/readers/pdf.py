"""`.pdf` → text, page by page, from the PDF's text layer (pypdf).

Pages are joined by a line break. A PDF with no text at all is a scanned image: that
is an error (`no_text`), not an empty document, because OCR is out of scope and an empty
result would pass for "no duties". Needs pypdf: `pip install 'dutyparse[pdf]'`.

Limits: more than `Limits.max_pages` pages is `too_many_pages`, counted before any page
is read; the text stops with `text_too_large` as soon as it passes `Limits.max_chars`;
a stream that would decompress past pypdf's own limits (75 MB a stream in pypdf ≥ 6) is
`decompression_bomb`. Anything else pypdf raises on a damaged file is `corrupt`.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

from dutyparse.readers.errors import ReadError, library_error, missing_extra
from dutyparse.readers.limits import DEFAULT_LIMITS, Limits, join_limited

_LOG = logging.getLogger(__name__)


def read(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """The text layer of every page, in page order."""
    try:
        import pypdf
        from pypdf.errors import LimitReachedError
    except ImportError as exc:
        raise missing_extra("pdf", ".pdf") from exc
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not ours to print
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("corrupt", "encrypted PDF (a password is needed)")
        text = join_limited("\n", _pages(reader, limits), limits)
    except ReadError:
        raise
    except LimitReachedError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "LimitReachedError"
        raise ReadError("decompression_bomb", f"PDF over pypdf's safety limits ({reason})") from exc
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise ReadError("corrupt", f"not a readable PDF ({library_error(exc)})") from exc
    if not text.strip():
        raise ReadError("no_text", "PDF has no text layer (a scanned image?); OCR it first")
    return text


def _pages(reader: Any, limits: Limits) -> Iterator[str]:
    """The text of each page, after checking how many there are."""
    count = len(reader.pages)
    if count > limits.max_pages:
        raise ReadError(
            "too_many_pages",
            f"PDF has {count:,} pages, over the limit of {limits.max_pages:,} (--max-pages)",
        )
    for page in reader.pages:
        yield (page.extract_text() or "").rstrip("\n")
