"""The benchmark suite's helpers (benchmarks/bench_suite.py): row maths, the rows a tiny
run produces, the JSON file. No timing is asserted: only names, shapes and arithmetic."""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_suite  # noqa: E402
from bench_suite import Bench, Row  # noqa: E402

TINY = "客服专员\n岗位职责：\n1、每日回访客户；\n2、每周一提交周报"


def test_row_median_min_max_and_json(tmp_path: Path) -> None:
    row = Row("x", "s", [3.0, 1.0, 2.0, 10.0], ratio_to_regex=0.25)
    assert (row.median, row.min, row.max) == (2.5, 1.0, 10.0)
    empty = bench_suite.skipped("y", "chars/s", "not installed")
    assert (empty.median, empty.min, empty.max) == (None, None, None)
    assert empty.note == "not run: not installed"
    assert [bench_suite.ratio(r) for r in (0.25, 2.0, None)] == ["1/4.0", "2.00", ""]
    out = tmp_path / "bench.json"
    bench_suite.write_json(out, {"mode": "test"}, [row, empty])
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["mode"] == "test"
    assert data["rows"][0] == {
        "name": "x", "unit": "s", "median": 2.5, "min": 1.0, "max": 10.0, "runs": 4,
        "ratio_to_regex": 0.25, "values": [3.0, 1.0, 2.0, 10.0], "note": "",
    }  # fmt: skip
    assert [p.name for p in tmp_path.iterdir()] == ["bench.json"]  # no temporary file left


def test_tiny_quick_run_gives_every_row() -> None:
    bench = Bench(TINY, "tiny", [TINY, TINY + "\n3、整理投诉记录"], runs=1, heavy_runs=1,
                  times=2, growth=(1, 2), memory_mb=0.01, batch_files=4)  # fmt: skip
    rows = [row for figure in bench_suite.OURS for row in figure(bench)]
    names = [(r.name, r.unit) for r in rows]
    first_doc = sorted(bench_suite.CORPORA.glob("*.txt"))[0].name
    stages = [(f"stage: {s}", "ms") for s in bench_suite.STAGES]
    assert names == [
        ("parse + JSON, tiny ×2", "chars/s"),
        ("parse + JSON, tiny ×2", "docs/s"),
        ("parse_record + dump_json (the CLI's path), tiny ×2", "chars/s"),
        ("parse_record + dump_json (the CLI's path), tiny ×2", "docs/s"),
        ("plain regex pass, tiny ×2", "chars/s"),
        ("parse + JSON, corpora (2 docs, each alone)", "chars/s"),
        ("parse + JSON, corpora (2 docs, each alone)", "docs/s"),
        ("plain regex pass, corpora", "chars/s"),
        *stages,
        ("stages summed", "ms"),
        ("parse + JSON whole, tiny ×2", "ms"),
        ("growth: time ×2 / time ×1 (tiny)", "×"),
        ("import pydantic (python -c)", "s"),
        ("import dutyparse − import pydantic", "s"),
        ("from dutyparse import parse − import pydantic", "s"),
        (f"CLI: dutyparse parse {first_doc} --format json", "s"),
        ("CLI, the same, pattern cache off (DUTYPARSE_CACHE_DIR=)", "s"),
        *[(f"peak RSS increase, {what}, 0.0 MB input", unit)
          for what in ("parse", "parse + JSON", "parse_record", "parse_record + JSON")
          for unit in ("MiB", "× input")],
        ("batch, 4 docs, 1 job", "files/s"),
        ("batch, 4 docs, 2 jobs", "files/s"),
    ]
    assert all(len(r.values) == 1 for r in rows)
    assert all(r.ratio_to_regex for r in rows if r.unit in ("chars/s", "docs/s"))
    assert len(bench_suite.table(rows).splitlines()) == len(rows) + 2
