"""Atomic file writes: a reader of `path` sees the old file or the whole new one, never
a part. Data go to a hidden temporary file beside the target, which `os.replace` then
renames over it (atomic on POSIX and Windows within one folder). A process killed
mid-write leaves only a `*.dutyparse-tmp` file, which `sweep` removes. A symlink is
followed (the file it names is replaced); a device or FIFO (`-o /dev/stdout`) is
written directly, as nothing can be renamed over it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

TMP_SUFFIX = ".dutyparse-tmp"


@contextmanager
def atomic_open(path: Path) -> Iterator[BinaryIO]:
    """A binary file that becomes `path` when the block ends without an exception.

    >>> import tempfile; target = Path(tempfile.mkdtemp()) / "a" / "out.json"
    >>> with atomic_open(target) as f:
    ...     _ = f.write(b"{}")
    >>> target.read_bytes(), [p.name for p in target.parent.iterdir()]
    (b'{}', ['out.json'])
    """
    if path.is_symlink():  # replace the file it points to, not the link
        path = path.resolve()
    if path.exists() and not path.is_file():  # /dev/stdout, a FIFO: nothing to rename over
        with path.open("wb") as direct:
            yield direct
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.urandom(4).hex()}{TMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, creating parent folders."""
    with atomic_open(path) as handle:
        handle.write(data)


def sweep(folder: Path) -> int:
    """Remove temporary files a killed run left under `folder`; returns how many."""
    count = 0
    for leftover in folder.rglob(f".*{TMP_SUFFIX}"):
        with suppress(OSError):
            leftover.unlink()
            count += 1
    return count
