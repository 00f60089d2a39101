"""Parse throughput on the seed collection ×20, beside one plain regex pass.

    python benchmarks/bench_parse.py [--repeat N] [--times K] [--file PATH]

Prints one table: characters per second for a full `dutyparse.parse` (with
classification and JSON serialisation) and for one pass of a plain marker regex over
the same text, each the median of N runs (min and max beside it), and their ratio.
Without --file it uses ../shared/seeds/*.txt when present, else corpora/docs/*.txt.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from pathlib import Path

import dutyparse

ROOT = Path(__file__).resolve().parent.parent
# A handful of marker alternatives: the reference "one plain regex pass".
PLAIN = re.compile(
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[、.．]|[①-⑳]"
)


def sample_text(path: Path | None) -> tuple[str, str]:
    if path is not None:
        return path.read_text(encoding="utf-8"), path.name
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    files = seeds or sorted((ROOT / "corpora" / "docs").glob("*.txt"))
    label = "seed file" if seeds else "corpora"
    return "\n\n".join(p.read_text(encoding="utf-8") for p in files), label


def timed(fn: object, repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        runs.append(time.perf_counter() - start)
    return runs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--times", type=int, default=20, help="how many copies of the text")
    ap.add_argument("--file", type=Path)
    args = ap.parse_args()
    text, label = sample_text(args.file)
    text = "\n\n".join([text] * args.times)
    dutyparse.parse("预热：1、加载词表")  # load lexicons once, as a long-running process would

    rows = [
        (
            "dutyparse.parse + JSON",
            timed(lambda: dutyparse.parse(text).model_dump_json(), args.repeat),
        ),
        ("plain regex pass", timed(lambda: sum(1 for _ in PLAIN.finditer(text)), args.repeat)),
    ]
    print(f"input: {label} ×{args.times} = {len(text):,} chars, {args.repeat} runs each")
    print(f"{'what':<26}{'median chars/s':>16}{'min':>14}{'max':>14}")
    for name, runs in rows:
        speeds = [len(text) / t for t in runs]
        print(
            f"{name:<26}{statistics.median(speeds):>16,.0f}{min(speeds):>14,.0f}{max(speeds):>14,.0f}"
        )
    parse_speed = statistics.median(len(text) / t for t in rows[0][1])
    regex_speed = statistics.median(len(text) / t for t in rows[1][1])
    print(f"parse / regex speed ratio: 1/{regex_speed / parse_speed:.1f}")


if __name__ == "__main__":
    main()
