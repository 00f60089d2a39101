"""`.pdf` → text, page by page, from the PDF's text layer (pypdf).

Pages are joined by a line break. A PDF with no text at all is a scanned image: that
is an error (`no_text`), not an empty document, because OCR is out of scope and an empty
result would pass for "no duties". Needs pypdf: `pip install 'dutyparse[pdf]'`.
"""

from __future__ import annotations

import io
import logging

from dutyparse.readers.errors import ReadError, missing_extra

_LOG = logging.getLogger(__name__)


def read(data: bytes) -> str:
    """The text layer of every page, in page order."""
    try:
        import pypdf
    except ImportError as exc:
        raise missing_extra("pdf", ".pdf") from exc
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not ours to print
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("corrupt", "encrypted PDF (a password is needed)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise ReadError("corrupt", f"not a readable PDF ({type(exc).__name__})") from exc
    text = "\n".join(page.rstrip("\n") for page in pages)
    if not text.strip():
        raise ReadError("no_text", "PDF has no text layer (a scanned image?); OCR it first")
    return text
