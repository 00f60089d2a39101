"""`dutyparse batch`: many files → one JSON document each, in parallel, resumable.

Rules of this module:
- every input `SRC/…/name.ext` becomes `OUT/<relative path>.json` (`name.ext.json`, so
  `a.txt` and `a.docx` never collide); the relative path is taken from the one folder
  given, or else from the deepest folder that holds all the sources;
- folders are walked recursively in sorted order; hidden files and folders, files of
  kinds no reader handles, and the output folder itself are passed over;
- each output is written atomically, so a killed run leaves whole files or none, and
  `resume` skips every input whose output is at least as new as the input;
- a file that fails goes to `OUT/_errors.jsonl` (`{"path", "code", "reason"}`) and the
  batch goes on; a worker that crashes or hangs costs only its file.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from dutyparse.api import parse_record
from dutyparse.atomic import atomic_open, sweep
from dutyparse.readers import DEFAULT_LIMITS, SUFFIXES, Limits, ReadError, read_path
from dutyparse.records import iter_json, load_json
from dutyparse.workers import Crash, run_unordered

ERRORS_NAME = "_errors.jsonl"
COMBINED_NAME = "_items.jsonl"


@dataclass(frozen=True)
class Job:
    """One input file and where its document goes."""

    source: Path
    name: str  # the input path as found (`docs/sub/a.txt`): Document.source, error log
    output: Path
    limits: Limits = DEFAULT_LIMITS


@dataclass(frozen=True)
class Failure:
    """Why one input produced no document; `code` is stable (ReadError codes, crash…)."""

    name: str
    code: str
    reason: str


@dataclass
class Summary:
    """What a batch did; `line()` is the closing line the CLI prints."""

    files: int = 0
    converted: int = 0
    up_to_date: int = 0
    items: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        """`120 files: 118 converted, 0 up to date, 2 failed; 1432 items; 3.1 s (38.7 files/s)`

        The rate counts the files this run read (converted or failed), not those skipped.
        """
        done = self.converted + len(self.failures)
        rate = done / self.seconds if self.seconds else 0.0
        return (
            f"{self.files} files: {self.converted} converted, {self.up_to_date} up to date, "
            f"{len(self.failures)} failed; {self.items} items; "
            f"{self.seconds:.1f} s ({rate:.1f} files/s)"
        )


def convert(job: Job) -> int | Failure:
    """Read, parse and write one file (runs in a worker); the number of items or why not."""
    try:
        text = read_path(job.source, job.limits)
    except ReadError as exc:
        return Failure(job.name, exc.code, str(exc))
    doc = parse_record(text, source=job.name)
    try:
        with atomic_open(job.output) as handle:
            for piece in iter_json(doc):
                handle.write(piece.encode("utf-8"))
            handle.write(b"\n")
    except OSError as exc:
        return Failure(job.name, "write_failed", f"cannot write output: {exc.strerror or exc}")
    return len(doc.iter_items())


def find_jobs(
    sources: Sequence[Path], out: Path, limits: Limits = DEFAULT_LIMITS
) -> tuple[list[Job], list[Failure]]:
    """The files under `sources` and their outputs; sources that do not exist fail."""
    missing = [Failure(str(s), "not_found", "no such file or folder") for s in sources
               if not s.exists()]
    present = [s for s in sources if s.exists()]
    base = _base(present)
    out_abs = out.absolute()
    jobs: dict[Path, Job] = {}
    for source in present:
        for path in _files(source, out_abs):
            absolute = path.absolute()
            relative = absolute.relative_to(base) if base else Path(path.name)
            jobs.setdefault(absolute, Job(path, str(path), out / f"{relative}.json", limits))
    return list(jobs.values()), missing


def _base(sources: Sequence[Path]) -> Path | None:
    """The folder output paths are relative to."""
    if len(sources) == 1 and sources[0].is_dir():
        return sources[0].absolute()
    folders = [str(s.absolute() if s.is_dir() else s.absolute().parent) for s in sources]
    try:
        return Path(os.path.commonpath(folders)) if folders else None
    except ValueError:  # Windows paths on different drives
        return None


def _files(source: Path, out_abs: Path) -> Iterator[Path]:
    if not source.is_dir():
        yield source
        return
    for root, dirs, names in os.walk(source):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not _inside(here / d, out_abs))
        yield from (here / n for n in sorted(names)
                    if not n.startswith(".") and Path(n).suffix.lower() in SUFFIXES)


def _inside(path: Path, folder: Path) -> bool:
    return path.absolute() == folder or folder in path.absolute().parents


def up_to_date(job: Job) -> bool:
    """True when the output exists and is at least as new as the input."""
    try:
        return job.output.stat().st_mtime_ns >= job.source.stat().st_mtime_ns
    except OSError:
        return False


class ErrorLog:
    """`OUT/_errors.jsonl`, rewritten by every run: one line per failed input, written
    as it happens (so a killed run still shows what failed); absent when none did."""

    def __init__(self, out: Path) -> None:
        self.path = out / ERRORS_NAME
        self.path.unlink(missing_ok=True)
        self._handle: TextIO | None = None

    def add(self, failure: Failure) -> None:
        """Record one failure."""
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8")
        record = {"path": failure.name, "code": failure.code, "reason": failure.reason}
        self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._handle.flush()

    def close(self) -> None:
        """Close the file, if one was opened."""
        if self._handle is not None:
            self._handle.close()


@dataclass(frozen=True)
class Options:
    """How to run a batch."""

    jobs: int = 1
    resume: bool = False
    combined: bool = False  # also write OUT/_items.jsonl (the flat view of every document)
    timeout: float | None = 300.0
    progress: bool = False
    limits: Limits = DEFAULT_LIMITS  # input size, PDF pages, zip bombs (ReadError codes)


def cores() -> int:
    """The cores this process may use (its CPU affinity where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def run_batch(
    sources: Sequence[Path],
    out: Path,
    options: Options,
    work: Callable[[Job], int | Failure] = convert,
) -> Summary:
    """Convert every file under `sources` into `out`; see the module docstring."""
    started = time.monotonic()
    out.mkdir(parents=True, exist_ok=True)
    sweep(out)
    jobs, missing = find_jobs(sources, out, options.limits)
    summary = Summary(files=len(jobs) + len(missing))
    todo = [job for job in jobs if not (options.resume and up_to_date(job))]
    summary.up_to_date = len(jobs) - len(todo)
    log = ErrorLog(out)
    bar = _progress(options.progress, summary.files, summary.up_to_date + len(missing))
    try:
        for failure in missing:
            _fail(summary, log, failure)
        for job, result in run_unordered(work, todo, options.jobs, options.timeout):
            _record(summary, log, job, result)
            bar.update(1)
    finally:
        bar.close()
        log.close()
    if options.combined:
        write_combined(jobs, out / COMBINED_NAME)
    summary.seconds = time.monotonic() - started
    return summary


def _record(summary: Summary, log: ErrorLog, job: Job, result: int | Failure | Crash) -> None:
    if isinstance(result, int):
        summary.converted += 1
        summary.items += result
    elif isinstance(result, Failure):
        _fail(summary, log, result)
    else:
        _fail(summary, log, Failure(job.name, result.code, result.reason))


def _fail(summary: Summary, log: ErrorLog, failure: Failure) -> None:
    summary.failures.append(failure)
    log.add(failure)


def write_combined(jobs: Sequence[Job], path: Path) -> None:
    """`OUT/_items.jsonl`: the flat view of every document written, in input order."""
    from dutyparse.output import JsonlRenderer

    render = JsonlRenderer()
    with atomic_open(path) as handle:
        for job in jobs:
            try:
                data = job.output.read_bytes()
            except OSError:  # a failed input has no document
                continue
            try:
                doc = load_json(data)
            except ValueError:  # not written by dutyparse: no document to list
                continue
            for piece in render.document(doc, job.name):
                handle.write(piece.encode("utf-8"))


class _NoBar:
    def update(self, n: int) -> None:
        """Nothing to show."""

    def close(self) -> None:
        """Nothing to close."""


def _progress(show: bool, total: int, done: int) -> Any:
    if not show:
        return _NoBar()
    from tqdm import tqdm  # lazy: only a terminal run pays for it

    return tqdm(total=total, initial=done, unit="file", dynamic_ncols=True, smoothing=0.1)
