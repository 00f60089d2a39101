"""Plain text in the encodings of SPEC §1: UTF-8 (with or without BOM), GB18030/GBK,
UTF-16/32 with a BOM — and Big5, which Traditional-character documents still use.

Order of evidence, strongest first: a byte-order mark; strict UTF-8 (which random
bytes almost never pass); then charset-normalizer's ranking limited to the Chinese
legacy encodings, because unrestricted detection reads a short GBK line such as
`岗位职责` as Big5 or CP949. Line ends are folded the way Python's text mode folds
them (`\\r\\n` and `\\r` → `\\n`), so offsets agree with `open(path).read()`.

>>> decode("岗位职责".encode("gb18030"))
'岗位职责'
>>> decode(b"\\xef\\xbb\\xbf1\\xe3\\x80\\x81A\\r\\n")
'1、A\\n'
"""

from __future__ import annotations

import codecs

from dutyparse.readers.errors import ReadError
from dutyparse.readers.limits import DEFAULT_LIMITS, Limits

# (BOM, codec) — UTF-32 LE before UTF-16 LE: its BOM starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy encodings detection may choose from; on a tie the first wins (the contract's).
_LEGACY = ("gb18030", "big5")
# C0 controls that text files do contain: tab, newlines, form feed, escape-free rest.
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1a")
_CONTROL_CHARS = tuple(chr(c) for c in range(0x20) if chr(c) not in _TEXT_CONTROLS)
_CONTROL_BYTES = "".join(_CONTROL_CHARS).encode("ascii")
# More than this share of other control characters means the bytes are not text.
_MAX_CONTROL_SHARE = 0.05


def decode(data: bytes) -> str:
    """Bytes → text, raising `ReadError` (`binary`, `undecodable`) when they are not text."""
    text = _with_bom(data)
    if text is None:
        controls = _control_bytes(data)  # before decoding: a PNG is binary, not GBK
        _check_controls(controls, len(data))
        text = _utf8(data)
        text = _detect(data) if text is None else text
        # UTF-8, GB18030 and Big5 never use a byte below 0x20 inside a multi-byte
        # character, so the text holds exactly the control characters the bytes did.
        _check_controls(controls, len(text))
    else:
        _check_controls(_control_chars(text), len(text))
    return fold_newlines(text)


def fold_newlines(text: str) -> str:
    """`\\r\\n` and a lone `\\r` become `\\n`, as in Python's text mode.

    >>> fold_newlines("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _with_bom(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    "undecodable", f"undecodable bytes: not {codec} after its byte-order mark"
                ) from exc
    return None


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes  # lazy: not needed at `import dutyparse`

    results = list(from_bytes(data, cp_isolation=list(_LEGACY)))
    if not results:
        raise ReadError("undecodable", "undecodable bytes: not UTF-8, GB18030, Big5 or UTF-16")
    best = min(results, key=lambda r: (round(r.chaos, 3), -r.coherence, _rank(r.encoding)))
    return str(best)


def _rank(encoding: str) -> int:
    return _LEGACY.index(encoding) if encoding in _LEGACY else len(_LEGACY)


def _control_bytes(data: bytes) -> int:
    """How many bytes of `data` are C0 controls other than `_TEXT_CONTROLS` (NUL counts
    as a whole file's worth); one pass in C, as inputs may be 100 MB."""
    if b"\x00" in data:
        return len(data) + 1
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


def _control_chars(text: str) -> int:
    if "\x00" in text:
        return len(text) + 1
    return sum(map(text.count, _CONTROL_CHARS))


def _check_controls(controls: int, length: int) -> None:
    if controls > length:
        raise ReadError("binary", "binary file (NUL bytes), not text")
    if length and controls / length > _MAX_CONTROL_SHARE:
        raise ReadError("binary", "binary file (control characters), not text")


def read(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """The reader interface (`readers.read_bytes`): a text file's bytes → its text (never
    longer than the bytes, so `limits` has nothing to add here)."""
    return decode(data)
