"""A process pool that outlives its tasks: one task that crashes its worker (a segfault
in a C extension, `os._exit`, the kernel's OOM killer), hangs past the timeout, or
raises, is reported as a `Crash` for that task, the worker is replaced, and the other
tasks go on.

`concurrent.futures.ProcessPoolExecutor` cannot do this: a dead worker breaks the
whole pool and fails every pending future. Here each worker has its own pipe, so the
parent always knows which task a dead worker held.

Workers are forked from a "forkserver" where the OS has one (POSIX), else spawned: never
forked from the parent itself, so they inherit no threads or held locks. The server is a
fresh interpreter that imports `dutyparse.batch` once; each worker then starts in
milliseconds, which matters when a crash or a timeout replaces one. Workers ignore
Ctrl-C (the parent owns shutdown and stops them when it is interrupted), and one whose
parent has died exits when its pipe closes.
"""

from __future__ import annotations

import functools
import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

if TYPE_CHECKING:  # ForkServerContext does not exist on Windows
    from multiprocessing.context import ForkServerContext, SpawnContext

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Crash:
    """A task that produced no result; `code` is stable, `reason` one line."""

    code: Literal["crash", "timeout", "error"]
    reason: str


def run_unordered(
    func: Callable[[T], R], tasks: Iterable[T], jobs: int, timeout: float | None = None
) -> Iterator[tuple[T, R | Crash]]:
    """Run `func` over `tasks` in `jobs` worker processes; yield (task, result) as each
    finishes. `func` must be a module-level function (it is pickled by name)."""
    pool = _Pool(func, max(1, jobs), timeout)
    try:
        yield from pool.run(iter(tasks))
    finally:
        pool.close()


@dataclass(frozen=True)
class _Ready:
    """A worker's first message: it has started, so its task's clock may start."""


def _serve(conn: Connection, func: Callable[[object], object]) -> None:
    """A worker's loop: receive a task, send back its result, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn.send(_Ready())
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        try:
            result = func(task)
        except Exception as exc:  # a bug in one task must not end the worker
            result = Crash("error", f"{type(exc).__name__}: {exc}".splitlines()[0])
        try:
            conn.send(result)
        except OSError:  # the parent is gone: its output, if any, is already written
            return


@functools.cache
def _context() -> ForkServerContext | SpawnContext:
    """The start method of every worker: forkserver, or spawn where there is none."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["dutyparse.batch"])  # the server imports it once
    return context


class _Worker(Generic[T]):
    def __init__(self, func: Callable[[T], object]) -> None:
        ctx = _context()
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(
            target=_serve, args=(child, func), daemon=True
        )
        self.process.start()
        child.close()
        self.task: T | None = None
        self.ready = False  # started up: spawning and importing are not the task's time
        self.since = 0.0

    def give(self, task: T) -> None:
        self.task, self.since = task, time.monotonic()
        self.conn.send(task)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()

    def death(self) -> str:
        """Why the process ended, for the report."""
        self.process.join(timeout=5)
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"worker died: {signal.Signals(-code).name}"
        return f"worker died: exit code {code}"


class _Pool(Generic[T, R]):
    def __init__(self, func: Callable[[T], R], jobs: int, timeout: float | None) -> None:
        self.func, self.jobs, self.timeout = func, jobs, timeout
        self.idle: list[_Worker[T]] = []
        self.busy: list[_Worker[T]] = []

    def run(self, tasks: Iterator[T]) -> Iterator[tuple[T, R | Crash]]:
        pending = True
        while True:
            while pending and len(self.busy) < self.jobs:
                try:
                    task = next(tasks)
                except StopIteration:
                    pending = False
                    break
                self._worker().give(task)
            if not self.busy:
                return
            yield from self._collect()

    def _worker(self) -> _Worker[T]:
        worker = self.idle.pop() if self.idle else _Worker(self.func)
        self.busy.append(worker)
        return worker

    def _collect(self) -> Iterator[tuple[T, R | Crash]]:
        handles = [w.conn for w in self.busy] + [w.process.sentinel for w in self.busy]
        ready = set(wait(handles, timeout=self._wait()))
        for worker in list(self.busy):
            outcome = self._outcome(worker, ready)
            if outcome is None:
                continue
            task, result, alive = outcome
            self.busy.remove(worker)
            if alive:
                self.idle.append(worker)
            else:
                worker.stop(kill=True)
            yield task, result

    def _outcome(
        self, worker: _Worker[T], ready: Set[object]
    ) -> tuple[T, R | Crash, bool] | None:
        task = worker.task
        assert task is not None  # a busy worker always holds a task
        if worker.conn in ready or worker.process.sentinel in ready:
            try:
                if worker.conn.poll():
                    result: R | Crash | _Ready = worker.conn.recv()
                    if not isinstance(result, _Ready):
                        return task, result, True
                    worker.ready, worker.since = True, time.monotonic()
                    return None
            except (EOFError, OSError):
                pass
            return task, Crash("crash", worker.death()), False
        if worker.ready and self.timeout and time.monotonic() - worker.since > self.timeout:
            return task, Crash("timeout", f"timed out after {self.timeout:g} s"), False
        return None

    def _wait(self) -> float | None:
        if not self.timeout:
            return None
        oldest = min(w.since for w in self.busy)
        return max(0.0, oldest + self.timeout - time.monotonic()) + 0.01

    def close(self) -> None:
        for worker in self.idle:
            worker.stop()
        for worker in self.busy:  # interrupted: their tasks are abandoned
            worker.stop(kill=True)
        self.idle, self.busy = [], []
