"""How much a reader may take in and give out. Every limit, when passed, is a `ReadError`
with its own stable code and a one-line message that names the limit — never a hang,
an exhausted memory or a traceback.

| limit | what it bounds | code |
|---|---|---|
| `max_bytes` | the input: a file's size, what standard input sends | `too_large` |
| `max_chars` | the text a reader returns (None: `max_bytes`) | `text_too_large` |
| `max_pages` | the pages of a PDF | `too_many_pages` |
| `max_unzipped` `max_member` `max_members` `max_ratio` | a .docx zip | `decompression_bomb` |

Sizes are checked before the work that they would make expensive (a file's size before
reading it, a zip's directory before decompressing) and again while it is done, because
a file can grow and a zip directory can lie.

>>> Limits(max_bytes=parse_size("2M")).text_limit
2097152
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dutyparse.readers.errors import ReadError

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB


@dataclass(frozen=True)
class Limits:
    """Reader limits; the defaults are far above any real job description."""

    max_bytes: int = 100 * MIB
    """Largest input, in bytes (a file, or standard input)."""
    max_chars: int | None = None
    """Longest text a reader may return, in characters; None: the same as `max_bytes`
    (a .pdf or .docx can expand past its own size)."""
    max_pages: int = 2000
    """Most pages of a PDF."""
    max_unzipped: int = 512 * MIB
    """Largest total uncompressed size of a .docx's members."""
    max_member: int = 256 * MIB
    """Largest uncompressed size of one .docx member."""
    max_members: int = 10_000
    """Most members in a .docx archive."""
    max_ratio: int = 500
    """Highest uncompressed/compressed ratio of a .docx member over `RATIO_FLOOR` bytes.
    Deflate cannot pass ~1032; Word's own XML, even 20,000 identical paragraphs, stays
    near 250, and a zip bomb sits at the ceiling."""

    @property
    def text_limit(self) -> int:
        """`max_chars`, or `max_bytes` when unset."""
        return self.max_bytes if self.max_chars is None else self.max_chars


DEFAULT_LIMITS = Limits()
RATIO_FLOOR = MIB  # small members compress as they like: only big ones can be bombs

# `100M`, `1.5 GiB`, `512k`, `2000` — binary units, the B and the i optional.
_SIZE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(?:([kmg])(?:i?b)?|b)?\s*", re.IGNORECASE)
_UNITS = {None: 1, "k": KIB, "m": MIB, "g": GIB}


def parse_size(text: str) -> int:
    """A size such as `100M` or `2G` in bytes (K, M, G are powers of 1024).

    >>> parse_size("100M"), parse_size("512k"), parse_size("1.5GiB"), parse_size("7")
    (104857600, 524288, 1610612736, 7)
    """
    found = _SIZE.fullmatch(text)
    if found is None:
        raise ValueError(f"not a size: {text!r} (say 100M, 2G or a number of bytes)")
    unit = found.group(2).lower() if found.group(2) else None
    return int(float(found.group(1)) * _UNITS[unit])


def check_input(size: int, limits: Limits) -> None:
    """`too_large` when an input of `size` bytes is over `max_bytes`."""
    if size > limits.max_bytes:
        raise ReadError(
            "too_large",
            f"input too large: over {limits.max_bytes:,} bytes (raise it with --max-bytes)",
        )


def check_text(length: int, limits: Limits) -> None:
    """`text_too_large` when `length` characters of text are over the text limit."""
    if length > limits.text_limit:
        raise ReadError(
            "text_too_large",
            f"text too large: over {limits.text_limit:,} characters (raise it with --max-bytes)",
        )


def join_limited(separator: str, pieces: Iterable[str], limits: Limits) -> str:
    """`separator.join(pieces)`, stopping with `text_too_large` as soon as the text
    would pass the limit (so a hostile file never builds the whole string).

    >>> join_limited("-", ["ab", "cd"], Limits(max_chars=5))
    'ab-cd'
    """
    out: list[str] = []
    length = -len(separator)
    for piece in pieces:
        length += len(separator) + len(piece)
        check_text(length, limits)
        out.append(piece)
    return separator.join(out)
