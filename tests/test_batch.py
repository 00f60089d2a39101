"""`dutyparse batch`: layout of the outputs, recursion, resume, the error log, worker
crashes and hangs, the combined JSONL, atomic writes, and the command's exit code."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import dutyparse
from dutyparse.atomic import TMP_SUFFIX
from dutyparse.batch import Failure, Job, Options, convert, find_jobs, run_batch
from dutyparse.cli import main
from dutyparse.workers import Crash, run_unordered

JD = "仓储主管岗位职责\n1、每周一主持例会。\n2、每月28号之前提交盘点结果。\n"
ONE_ITEM = "岗位职责：1、负责接待"
OPTIONS = Options(jobs=2, timeout=60)


def _tree(root: Path, files: dict[str, bytes | str]) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return root


def _outputs(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


@pytest.fixture
def src(tmp_path: Path) -> Path:
    return _tree(tmp_path / "src", {
        "a.txt": JD,
        "sub/b.txt": JD.encode("gbk"),
        "sub/deeper/c.html": "<h2>岗位职责</h2><ol><li>负责接待</li></ol>",
        "sub/notes.xlsx": "not a reader's kind: passed over",
        ".hidden/d.txt": JD,
        "sub/.e.txt": JD,
    })


def test_outputs_mirror_the_tree(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_batch([src], out, OPTIONS)
    assert _outputs(out) == ["a.txt.json", "sub/b.txt.json", "sub/deeper/c.html.json"]
    assert (summary.files, summary.converted, summary.failures) == (3, 3, [])
    assert summary.items == 2 + 2 + 1


def test_output_is_the_parsed_document(src: Path, tmp_path: Path) -> None:
    run_batch([src], tmp_path / "out", OPTIONS)
    written = (tmp_path / "out" / "sub" / "b.txt.json").read_text(encoding="utf-8")
    name = str(src / "sub" / "b.txt")
    assert written == dutyparse.parse(JD, source=name).model_dump_json() + "\n"


def test_several_sources_relative_to_their_common_folder(tmp_path: Path) -> None:
    root = _tree(tmp_path / "docs", {"x/a.txt": JD, "y/a.txt": JD, "z.txt": JD})
    jobs, missing = find_jobs([root / "x", root / "y", root / "z.txt"], tmp_path / "out")
    assert missing == []
    assert [j.output.relative_to(tmp_path / "out").as_posix() for j in jobs] == [
        "x/a.txt.json", "y/a.txt.json", "z.txt.json"]


def test_output_folder_inside_the_source_is_passed_over(tmp_path: Path) -> None:
    root = _tree(tmp_path / "docs", {"a.txt": JD, "out/old.txt": JD})
    jobs, _ = find_jobs([root], root / "out")
    assert [j.name for j in jobs] == [str(root / "a.txt")]


def test_failures_are_logged_and_the_batch_goes_on(src: Path, tmp_path: Path) -> None:
    _tree(src, {"bad/binary.txt": b"\x00\x01\x02", "bad/gibberish.txt": b"\x80\xff" * 20})
    out = tmp_path / "out"
    summary = run_batch([src, tmp_path / "missing"], out, OPTIONS)
    errors = [json.loads(line) for line in (out / "_errors.jsonl").read_text("utf-8").splitlines()]
    assert sorted((e["path"], e["code"]) for e in errors) == sorted([
        (str(src / "bad" / "binary.txt"), "binary"),
        (str(src / "bad" / "gibberish.txt"), "undecodable"),
        (str(tmp_path / "missing"), "not_found"),
    ])
    assert all(e["reason"] and "\n" not in e["reason"] for e in errors)
    assert summary.converted == 3 and len(summary.failures) == 3


def test_resume_skips_outputs_newer_than_inputs(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([src], out, OPTIONS)
    kept = (out / "a.txt.json").stat().st_mtime_ns
    past = time.time() - 60  # every output is newer than its input …
    for path in src.rglob("*.*"):
        os.utime(path, (past, past))
    edited = time.time() + 60  # … except this one, edited after the run (a time set
    os.utime(src / "sub" / "b.txt", (edited, edited))  # clearly apart: file clocks are coarse)
    summary = run_batch([src], out, Options(jobs=2, resume=True))
    assert (summary.converted, summary.up_to_date) == (1, 2)
    assert (out / "a.txt.json").stat().st_mtime_ns == kept


def test_resume_retries_failures_and_clears_the_log(tmp_path: Path) -> None:
    src = _tree(tmp_path / "src", {"a.txt": b"\x00binary"})
    out = tmp_path / "out"
    assert len(run_batch([src], out, OPTIONS).failures) == 1
    (src / "a.txt").write_text(JD, encoding="utf-8")
    summary = run_batch([src], out, Options(jobs=1, resume=True))
    assert summary.converted == 1 and not (out / "_errors.jsonl").exists()


def test_leftover_temporary_files_are_swept(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _tree(out, {f"sub/.b.txt.json.1a2b3c4d{TMP_SUFFIX}": "{half a docu"})
    run_batch([src], out, OPTIONS)
    assert not list(out.rglob(f"*{TMP_SUFFIX}"))


def test_combined_jsonl(src: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([src], out, Options(jobs=2, combined=True))
    rows = [json.loads(line) for line in (out / "_items.jsonl").read_text("utf-8").splitlines()]
    assert [(Path(r["doc"]).name, r["marker"]) for r in rows] == [
        ("a.txt", "1、"), ("a.txt", "2、"), ("b.txt", "1、"), ("b.txt", "2、"), ("c.html", "1.")]


def _crashing(job: Job) -> int | Failure:
    """Dies like a segfaulting C extension on files named crash*."""
    if job.source.name.startswith("crash"):
        os._exit(3)
    if job.source.name.startswith("kill"):
        os.kill(os.getpid(), signal.SIGKILL)
    return convert(job)


def _hanging(job: Job) -> int | Failure:
    if job.source.name.startswith("hang"):
        time.sleep(60)
    return convert(job)


def _raising(job: Job) -> int | Failure:
    if job.source.name.startswith("bug"):
        raise ValueError("parser bug\nsecond line")
    return convert(job)


# (worker function, file that misbehaves, stable code, reason)
MISBEHAVING = {
    "exit": (_crashing, "crash.txt", "crash", "worker died: exit code 3"),
    "signal": (_crashing, "kill.txt", "crash", "worker died: SIGKILL"),
    "hang": (_hanging, "hang.txt", "timeout", "timed out after 2 s"),
    "exception": (_raising, "bug.txt", "error", "ValueError: parser bug"),
}


@pytest.mark.parametrize(("work", "name", "code", "reason"), MISBEHAVING.values(),
                         ids=MISBEHAVING.keys())
def test_a_misbehaving_file_costs_only_itself(
    tmp_path: Path, work: object, name: str, code: str, reason: str
) -> None:
    files = {f"{i:02d}.txt": ONE_ITEM for i in range(6)} | {name: ONE_ITEM}
    src = _tree(tmp_path / "src", files)
    summary = run_batch([src], tmp_path / "out", Options(jobs=2, timeout=2),
                        work=work)  # type: ignore[arg-type]
    assert summary.converted == 6
    assert [(Path(f.name).name, f.code, f.reason) for f in summary.failures] == [
        (name, code, reason)]
    assert len(_outputs(tmp_path / "out")) == 6 + 1  # the documents and _errors.jsonl


def _square(n: int) -> int:
    return n * n


def test_run_unordered_returns_every_result() -> None:
    results = dict(run_unordered(_square, range(20), jobs=2))
    assert results == {n: n * n for n in range(20)}


def test_run_unordered_reports_a_crash() -> None:
    results = dict(run_unordered(os._exit, [7], jobs=1))
    assert results == {7: Crash("crash", "worker died: exit code 7")}


def test_cli_exit_code_and_summary(src: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(src), "--out", str(out), "--jobs", "2"]) == 0
    stdout, stderr = capsys.readouterr()
    assert re.fullmatch(r"3 files: 3 converted, 0 up to date, 0 failed; 5 items; "
                        r"\d+\.\d s \(\d+\.\d files/s\)\n", stdout)
    assert stderr == ""  # no progress bar when stderr is not a terminal
    _tree(src, {"z.txt": b"\x00"})
    assert main(["batch", str(src), "--out", str(out), "--resume"]) == 1
    stdout, stderr = capsys.readouterr()
    assert "3 up to date, 1 failed" in stdout
    assert stderr == f"dutyparse: 1 failed, see {out / '_errors.jsonl'}\n"


def test_cli_out_must_be_a_folder(src: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x")
    assert main(["batch", str(src), "--out", str(tmp_path / "file")]) == 2
    assert "not a folder" in capsys.readouterr().err


# A reader that misbehaves on its input's first bytes, installed in every process of a
# real `dutyparse batch` (parent and spawned workers) through `sitecustomize`.
_HOOK = """
import os, resource, signal
import dutyparse.readers.text as text

resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a deliberate segfault dumps no core
_read = text.read

def read(data, limits=text.DEFAULT_LIMITS):
    if data.startswith(b"EXIT"):
        os._exit(70)
    if data.startswith(b"SEGV"):
        os.kill(os.getpid(), signal.SIGSEGV)
    if data.startswith(b"BUG"):
        raise RuntimeError("reader bug")
    return _read(data, limits)

text.read = read
"""
# input → (code, reason) in _errors.jsonl (hangs: test_a_misbehaving_file_costs_only_itself)
CRASHES = {
    "exit.txt": ("crash", "worker died: exit code 70"),
    "segv.txt": ("crash", "worker died: SIGSEGV"),
    "bug.txt": ("error", "RuntimeError: reader bug"),
}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_cli_batch_outlives_crashing_readers(tmp_path: Path) -> None:
    """End to end: each crash costs its own file, the rest are converted, the exit code
    is 1, no traceback; once the reader is fixed, `--resume` converts exactly those."""
    hook = tmp_path / "hook"
    _tree(hook, {"sitecustomize.py": _HOOK})
    bad = {name: name.split(".")[0].upper() + "：岗位职责：1、负责接待" for name in CRASHES}
    src = _tree(tmp_path / "src", {f"{i:02d}.txt": ONE_ITEM for i in range(8)} | bad)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "dutyparse", "batch", str(src), "--out", str(out),
               "--jobs", "2"]
    env = os.environ | {"PYTHONPATH": os.pathsep.join([str(hook), *sys.path])}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "11 files: 8 converted, 0 up to date, 3 failed" in done.stdout
    errors = [json.loads(line) for line in (out / "_errors.jsonl").read_text("utf-8").splitlines()]
    assert {Path(e["path"]).name: (e["code"], e["reason"]) for e in errors} == CRASHES
    fixed = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=120,
                           check=False)
    assert fixed.returncode == 0, fixed.stderr
    assert "11 files: 3 converted, 8 up to date, 0 failed" in fixed.stdout
    assert len(_outputs(out)) == 11 and not (out / "_errors.jsonl").exists()


def test_progress_bar_only_on_a_terminal(src: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["batch", str(src), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 0
    bar = capsys.readouterr().err
    assert "3/3" in bar and "file" in bar


def test_atomic_write_follows_a_symlink(tmp_path: Path) -> None:
    from dutyparse.atomic import write_atomic

    target = tmp_path / "real.json"
    target.write_text("old")
    (tmp_path / "link.json").symlink_to(target)
    write_atomic(tmp_path / "link.json", b"new")
    assert (tmp_path / "link.json").is_symlink() and target.read_text() == "new"
