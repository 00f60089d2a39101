"""`regex` patterns compiled once per machine, not once per process.

Compiling the parser's `regex` patterns (the temporal grammar's above all) takes
about 0.1 s, a fifth of a one-document command-line call. The `regex` module pickles a
pattern together with its compiled code, and unpickling one skips the compiler (about
0.05 ms against 1–20 ms). So `compiled` keeps each pattern it compiles in a file of
the cache folder, and later processes load it from there.

The cache folder is `$DUTYPARSE_CACHE_DIR`, else `$XDG_CACHE_HOME/dutyparse`, else
`~/.cache/dutyparse`; an empty `DUTYPARSE_CACHE_DIR` turns the cache off. Files sit in
a subfolder named after the versions of `regex` and Python, whose compiled code they
hold. A file that cannot be read, is damaged, or holds another pattern is compiled
afresh and rewritten; a folder that cannot be written to is given up on for the rest
of the process. A file is only ever unpickled into a `regex` pattern: no other object
can be loaded from it (`_PatternUnpickler`).

>>> compiled(r"\\p{Han}+").findall("岗位A职责")
['岗位', '职责']
"""

from __future__ import annotations

import io
import os
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import Any
from zlib import crc32

import regex

from dutyparse.atomic import write_atomic

_ENVIRONMENT = "DUTYPARSE_CACHE_DIR"
# The one global a pickled pattern names: the function that rebuilds it.
_REBUILDER = ("regex._regex", "compile")
_Key = tuple[str | bytes, int]  # a pattern and its flags
# Patterns made in this process, by (pattern, flags), as `regex.compile` keeps them.
_made: dict[_Key, Any] = {}
# Whether files may still be written: off after the first write that fails.
_writable = True


def compiled(pattern: str | bytes, flags: int = 0) -> Any:
    """`regex.compile(pattern, flags)`, from the cache folder when it holds it.

    >>> compiled("[0-9]+天") is compiled("[0-9]+天")
    True
    """
    key = (pattern, flags)
    made = _made.get(key)
    if made is None:
        made = _made[key] = _load_or_compile(key)
    return made


def _load_or_compile(key: _Key) -> Any:
    folder = cache_folder()
    if folder is None:
        return regex.compile(*key)
    # Named by a checksum: a file that holds another pattern is found out by `_load`.
    path = folder / f"{crc32(repr(key).encode()):08x}-{len(key[0])}.pickle"
    loaded = _load(path, key)
    if loaded is None:
        loaded = regex.compile(*key)
        _store(path, (*key, loaded))
    return loaded


def _store(path: Path, entry: tuple[str | bytes, int, Any]) -> None:
    global _writable
    if _writable:
        try:
            write_atomic(path, pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))
        except OSError:
            _writable = False


@cache
def cache_folder() -> Path | None:
    """Where compiled patterns are kept, or None when the cache is off.

    >>> folder = cache_folder()
    >>> folder is None or folder.name == f"regex-{regex.__version__}-{sys.implementation.cache_tag}"
    True
    """
    configured = os.environ.get(_ENVIRONMENT)
    if configured == "":
        return None
    if configured:
        base = Path(configured)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        try:
            base = (Path(xdg) if xdg else Path.home() / ".cache") / "dutyparse"
        except RuntimeError:  # no home folder to be found
            return None
    return base / f"regex-{regex.__version__}-{sys.implementation.cache_tag}"


def _load(path: Path, key: _Key) -> Any:
    """The pattern kept at `path`, or None when the file is missing, damaged or holds
    another pattern than `key` (pattern, flags)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        kept_pattern, kept_flags, loaded = _PatternUnpickler(io.BytesIO(data)).load()
    except Exception:  # a damaged file can fail in any of pickle's many ways
        return None
    if (kept_pattern, kept_flags) != key or not isinstance(loaded, regex.Pattern):
        return None
    return loaded


class _PatternUnpickler(pickle.Unpickler):
    """Loads plain data and `regex` patterns, and nothing else: a file in the cache
    folder cannot make the parser call any other function."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) != _REBUILDER:
            raise pickle.UnpicklingError(f"{module}.{name} is not a regex pattern")
        return super().find_class(module, name)
