"""Instructions, not seconds: a parse against one plain regex pass, counted by valgrind.

    python benchmarks/bench_instructions.py [--times K] [--file PATH]

On a shared host, timings move by a third or more between runs, and the regex pass and
the parse do not move together. Instruction counts do not move: the same interpreter,
input and environment give the same total, whatever else the machine is doing. So this
is the figure to compare two versions of the parser by, a change at a time.

Each figure is counted by callgrind in child interpreters: one that does the work once
after starting (imports, lexicons, a first call), and one that does it `n` more times;
the difference over `n` is the cost of one call. The children run with a fixed hash seed
and the pattern cache off, so that nothing but the work differs between them.

An instruction is not a unit of time: Python's object work (allocation, pointer
chasing) runs fewer instructions per cycle than the regex engine's tight loop, so the
ratio in time is larger than this one. Needs valgrind; a run takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench_parse import sample_text

BENCHMARKS = Path(__file__).resolve().parent
# What each child does: the work named by argv[2], 1 + argv[3] times, on the text in argv[1].
CHILD = """
import sys
from pathlib import Path
from bench_parse import PLAIN
from dutyparse import api, parse
from dutyparse.records import dump_json

text = Path(sys.argv[1]).read_text(encoding="utf-8")
work = {
    "parse_record": lambda: dump_json(api.parse_record(text)),
    "parse": lambda: parse(text).model_dump_json(),
    "regex": lambda: sum(1 for _ in PLAIN.finditer(text)),
}[sys.argv[2]]
for _ in range(1 + int(sys.argv[3])):
    work()
"""
# (work, row name, how many more calls the second child makes)
WORKS = (
    ("regex", "plain regex pass", 10),
    ("parse_record", "parse_record + dump_json (the CLI's path)", 1),
    ("parse", "parse + model_dump_json", 1),
)
_COLLECTED = re.compile(r"^==\d+== Collected : (\d+)$", re.MULTILINE)


def collected(stderr: str) -> int:
    """The instruction count callgrind reports at its end.

    >>> collected("==7== Events    : Ir\\n==7== Collected : 142798360\\n==7==\\n")
    142798360
    """
    found = _COLLECTED.search(stderr)
    if found is None:
        tail = stderr.strip().splitlines()[-5:]
        raise RuntimeError("no instruction count from valgrind:\n" + "\n".join(tail))
    return int(found.group(1))


def count(text_file: Path, work: str, more: int) -> int:
    """Instructions of a child that does `work` 1 + `more` times."""
    path = os.pathsep.join(filter(None, [str(BENCHMARKS), os.environ.get("PYTHONPATH")]))
    env = os.environ | {"PYTHONHASHSEED": "0", "DUTYPARSE_CACHE_DIR": "", "PYTHONPATH": path}
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               sys.executable, "-c", CHILD, str(text_file), work, str(more)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{work} ×{1 + more} exited with {done.returncode}:\n"
                           + "\n".join(done.stderr.strip().splitlines()[-5:]))  # fmt: skip
    return collected(done.stderr)


def per_call(text_file: Path) -> dict[str, int]:
    """Instructions of one call of each work, children run side by side."""
    jobs = [(work, more) for work, _, n in WORKS for more in (0, n)]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        counts = dict(zip(jobs, pool.map(lambda job: count(text_file, *job), jobs), strict=True))
    return {work: (counts[work, n] - counts[work, 0]) // n for work, _, n in WORKS}


def table(calls: dict[str, int], chars: int) -> str:
    """One line per work: instructions per call and per character, and the regex ratio.

    >>> print(table({"regex": 1000, "parse_record": 11500, "parse": 20000}, 10))
    what                                         instructions  per char   ÷regex
    plain regex pass                                    1,000       100     1.00
    parse_record + dump_json (the CLI's path)          11,500     1,150   1/11.5
    parse + model_dump_json                            20,000     2,000   1/20.0
    """
    lines = [f"{'what':<42}{'instructions':>15}{'per char':>10}{'÷regex':>9}"]
    for work, name, _ in WORKS:
        ratio = calls[work] / calls["regex"]
        shown = "1.00" if work == "regex" else f"1/{ratio:.1f}"
        lines.append(f"{name:<42}{calls[work]:>15,}{calls[work] / chars:>10,.0f}{shown:>9}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--times", type=int, default=20, help="copies of the text (default 20)")
    ap.add_argument("--file", type=Path, help="a text to use instead of the seed collection")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("bench_instructions: valgrind is not installed (Debian: apt install valgrind)",
              file=sys.stderr)  # fmt: skip
        return 2
    if args.times < 1:
        print("bench_instructions: --times must be at least 1", file=sys.stderr)
        return 2
    try:
        base, label = sample_text(args.file)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"bench_instructions: cannot read the text: {exc}", file=sys.stderr)
        return 2
    text = "\n\n".join([base] * args.times)
    print(f"input: {label} ×{args.times} = {len(text):,} chars; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as work:
        text_file = Path(work) / "text.txt"
        text_file.write_text(text, encoding="utf-8")
        try:
            calls = per_call(text_file)
        except RuntimeError as exc:
            print(f"bench_instructions: {exc}", file=sys.stderr)
            return 1
    print(table(calls, len(text)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
