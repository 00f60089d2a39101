"""A batch that never loses or half-writes a file: `dutyparse batch` runs as a real
process over 2,000 inputs and is SIGKILLed mid-run — once with its whole process group,
once the parent alone (its workers must then exit by themselves) — and `--resume` then
completes the set: every input has exactly one whole, valid output, and no temporary
file is left. Below that, the atomic write itself: a writer killed mid-file leaves the
old file, and a reader racing a writer only ever sees whole files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import dutyparse
from dutyparse.atomic import TMP_SUFFIX, atomic_open, sweep, write_atomic

FILES = 2000
JDS = [  # two documents, so outputs are not all alike
    "仓储主管岗位职责\n1、每周一主持例会。\n2、每月28号之前提交盘点结果。\n",
    "叉车司机岗位职责\n1、出车前检查叉车制动。\n2、一月至少两次清洁保养叉车。\n3、协助仓管员盘点。\n",
]
pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")


def _inputs(src: Path) -> dict[str, int]:
    """FILES inputs in 20 folders; input path → which of JDS it holds."""
    made = {}
    for i in range(FILES):
        path = src / f"d{i % 20:02d}" / f"{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(JDS[i % 2], encoding="utf-8")
        made[str(path)] = i % 2
    return made


def _count(out: Path) -> int:
    return sum(name.endswith(".json") for _, _, names in os.walk(out) for name in names)


def _start(src: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "dutyparse", "batch", str(src), "--out", str(out),
               "--jobs", "2", *extra]
    return subprocess.Popen(command, start_new_session=True,  # its own process group
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_when(process: subprocess.Popen[bytes], out: Path, outputs: int, group: bool) -> int:
    """SIGKILL the batch (its group, or the parent alone) once `outputs` exist; how many
    outputs there are then."""
    deadline = time.monotonic() + 120
    while process.poll() is None and _count(out) < outputs and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the batch finished before it could be killed"
    if group:
        os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()
    process.wait()
    _wait_for_group_to_end(process.pid)
    return _count(out)


def _wait_for_group_to_end(group: int) -> None:
    """Workers left without their parent see their pipe close and exit."""
    deadline = time.monotonic() + 30
    while _alive(group):
        assert time.monotonic() < deadline, "worker processes outlived the batch"
        time.sleep(0.05)


def _alive(group: int) -> bool:
    """Whether a process of `group` still runs (zombies, which cannot, do not count)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return False
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            return True
    return False


def test_killed_batch_resumes_to_a_complete_set(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    inputs = _inputs(src)
    first = _kill_when(_start(src, out), out, FILES // 5, group=True)
    second = _kill_when(_start(src, out, "--resume"), out, first + FILES // 5, group=False)
    assert 0 < first < second < FILES
    done = subprocess.run(
        [sys.executable, "-m", "dutyparse", "batch", str(src), "--out", str(out), "--resume"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"{FILES} files: {FILES - second} converted, {second} up to date, 0 failed" \
        in done.stdout
    _check_outputs(src, out, inputs)


def _check_outputs(src: Path, out: Path, inputs: dict[str, int]) -> None:
    """Exactly one whole, valid document per input, and nothing else."""
    expected = {str(out / Path(name).relative_to(src)) + ".json": name for name in inputs}
    found = {str(p) for p in out.rglob("*") if p.is_file()}
    assert found == set(expected), sorted(found ^ set(expected))[:5]
    gold = [json.loads(dutyparse.parse(jd).model_dump_json()) for jd in JDS]
    for output, name in expected.items():
        data = Path(output).read_bytes()
        assert data.endswith(b"\n") and data.count(b"\n") == 1, output
        doc = dutyparse.Document.model_validate_json(data)
        assert json.loads(data) == gold[inputs[name]] | {"source": name}, output
        assert doc.source == name


# --- the atomic write -------------------------------------------------------------------

_SLOW_WRITER = """
import sys, time
from pathlib import Path
from dutyparse.atomic import atomic_open
with atomic_open(Path(sys.argv[1])) as handle:
    handle.write(b"half of the new ")
    handle.flush()
    print("writing", flush=True)
    time.sleep(60)
    handle.write(b"file")
"""


def test_writer_killed_mid_file_leaves_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "doc.json"
    target.write_bytes(b"the old file")
    writer = subprocess.Popen([sys.executable, "-c", _SLOW_WRITER, str(target)],
                              stdout=subprocess.PIPE)
    assert writer.stdout is not None and writer.stdout.readline() == b"writing\n"
    writer.kill()
    writer.wait()
    assert target.read_bytes() == b"the old file"
    leftovers = list(tmp_path.glob(f".doc.json.*{TMP_SUFFIX}"))
    assert [p.read_bytes() for p in leftovers] == [b"half of the new "]
    assert sweep(tmp_path) == 1 and sorted(tmp_path.iterdir()) == [target]


def test_a_failing_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "doc.json"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write(b"new, but")
        raise RuntimeError("disk full, say")
    assert sorted(tmp_path.iterdir()) == [target] and target.read_bytes() == b"old"


def test_readers_racing_a_writer_see_whole_files(tmp_path: Path) -> None:
    """A reader sees the old file or the new one: never a mix, never a short one."""
    target = tmp_path / "doc.json"
    versions = [bytes([65 + i]) * 200_000 for i in range(2)]  # AAAA… and BBBB…
    write_atomic(target, versions[0])
    stop = threading.Event()
    seen: set[bytes] = set()  # first byte, length, last byte of every read

    def read() -> None:
        while not stop.is_set():
            data = target.read_bytes()
            seen.add(data[:1] + str(len(data)).encode() + data[-1:])

    reader = threading.Thread(target=read)
    reader.start()
    for i in range(300):
        write_atomic(target, versions[i % 2])
    stop.set()
    reader.join()
    assert seen and seen <= {b"A200000A", b"B200000B"}
