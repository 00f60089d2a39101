"""Temporal building blocks, one test id per row: folding, counts and durations, RRULE
export, lexicon hygiene, and the promise that importing dutyparse does no work."""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys
import tomllib
from importlib import resources

import pytest

from dutyparse.lexicons import lines
from dutyparse.normalize import simplify
from dutyparse.temporal import extract, to_rrule
from dutyparse.temporal.folding import fold, fold_table, squeeze
from dutyparse.temporal.values import amount_of, count

# ── folding keeps length and reaches the Simplified, half-width grammar ──────────────────
FOLDS = [
    ("每週", "每周"),  # Traditional week
    ("每個月", "每个月"),
    ("隨時", "随时"),
    ("第一時間", "第一时间"),
    ("三天之內", "三天之内"),  # 內 is folded by the shared fold.toml
    ("每季度壹次", "每季度一次"),  # financial numeral
    ("２８號", "28号"),  # full-width digits
    ("２－３次", "2-3次"),  # full-width hyphen
    ("1～2天", "1~2天"),  # wave dash
    ("８：３０", "8:30"),
    ("每週參加", "每周参加"),  # 參 is 参 here, never 三
    ("陸續", "陆续"),  # 陸 is 陆, never 六
    ("值班表丶值日表", "值班表、值日表"),
    ("不晚於", "不晚于"),
]


@pytest.mark.parametrize(("text", "folded"), FOLDS, ids=[f[0] for f in FOLDS])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded and len(fold(text)) == len(text)


# Whole texts fold character by character, however many characters fold: a few are
# replaced one by one, many (all full-width ASCII) translated at once.
WHOLE_FOLDS = [
    "".join(text for text, _ in FOLDS),
    "".join(chr(code) for code in range(0xFF01, 0xFF5F)) + "每週壹次",
    "岗位职责：每週２－３次",
]


@pytest.mark.parametrize("text", WHOLE_FOLDS, ids=[t[:8] for t in WHOLE_FOLDS])
def test_fold_is_the_fold_of_each_character(text: str) -> None:
    assert fold(text) == simplify(text.translate(fold_table()))


SQUEEZES = ["每\n周一次", "出\r\n车 前", "  每月 28号\u3000之前 ", "", " \n ", "每周一次"]
SQUEEZES += ["每\x1c周 一次"]  # U+001C is whitespace to `str`, though not to `regex`


@pytest.mark.parametrize("text", SQUEEZES, ids=[repr(t) for t in SQUEEZES])
def test_squeeze_maps_every_kept_character(text: str) -> None:
    squeezed, where = squeeze(text)
    where = list(range(len(text))) if where is None else where
    assert len(squeezed) == len(where) and not any(ch.isspace() for ch in squeezed)
    assert all(text[i] == ch for i, ch in zip(where, squeezed, strict=True))
    assert where == sorted(set(where))
    if where != list(range(len(text))):
        assert where == [i for i, ch in enumerate(text) if not ch.isspace()]


# ── counts and durations ──────────────────────────────────────────────────────────────
COUNTS = [
    ("3", (3, None)),
    ("十二", (12, None)),
    ("两", (2, None)),
    ("2-3", (2, 3)),
    ("一到两", (1, 2)),
    ("两三", (2, 3)),  # adjacent digits: a rough range
    ("三五", (3, 5)),
    ("二五", None),  # no count
    ("3-2", None),  # a range must rise
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), COUNTS, ids=[c[0] or "empty" for c in COUNTS])
def test_count(text: str, expected: tuple[int, int | None] | None) -> None:
    assert count(text) == expected


AMOUNTS = [
    ("P1W", "两", "P2W"),
    ("P3M", "两", "P6M"),
    ("P1Y", "半", "P6M"),
    ("P1M", "半", "P15D"),
    ("PT1H", "24", "PT24H"),
    ("P1D", None, "P1D"),
    ("P1D", "2-3", None),  # a range is no single duration
    ("P1Y", "2014", None),  # 2014年 is a year, not 2014 years
]


@pytest.mark.parametrize(
    ("unit", "written", "expected"), AMOUNTS, ids=[f"{a[0]}x{a[1]}" for a in AMOUNTS]
)
def test_amount_of(unit: str, written: str | None, expected: str | None) -> None:
    assert amount_of(unit, written) == expected


# ── RRULE export (RFC 5545 §3.3.10) ───────────────────────────────────────────────────
RRULES = [
    ("每周二、四", ("FREQ=WEEKLY;BYDAY=TU,TH", None)),
    ("每月28号", ("FREQ=MONTHLY;BYMONTHDAY=28", None)),
    ("每日", ("FREQ=DAILY", None)),
    ("每周", ("FREQ=WEEKLY", None)),
    ("每两周", ("FREQ=WEEKLY;INTERVAL=2", None)),
    ("每季度", ("FREQ=MONTHLY;INTERVAL=3", None)),
    ("每半年", ("FREQ=MONTHLY;INTERVAL=6", None)),
    ("每年", ("FREQ=YEARLY", None)),
    ("每小时", ("FREQ=HOURLY", None)),
    ("每月10号、25号", ("FREQ=MONTHLY;BYMONTHDAY=10,25", None)),
    ("每月第一个周一", ("FREQ=MONTHLY;BYDAY=1MO", None)),
    ("每月最后一个周五", ("FREQ=MONTHLY;BYDAY=-1FR", None)),
    ("每年12月", ("FREQ=YEARLY;BYMONTH=12", None)),
    ("每年1月15日", ("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15", None)),
    ("每月底", ("FREQ=MONTHLY;BYMONTHDAY=-1", None)),
    ("每月初", ("FREQ=MONTHLY;BYMONTHDAY=1", None)),
    ("每年12月底", ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1", None)),
    ("每周末", ("FREQ=WEEKLY;BYDAY=SA,SU", None)),
    ("每周最少一次", (None, "modifier")),
    ("每月约两次", (None, "modifier")),
    ("每周2-3次", (None, "count_range")),
    ("每周两次", (None, "count_without_days")),
    ("定期", (None, "not_periodic")),
    ("随时", (None, "not_periodic")),
    ("不定期", (None, "not_periodic")),
    ("每班", (None, "no_calendar_cycle")),
    ("每月中旬", (None, "vague_anchor")),
]


@pytest.mark.parametrize(("text", "expected"), RRULES, ids=[r[0] for r in RRULES])
def test_to_rrule(text: str, expected: tuple[str | None, str | None]) -> None:
    freq = extract(text)[0][0]
    assert to_rrule(freq) == expected


# ── lexicons: no duplicates, already folded ──────────────────────────────────────────────
LINE_FILES = [
    "time_events.txt",
    "time_event_nouns.txt",
    "time_event_triggers.txt",
    "time_response_verbs.txt",
    "time_on_verbs.txt",
]
TABLE_FILES = ["time_units.toml", "time_modifiers.toml", "time_cues.toml", "time_implicit.toml"]


@pytest.mark.parametrize("name", LINE_FILES)
def test_line_lexicon(name: str) -> None:
    entries = lines(name)
    assert entries and len(entries) == len(set(entries))
    assert all(fold(entry) == entry for entry in entries)


def _words(node: object) -> list[str]:
    """Every key and string value of a TOML table, recursively."""
    if isinstance(node, dict):
        return [*node, *(w for value in node.values() for w in _words(value))]
    if isinstance(node, list):
        return [w for value in node for w in _words(value)]
    return [node] if isinstance(node, str) else []


@pytest.mark.parametrize("name", TABLE_FILES)
def test_table_lexicon(name: str) -> None:
    text = resources.files("dutyparse.lexicons").joinpath(name).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert all(fold(word) == word for word in _words(data))


def test_variants_lexicon() -> None:
    pairs = [entry.split() for entry in lines("time_variants.txt")]
    sources = [pair[0] for pair in pairs]
    assert all(len(pair) == 2 and pair[0] != pair[1] for pair in pairs)
    assert len(sources) == len(set(sources))


# ── import stays light ────────────────────────────────────────────────────────────────────
def test_import_reads_no_lexicon() -> None:
    probe = (
        "import dutyparse, dutyparse.temporal.grammar as g, dutyparse.temporal.folding as f;"
        "print(g.lexicon_pieces.cache_info().currsize, f.fold_table.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0"]


def test_offset_shifts_spans() -> None:
    freqs, deadlines = extract("每月28号之前", offset=10)
    assert (freqs[0].start, freqs[0].end, deadlines[0].start) == (10, 17, 10)


def test_empty_and_plain_text() -> None:
    assert extract("") == ([], [])
    assert extract("负责公司行政管理工作") == ([], [])


# ── docstring examples are real ──────────────────────────────────────────────────────────
MODULES = [
    "dutyparse.temporal",
    "dutyparse.temporal.anchors",
    "dutyparse.temporal.deadline",
    "dutyparse.temporal.folding",
    "dutyparse.temporal.frequency",
    "dutyparse.temporal.grammar",
    "dutyparse.temporal.rrule",
    "dutyparse.temporal.rule",
    "dutyparse.temporal.values",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0 and result.attempted > 0
