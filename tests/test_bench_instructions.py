"""The instruction-count benchmark's helpers (benchmarks/bench_instructions.py): reading
callgrind's report, the per-call arithmetic, the table and refusals. valgrind itself is
not run here (a run takes minutes)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_instructions


def test_collected_reads_the_count_and_refuses_a_report_without_one() -> None:
    report = "==41== Events    : Ir\n==41== Collected : 4638914187\n==41==\n==41== I refs: 4\n"
    assert bench_instructions.collected(report) == 4_638_914_187
    with pytest.raises(RuntimeError, match="no instruction count"):
        bench_instructions.collected("valgrind: python: command not found\n")


def test_per_call_is_the_difference_of_two_children_over_the_extra_calls(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    start = {"regex": 1_000, "parse_record": 5_000, "parse": 7_000}
    cost = {"regex": 30, "parse_record": 400, "parse": 900}

    def count(_file: Path, work: str, more: int) -> int:
        return start[work] + (1 + more) * cost[work]

    monkeypatch.setattr(bench_instructions, "count", count)
    assert bench_instructions.per_call(tmp_path / "text.txt") == cost


def test_table_gives_per_char_and_the_ratio_to_the_regex_pass() -> None:
    lines = bench_instructions.table({"regex": 200, "parse_record": 2_300, "parse": 4_000}, 2)
    rows = [line.split()[-3:] for line in lines.splitlines()[1:]]
    assert rows == [["200", "100", "1.00"], ["2,300", "1,150", "1/11.5"],
                    ["4,000", "2,000", "1/20.0"]]  # fmt: skip


def test_refuses_without_valgrind(monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    monkeypatch.setattr(bench_instructions.shutil, "which", lambda _name: None)
    assert bench_instructions.main([]) == 2
    assert "valgrind is not installed" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "said"),
    [(["--times", "0"], "at least 1"), (["--file", "no/such/file.txt"], "cannot read")],
)
def test_refuses_bad_arguments(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                               argv: list[str], said: str) -> None:  # fmt: skip
    monkeypatch.setattr(bench_instructions.shutil, "which", lambda _name: "/usr/bin/valgrind")
    assert bench_instructions.main(argv) == 2
    assert said in capsys.readouterr().err
