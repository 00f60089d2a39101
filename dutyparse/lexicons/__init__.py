"""Data files of rules and vocabularies, loaded on first use and cached.

Line files (`*.txt`) hold one entry per line; `#` starts a comment; blank lines are
ignored. Table files are TOML. Nothing is read at import time.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from dutyparse.errors import LexiconError

_HERE = Path(__file__).parent


def _read(name: str) -> str:
    try:
        return (_HERE / name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise LexiconError(f"lexicon {name!r} is missing from the package") from exc


@cache
def lines(name: str) -> tuple[str, ...]:
    """Entries of a line file, in file order.

    >>> "岗位职责" in lines("section_labels.txt")
    True
    """
    entries = (line.split("#", 1)[0].strip() for line in _read(name).splitlines())
    return tuple(entry for entry in entries if entry)


@cache
def table(name: str) -> dict[str, Any]:
    """A TOML table file, parsed."""
    try:
        return tomllib.loads(_read(name))
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"lexicon {name!r} is not valid TOML: {exc}") from exc
