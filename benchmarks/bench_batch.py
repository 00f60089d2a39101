"""`dutyparse batch` over many generated documents: wall time, files/s, peak memory;
then the same batch killed halfway (SIGKILL to the parent and its workers) and run again
with `--resume`, checking that the set completes with no partial files.

    python benchmarks/bench_batch.py [--files 10000] [--jobs N] [--keep DIR]

The documents are short generated 岗位职责 (a title, two sections, 3–6 items with
frequencies and deadlines), in 100 folders, one in ten GBK-encoded. Memory is sampled
from /proc every 50 ms over the batch's whole process tree (Linux): the peak of the
sum, and the largest single process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROLES = ["仓储主管", "仓管员", "叉车司机", "店长", "收银员", "客服专员", "销售经理", "行政助理"]
DUTIES = [
    "每周一主持召开部门例会，通报上周工作情况",
    "每月28号之前汇总库存盘点结果，提交总经理审核",
    "每日下班前核对当日单据，随时关注异常情况",
    "协助主管完成每季度壹次的全面盘点，次月5号之前提交差异分析",
    "一月至少两次清洁保养设备，并填写保养记录",
    "发生事故时第一时间到场处理，并在24小时内提交书面报告",
    "负责客户来访接待和投诉处理，做到账物相符",
    "定期检查消防器材，不定期抽查安全隐患",
]
REQUIREMENTS = ["大专及以上学历", "两年以上相关工作经验", "熟悉办公软件", "责任心强"]


def document(rng: random.Random, n: int) -> str:
    """One short generated job description."""
    role = rng.choice(ROLES)
    duties = rng.sample(DUTIES, rng.randint(3, 6))
    lines = [f"第{n}号 {role}岗位职责", "一、岗位职责"]
    lines += [f"{i}、{duty}；" for i, duty in enumerate(duties, 1)]
    lines += ["二、任职要求"] + [f"{i}. {r}" for i, r in enumerate(rng.sample(REQUIREMENTS, 2), 1)]
    return "\n".join(lines) + "\n"


def generate(root: Path, count: int) -> None:
    rng = random.Random(20240601)  # the same set every run
    for n in range(count):
        folder = root / f"dept{n % 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        encoding = "gbk" if n % 10 == 0 else "utf-8"
        (folder / f"jd{n:05d}.txt").write_bytes(document(rng, n).encode(encoding))


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                children = Path(f"/proc/{current}/task/{task}/children").read_text().split()
                todo.extend(int(c) for c in children)
        except OSError:
            continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Run:
    """One `dutyparse batch` subprocess, with its memory sampled until it ends."""

    def __init__(self, args: list[str]) -> None:
        command = [sys.executable, "-m", "dutyparse", "batch", *args]
        self.started = time.perf_counter()
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                                        start_new_session=True)
        self.peak_total = self.peak_single = 0

    def sample(self) -> None:
        sizes = [_rss_kib(pid) for pid in _tree(self.process.pid)]
        self.peak_total = max(self.peak_total, sum(sizes))
        self.peak_single = max(self.peak_single, max(sizes, default=0))

    def wait(self, until: object = None) -> float:
        """Sample until the process ends (or `until()` is true); the seconds it ran."""
        while self.process.poll() is None:
            self.sample()
            if until is not None and until():  # type: ignore[operator]
                break
            time.sleep(0.05)
        return time.perf_counter() - self.started

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def summary(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.read().strip()


def count_outputs(out: Path) -> int:
    return sum(1 for folder in out.glob("dept*") for _ in folder.glob("*.json"))


def check_complete(src: Path, out: Path) -> tuple[int, int, int]:
    """(outputs, whole JSON documents, leftover temporary files)."""
    outputs = list(out.rglob("*.txt.json"))
    whole = sum(1 for p in outputs if json.loads(p.read_bytes()).get("sections") is not None)
    leftovers = len(list(out.rglob("*.dutyparse-tmp")))
    return len(outputs), whole, leftovers


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="dutyparse-bench-"))
    src = work / "src"
    if not src.exists():
        generate(src, args.files)
    print(f"{args.files} documents in {src}; {args.jobs} jobs on {os.cpu_count()} cores")

    full = Run([str(src), "--out", str(work / "out"), "--jobs", str(args.jobs)])
    seconds = full.wait()
    line = full.summary()
    print(f"full batch: {line}")
    print(f"  wall {seconds:.1f} s, {args.files / seconds:.1f} files/s, "
          f"peak memory {full.peak_total / 1024:.0f} MiB total "
          f"(largest process {full.peak_single / 1024:.0f} MiB)")
    files, whole, leftovers = check_complete(src, work / "out")
    print(f"  outputs {files}, whole JSON {whole}, temporary files left {leftovers}")

    out = work / "out-killed"
    half = args.files // 2
    killed = Run([str(src), "--out", str(out), "--jobs", str(args.jobs)])
    killed.wait(until=lambda: count_outputs(out) >= half)
    killed.kill()
    files, whole, leftovers = check_complete(src, out)
    print(f"killed at {files} outputs ({whole} whole JSON, {leftovers} temporary files left)")
    resumed = Run([str(src), "--out", str(out), "--jobs", str(args.jobs), "--resume"])
    seconds = resumed.wait()
    line = resumed.summary()
    print(f"--resume: {line}")
    files, whole, leftovers = check_complete(src, out)
    complete = files == whole == args.files and leftovers == 0
    match = re.search(r"(\d+) converted, (\d+) up to date", line)
    redone = int(match.group(1)) if match else -1
    print(f"  outputs {files}, whole JSON {whole}, temporary files left {leftovers}; "
          f"re-converted {redone}: {'COMPLETE' if complete else 'INCOMPLETE'}")
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    raise SystemExit(0 if complete and resumed.process.returncode == 0 else 1)


if __name__ == "__main__":
    main()
