"""The cache of compiled `regex` patterns: what it loads is what `regex.compile` makes,
and a missing, damaged, foreign or hostile file, or a folder that cannot be written to,
only costs a compile."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regex

from dutyparse import pattern_cache
from dutyparse.atomic import write_atomic
from dutyparse.pattern_cache import cache_folder
from dutyparse.temporal.grammar import PATTERNS, expand
from tests.conftest import corpus_docs

PATTERN = r"每[周月](?P<n>[0-9一二三四五六七八九十]+)次"


@pytest.fixture(autouse=True)
def _fresh_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts as a new process would: nothing made, files writable, the
    folder read again from the environment (which the test may set); and the module
    is left as it was."""
    monkeypatch.setattr(pattern_cache, "_made", {})
    monkeypatch.setattr(pattern_cache, "_writable", True)
    cache_folder.cache_clear()
    yield
    cache_folder.cache_clear()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache folder for the test."""
    monkeypatch.setenv("DUTYPARSE_CACHE_DIR", str(tmp_path / "cache"))
    found = cache_folder()
    assert found is not None
    return found


def _fresh(pattern: str | bytes, flags: int = 0) -> Any:
    """`compiled`, as a new process would call it (nothing made in this one yet)."""
    pattern_cache._made.clear()
    return pattern_cache.compiled(pattern, flags)


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle"))


def _no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("compiled instead of loaded")

    monkeypatch.setattr(pattern_cache.regex, "compile", refuse)


def test_a_kept_pattern_is_loaded_not_compiled(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _fresh(PATTERN)
    assert len(_files(folder)) == 1
    _no_compiling(monkeypatch)
    loaded = _fresh(PATTERN)
    assert loaded is not made
    assert (loaded.pattern, loaded.flags) == (made.pattern, made.flags)
    assert loaded.search("每周3次").groupdict() == {"n": "3"}


def test_flags_and_bytes_patterns_are_kept_apart(folder: Path) -> None:
    cased, folded = _fresh("abc"), _fresh("abc", regex.IGNORECASE)
    as_bytes = _fresh(b"abc")
    assert len(_files(folder)) == 3
    assert cased.match("ABC") is None and folded.match("ABC") is not None
    assert as_bytes.match(b"abc") is not None


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", pickle.dumps(("another", 0, regex.compile("another")))],
    ids=["empty", "damaged", "another pattern"],
)
def test_a_bad_file_is_compiled_afresh_and_rewritten(
    folder: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    _fresh(PATTERN)
    (path,) = _files(folder)
    path.write_bytes(content)
    assert _fresh(PATTERN).search("每月十次")["n"] == "十"
    _no_compiling(monkeypatch)  # the rewritten file loads
    assert _fresh(PATTERN).pattern == PATTERN


class _Hostile:
    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, ("echo hostile",))


def test_a_file_naming_any_other_function_is_not_run(
    folder: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    _fresh(PATTERN)
    (path,) = _files(folder)
    path.write_bytes(pickle.dumps((PATTERN, 0, _Hostile())))
    assert _fresh(PATTERN).pattern == PATTERN
    assert "hostile" not in capfd.readouterr().out


def test_a_folder_that_cannot_be_made_only_costs_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("DUTYPARSE_CACHE_DIR", str(blocker / "cache"))
    tries: list[Path] = []

    def write(path: Path, data: bytes) -> None:
        tries.append(path)
        write_atomic(path, data)

    monkeypatch.setattr(pattern_cache, "write_atomic", write)
    assert _fresh(PATTERN).search("每周两次") is None  # 两 is no numeral of PATTERN
    assert _fresh("[0-9]+").match("12") is not None
    assert len(tries) == 1  # given up on after the first failure: no second try


def test_an_empty_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUTYPARSE_CACHE_DIR", "")
    assert cache_folder() is None
    assert _fresh(PATTERN).pattern == PATTERN


def test_the_default_folder_is_the_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DUTYPARSE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    folder = cache_folder()
    assert folder is not None
    assert folder.parent == Path("/somewhere/dutyparse")
    assert folder.name == f"regex-{regex.__version__}-{sys.implementation.cache_tag}"


def test_every_time_rule_loads_as_it_compiles(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporal grammar's patterns, the cache's main business: loaded from files,
    each finds what the freshly compiled one finds in every corpus document."""
    sources = {name: expand(piece) for name, piece in PATTERNS.items()}
    made = {name: _fresh(source) for name, source in sources.items()}
    _no_compiling(monkeypatch)
    texts = [doc.read_text(encoding="utf-8") for doc in corpus_docs()]
    for name, source in sources.items():
        loaded = _fresh(source)
        for text in texts:
            found = [m.span() for m in loaded.finditer(text)]
            assert found == [m.span() for m in made[name].finditer(text)], name


def test_the_command_line_writes_the_same_with_a_warm_cache(tmp_path: Path) -> None:
    doc = corpus_docs()[0]
    runs = []
    for setting in ("", str(tmp_path / "cache"), str(tmp_path / "cache")):  # off, cold, warm
        env = {**os.environ, "DUTYPARSE_CACHE_DIR": setting}
        command = [sys.executable, "-m", "dutyparse", "parse", str(doc), "--format", "json"]
        runs.append(subprocess.run(command, env=env, capture_output=True, check=True).stdout)
        if not setting:
            assert not (tmp_path / "cache").exists()
    assert runs[0] == runs[1] == runs[2]
    assert len(list((tmp_path / "cache").glob("regex-*/*.pickle"))) > 20
