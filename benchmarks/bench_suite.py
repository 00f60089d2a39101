"""Speed and memory of dutyparse, with peers side by side: one table (issue 6).

    python benchmarks/bench_suite.py [--quick] [--json OUT] [--repeat N]

Every row is the median, min and max of N runs (default 5). Throughput rows also give
the ratio to one plain regex pass (`bench_parse.PLAIN`, stdlib `re`) over the same text,
measured in the same run: 1/10 means a tenth of the regex's speed. The rows:

1. `parse` + `model_dump_json` on the seed ×20 (../shared/seeds/*.txt joined, 20 copies,
   parsed as one text; the corpora joined when the seeds are missing) and on each
   corpora/docs/*.txt separately, read as the CLI reads them (`dutyparse.readers`); and
   the command line's path on the seed ×20: `parse_record` + `records.dump_json`, the
   same JSON without the pydantic models;
2. the time of each stage of `api.parse` on the seed ×20, run one by one (`staged_parse`);
3. growth: parse time of the seed ×20 over the seed ×2 (×10 input, target ≤ ×12);
4. `from dutyparse import parse` minus `import pydantic` (fresh interpreters, `python -c`;
   naming `parse` forces the imports `import dutyparse` alone defers), and one
   `dutyparse parse DOC --format json` call, wall time;
5. peak memory of parse + JSON on a 10 MB (UTF-8) input in a fresh interpreter: its peak
   RSS during the parse (VmHWM, reset just before it) minus its RSS before it (dutyparse
   imported, text built), in MiB and as a multiple of the input's bytes (target ≤ 10×),
   for `parse` (models, `model_dump_json`) and for the command line's way (`parse_record`,
   records written piece by piece with `records.iter_json`);
6. `dutyparse batch` on 10,000 generated documents (`bench_batch.generate`), 1 and 2 jobs;
7. peers from the `bench` extra, on the same text: jionlp `extract_time` per line, jieba
   (dictionary load; `lcut`), unstructured `partition_text` — each skipped with its reason.

--quick: 3 runs (1 for the memory and batch rows, which start interpreters), the seed ×2,
growth ×1 → ×10, a 1 MB memory input and 1,000 batch documents.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from bench_batch import generate
from bench_parse import PLAIN, timed
from bench_temporal import jionlp_extract_factory

import dutyparse
from dutyparse import api
from dutyparse.atomic import write_atomic
from dutyparse.classify import annotate_roles, annotate_times
from dutyparse.labels import find_labels
from dutyparse.layout import find_skipped, title_span
from dutyparse.markers import find_candidates
from dutyparse.models import Document
from dutyparse.normalize import normalize
from dutyparse.readers import read_path
from dutyparse.records import dump_json
from dutyparse.tree import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CORPORA = ROOT / "corpora" / "docs"
STAGES = ("normalise", "tokenise", "tree", "classify", "models", "serialise")
WARM_UP = "预热：1、加载词表"  # loads the lexicons once, as a long-running process would


@dataclass
class Row:
    """One figure: its runs, and its speed relative to the regex pass (throughput rows)."""

    name: str
    unit: str
    values: list[float]
    ratio_to_regex: float | None = None
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def min(self) -> float | None:
        return min(self.values, default=None)

    @property
    def max(self) -> float | None:
        return max(self.values, default=None)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "unit": self.unit, "median": self.median, "min": self.min,
            "max": self.max, "runs": len(self.values), "ratio_to_regex": self.ratio_to_regex,
            "values": self.values, "note": self.note,
        }  # fmt: skip


def skipped(name: str, unit: str, why: str) -> Row:
    return Row(name, unit, [], note=f"not run: {why}")


@dataclass
class Bench:
    """What the figures share: the texts, the scale of this mode, the regex floor."""

    base: str  # the seeds joined once (or the corpora joined)
    label: str  # what `base` is, for row names
    docs: list[str]  # corpora documents, each as read from its file
    runs: int
    heavy_runs: int  # rows that start interpreters: memory, batch
    times: int = 20  # copies of `base` in the main text
    growth: tuple[int, int] = (2, 20)
    memory_mb: float = 10
    batch_files: int = 10_000

    def copies(self, n: int) -> str:
        return "\n\n".join([self.base] * n)

    @cached_property
    def text(self) -> str:
        return self.copies(self.times)

    @property
    def name(self) -> str:
        return f"{self.label} ×{self.times}"

    @cached_property
    def regex(self) -> list[float]:
        """chars/s of each run of one plain regex pass over the main text."""
        return regex_speeds([self.text], self.runs)

    @property
    def floor(self) -> float:
        return statistics.median(self.regex)


def parse_json(text: str) -> Callable[[], str]:
    return lambda: dutyparse.parse(text).model_dump_json()


def regex_speeds(texts: Sequence[str], runs: int) -> list[float]:
    """chars/s of each run of one `PLAIN` pass over each of `texts`."""
    chars = sum(map(len, texts))
    seconds = timed(lambda: [sum(1 for _ in PLAIN.finditer(t)) for t in texts], runs)
    return [chars / s for s in seconds]


def speed_rows(name: str, seconds: list[float], texts: Sequence[str], floor: float) -> list[Row]:
    """chars/s and documents/s rows of runs over `texts`, each against the regex floor."""
    chars = sum(map(len, texts))
    speed = Row(name, "chars/s", [chars / s for s in seconds])
    speed.ratio_to_regex = (speed.median or 0.0) / floor
    docs = Row(name, "docs/s", [len(texts) / s for s in seconds], speed.ratio_to_regex)
    return [speed, docs]


# ── 1–3: in this process ────────────────────────────────────────────────────────────────


def parse_rows(b: Bench) -> list[Row]:
    """Parse + JSON throughput on the main text (one document) and on the corpora."""
    rows = speed_rows(f"parse + JSON, {b.name}", timed(parse_json(b.text), b.runs), [b.text],
                      b.floor)  # fmt: skip
    seconds = timed(lambda: dump_json(api.parse_record(b.text)), b.runs)
    rows += speed_rows(f"parse_record + dump_json (the CLI's path), {b.name}", seconds, [b.text],
                       b.floor)  # fmt: skip
    rows.append(Row(f"plain regex pass, {b.name}", "chars/s", b.regex, 1.0))
    if b.docs:
        seconds = timed(lambda: [dutyparse.parse(d).model_dump_json() for d in b.docs], b.runs)
        name = f"parse + JSON, corpora ({len(b.docs)} docs, each alone)"
        regex = regex_speeds(b.docs, b.runs)
        rows += speed_rows(name, seconds, b.docs, statistics.median(regex))
        rows.append(Row("plain regex pass, corpora", "chars/s", regex, 1.0))
    return rows


def staged_parse(text: str) -> tuple[str, list[float]]:
    """`api.parse` + JSON cut at its stage borders: (the JSON, seconds of each stage).

    Mirrors `api.parse` line for line; `stage_rows` checks its JSON against `parse`'s, so
    a change of api.py shows up here as a failed check rather than as wrong figures."""
    clock = [time.perf_counter()]
    norm = normalize(text)
    clock.append(time.perf_counter())  # normalise
    cands = find_candidates(norm)
    title = title_span(norm, cands)
    skips = find_skipped(norm, title, cands)
    holes = api._holes(title, skips)
    cands = [c for c in cands if not api._in_hole(c, holes)]
    labels = [label for label in find_labels(norm, cands) if not api._in_hole(label, holes)]
    clock.append(time.perf_counter())  # tokenise: markers + layout + labels
    root = build(norm, cands, labels)
    doc = api._document(text, None, title, skips, root, holes)
    clock.append(time.perf_counter())  # tree: build + assemble
    annotate_roles(doc, text, norm)
    del norm
    annotate_times(doc, text)
    clock.append(time.perf_counter())  # classify: roles + times
    model = Document.of(doc)
    clock.append(time.perf_counter())  # models: records validated into pydantic models
    out = model.model_dump_json()
    clock.append(time.perf_counter())  # serialise
    return out, [b - a for a, b in itertools.pairwise(clock)]


def stage_rows(b: Bench) -> list[Row]:
    """Milliseconds of each stage, their sum, and the whole parse + JSON run beside them."""
    if staged_parse(b.base)[0] != dutyparse.parse(b.base).model_dump_json():
        return [skipped("stages", "ms", "staged_parse no longer matches api.parse")]
    laps, whole = [], []
    for _ in range(b.runs):  # interleaved, so that both see the same load of the machine
        whole += timed(parse_json(b.text), 1)
        with api._cyclic_gc_paused():  # as `parse` runs
            laps.append(staged_parse(b.text)[1])
    rows = [Row(f"stage: {s}", "ms", [lap[i] * 1e3 for lap in laps]) for i, s in enumerate(STAGES)]
    rows.append(Row("stages summed", "ms", [sum(lap) * 1e3 for lap in laps]))
    return [*rows, Row(f"parse + JSON whole, {b.name}", "ms", [s * 1e3 for s in whole])]


def growth_rows(b: Bench) -> list[Row]:
    """Parse + JSON time of the larger input over the smaller (×10 text); linear is ×10.
    Each run times both, so that both see the same load of the machine."""
    small, big = b.growth
    texts = b.copies(small), b.copies(big)
    ratios = [timed(parse_json(texts[1]), 1)[0] / timed(parse_json(texts[0]), 1)[0]
              for _ in range(b.runs)]  # fmt: skip
    name = f"growth: time ×{big} / time ×{small} ({b.label})"
    return [Row(name, "×", ratios, note=f"input ×{big // small}; target ≤ ×12")]


# ── 4–6: fresh interpreters ─────────────────────────────────────────────────────────────


def child(command: Sequence[str], env: dict[str, str] | None = None) -> str:
    """The output of `command`; RuntimeError with its last line of stderr when it fails."""
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        raise RuntimeError(f"child process: {lines[-1]}")
    return done.stdout


def wall(command: Sequence[str], runs: int, env: dict[str, str] | None = None) -> list[float]:
    """Seconds of each of `runs` runs of `command`."""
    return timed(lambda: child(command, env), runs)


def startup_rows(b: Bench) -> list[Row]:
    """Importing dutyparse's `parse` over `import pydantic`, and one CLI call on one doc."""
    triples = [
        (wall([sys.executable, "-c", "import pydantic"], 1)[0],
         wall([sys.executable, "-c", "import dutyparse"], 1)[0],
         wall([sys.executable, "-c", "from dutyparse import parse"], 1)[0])
        for _ in range(b.runs)
    ]  # fmt: skip
    rows = [
        Row("import pydantic (python -c)", "s", [p for p, _, _ in triples]),
        Row("import dutyparse − import pydantic", "s", [d - p for p, d, _ in triples],
            note="target ≤ 0.15 s; names load on first use (PEP 562)"),
        Row("from dutyparse import parse − import pydantic", "s",
            [f - p for p, _, f in triples],
            note="`parse` forces every import the parser needs"),
    ]  # fmt: skip
    doc = sorted(CORPORA.glob("*.txt"))[0]
    script = Path(sys.executable).with_name("dutyparse")
    cli = [str(script)] if script.exists() else [sys.executable, "-m", "dutyparse"]
    command = [*cli, "parse", str(doc), "--format", "json"]
    child(command)  # fills the pattern cache, as any first call does
    uncached = {**os.environ, "DUTYPARSE_CACHE_DIR": ""}
    return [
        *rows,
        Row(f"CLI: dutyparse parse {doc.name} --format json", "s", wall(command, b.runs),
            note="target ≤ 0.5 s; regex patterns loaded from the cache folder"),
        Row("CLI, the same, pattern cache off (DUTYPARSE_CACHE_DIR=)", "s",
            wall(command, b.runs, uncached), note="every pattern compiled"),
    ]  # fmt: skip


# The child's own peak: ru_maxrss would not do, as a child started by vfork (subprocess
# does) inherits its parent's peak in ru_maxrss; VmHWM is its own, and clear_refs
# resets it to the current RSS (Linux ≥ 4.0).
MEMORY_CHILD = """
import gc, os, sys
from pathlib import Path
import dutyparse

def kib(key):
    lines = Path("/proc/self/status").read_text().splitlines()
    return next(int(line.split()[1]) for line in lines if line.startswith(key))

base, size = Path(sys.argv[1]).read_text(encoding="utf-8"), int(sys.argv[2])
text = "\\n\\n".join([base] * (size // len(base.encode()) + 1))
if sys.argv[3] == "parse":
    parse, dump = dutyparse.parse, lambda doc: doc.model_dump_json()
else:  # as the command line writes it: piece by piece
    from dutyparse.api import parse_record as parse
    from dutyparse.records import iter_json

    def dump(doc):
        with open(os.devnull, "wb") as sink:
            for piece in iter_json(doc):
                sink.write(piece.encode("utf-8"))
parse("预热：1、加载词表")
gc.collect()
Path("/proc/self/clear_refs").write_text("5")
before = kib("VmRSS:")
doc = parse(text)
parsed = kib("VmHWM:")
dump(doc)
print(len(text.encode()), (parsed - before) * 1024, (kib("VmHWM:") - before) * 1024)
"""


def memory_rows(b: Bench) -> list[Row]:
    """Peak RSS increase of parse + JSON over a `memory_mb` MB input, in a fresh process."""
    rows = []
    for entry in ("parse", "parse_record"):
        with tempfile.TemporaryDirectory() as work:
            base = Path(work) / "base.txt"
            base.write_text(b.base, encoding="utf-8")
            command = [sys.executable, "-c", MEMORY_CHILD, str(base),
                       str(int(b.memory_mb * 1e6)), entry]  # fmt: skip
            outputs = [child(command) for _ in range(b.heavy_runs)]
        sizes, parsed, grown = zip(*(map(int, out.split()) for out in outputs), strict=True)
        for what, peaks in ((entry, parsed), (f"{entry} + JSON", grown)):
            name = f"peak RSS increase, {what}, {sizes[0] / 1e6:.1f} MB input"
            note = f"VmHWM during {what} minus VmRSS before (dutyparse imported, text built)"
            rows += [
                Row(name, "MiB", [g / 2**20 for g in peaks], note=note),
                Row(name, "× input", [g / s for g, s in zip(peaks, sizes, strict=True)],
                    note="target ≤ 10× the UTF-8 bytes"),
            ]  # fmt: skip
    return rows


def batch_rows(b: Bench) -> list[Row]:
    """`dutyparse batch` files/s over generated documents, with 1 and 2 jobs."""
    rows = []
    with tempfile.TemporaryDirectory() as work:
        src = Path(work) / "src"
        generate(src, b.batch_files)
        for jobs in (1, 2):
            seconds = []
            for _ in range(b.heavy_runs):
                out = Path(work) / "out"
                command = [sys.executable, "-m", "dutyparse", "batch", str(src), "--out",
                           str(out), "--jobs", str(jobs)]  # fmt: skip
                seconds += wall(command, 1)
                shutil.rmtree(out)
            name = f"batch, {b.batch_files:,} docs, {jobs} job{'s' * (jobs > 1)}"
            rows.append(Row(name, "files/s", [b.batch_files / s for s in seconds],
                            note="whole command: start, walk, parse, write"))  # fmt: skip
    return rows


# ── 7: peers on the same text ───────────────────────────────────────────────────────────


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def peer_row(name: str, work: Callable[[], object], b: Bench, note: str = "") -> Row:
    seconds = timed(work, b.runs)
    row = Row(name, "chars/s", [len(b.text) / s for s in seconds], note=note)
    row.ratio_to_regex = (row.median or 0.0) / b.floor
    return row


def jionlp_rows(b: Bench) -> list[Row]:
    name = f"jionlp extract_time per line, {b.name}"
    extract = jionlp_extract_factory()
    if extract is None:
        return [skipped(name, "chars/s", "jionlp not installed (the bench extra)")]
    lines = [line for line in b.text.splitlines() if line.strip()]
    extract(WARM_UP)
    name = name.replace("jionlp", f"jionlp {_version('jionlp')}")
    return [peer_row(name, lambda: [extract(line) for line in lines], b)]


def jieba_rows(b: Bench) -> list[Row]:
    try:
        import jieba
    except ImportError:
        return [skipped(f"jieba.lcut, {b.name}", "chars/s", "jieba not installed (bench extra)")]
    jieba.setLogLevel(logging.WARNING)
    load = timed(lambda: jieba.Tokenizer().initialize(), b.runs)
    jieba.initialize()
    tag = f"jieba {_version('jieba')}"
    return [
        Row(f"{tag} dictionary load", "s", load, note="from its cache file after the first"),
        peer_row(f"{tag} lcut, {b.name}", lambda: jieba.lcut(b.text), b),
    ]


def unstructured_rows(b: Bench) -> list[Row]:
    name = f"unstructured partition_text, {b.name}"
    os.environ.setdefault("DO_NOT_TRACK", "1")  # no analytics request on import
    os.environ.setdefault("UNSTRUCTURED_DISABLE_NOTICE", "1")
    try:
        from unstructured.nlp import tokenize
        from unstructured.partition.text import partition_text
    except ImportError as exc:
        return [skipped(name, "chars/s", f"unstructured not importable ({exc})")]
    note = _spacy_stand_in(tokenize)
    caches = [tokenize._process_cached, tokenize._tokenize_for_cache, tokenize.pos_tag,
              tokenize.word_tokenize]  # fmt: skip

    def run() -> object:
        for cache in caches:  # every run starts cold, as the first did
            cache.cache_clear()
        return partition_text(text=b.text)

    name = name.replace("unstructured", f"unstructured {_version('unstructured')}")
    try:
        return [peer_row(name, run, b, note)]
    except Exception as exc:  # a model or data download, offline
        return [skipped(name, "chars/s", f"{type(exc).__name__}: {exc}")]


def _spacy_stand_in(tokenize: Any) -> str:
    """unstructured ≥ 0.18 loads spaCy's en_core_web_sm, downloading it from GitHub on
    first use (no network here). When it is not installed, a blank English pipeline with
    a rule-based sentencizer takes its place; the row says so."""
    import spacy

    with contextlib.suppress(OSError):
        spacy.load("en_core_web_sm")
        return ""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    tokenize._get_nlp = lambda: nlp
    return ("STAND-IN: spaCy blank('en') + sentencizer for en_core_web_sm (a download, "
            "offline here): no tagger or parser, so faster than the real model")  # fmt: skip


Figure = Callable[[Bench], list[Row]]
OURS: tuple[Figure, ...] = (
    parse_rows, stage_rows, growth_rows, startup_rows, memory_rows, batch_rows,
)  # fmt: skip
PEERS: tuple[Figure, ...] = (jionlp_rows, jieba_rows, unstructured_rows)


# ── the table ───────────────────────────────────────────────────────────────────────────


def number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def ratio(value: float | None) -> str:
    if not value:
        return ""
    return f"1/{1 / value:.1f}" if value < 1 else f"{value:.2f}"


def table(rows: Sequence[Row]) -> str:
    width = max(len(r.name) for r in rows)
    head = f"{'figure':<{width}}  {'unit':<8}{'median':>12}{'min':>12}{'max':>12}{'runs':>5}"
    lines = [head + f"{'÷regex':>9}  note", "-" * (len(head) + 17)]
    for r in rows:
        cells = "".join(f"{number(v):>12}" for v in (r.median, r.min, r.max))
        lines.append(f"{r.name:<{width}}  {r.unit:<8}{cells}{len(r.values):>5}"
                     f"{ratio(r.ratio_to_regex):>9}  {r.note}".rstrip())  # fmt: skip
    return "\n".join(lines)


def write_json(path: Path, header: dict[str, Any], rows: Sequence[Row]) -> None:
    """All rows as JSON, atomically (a temporary file renamed over `path`)."""
    data = header | {"rows": [r.as_json() for r in rows]}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")


def measure(figure: Figure, bench: Bench) -> list[Row]:
    """The rows of one figure; one row saying why, when it fails (not the whole table)."""
    try:
        return figure(bench)
    except Exception as exc:
        return [skipped(figure.__name__, "", f"failed: {type(exc).__name__}: {exc}")]


def load(quick: bool, repeat: int | None) -> tuple[Bench, str]:
    """The bench of this mode, and a line saying where its text comes from."""
    docs = [read_path(p) for p in sorted(CORPORA.glob("*.txt"))]
    seeds = sorted(SEEDS.glob("*.txt"))
    if seeds:
        base, label = "\n\n".join(read_path(p) for p in seeds), "seed"
        said = f"{len(seeds)} seed file(s) in {SEEDS}"
    else:
        base, label = "\n\n".join(docs), "corpora"
        said = f"{SEEDS} missing: the corpora joined instead"
    runs = repeat or (3 if quick else 5)
    if not quick:
        return Bench(base, label, docs, runs, runs), said
    return Bench(base, label, docs, runs, repeat or 1, times=2, growth=(1, 10), memory_mb=1,
                 batch_files=1_000), said  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="3 runs, small inputs, < 1 min")
    ap.add_argument("--json", type=Path, metavar="OUT", help="also write the rows as JSON")
    ap.add_argument("--repeat", type=int, metavar="N", help="runs per figure (default 5)")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    bench, said = load(args.quick, args.repeat)
    header = {
        "cpus": os.cpu_count(), "python": platform.python_version(),
        "dutyparse": dutyparse.__version__, "mode": "quick" if args.quick else "full",
    }  # fmt: skip
    print(f"dutyparse {header['dutyparse']}, Python {header['python']}, "
          f"{header['cpus']} CPUs, {platform.platform()}; {header['mode']} mode")  # fmt: skip
    print(f"text: {said}; main text {bench.name} = {len(bench.text):,} chars")
    dutyparse.parse(WARM_UP)
    gc.collect()
    rows = [row for figure in OURS + PEERS for row in measure(figure, bench)]
    print(table(rows))
    print(f"({time.perf_counter() - started:.0f} s)")
    if args.json:
        write_json(args.json, header, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
