"""Temporal building blocks, one test id per row: folding, counts and durations, RRULE
export, lexicon hygiene, gates (every match passes one of its rule's gates), the batch
path (`extract_spans`) against the per-text one, and the promise that importing
dutyparse does no work."""

from __future__ import annotations

import doctest
import importlib
import re
import subprocess
import sys
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

import pytest

import dutyparse
from dutyparse.lexicons import lines
from dutyparse.normalize import simplify
from dutyparse.temporal import RULES, extract, extract_spans, to_rrule
from dutyparse.temporal.folding import (
    Unsqueezed,
    cuts_without_spaces,
    fold,
    fold_table,
    without_spaces,
)
from dutyparse.temporal.gates import GATES, any_gate, gated, starts
from dutyparse.temporal.grammar import PATTERNS, pattern
from dutyparse.temporal.values import amount_of, count

ROOT = Path(__file__).parents[1]

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
    "每週&#36913;次&#99999999;",  # spelled-out character references fold nothing
    "㐀䶵每週鿿\U00020000",  # Han outside GB 2312 at the ends of the blocks, and beyond
    "plain ascii text",
]


@pytest.mark.parametrize("text", WHOLE_FOLDS, ids=[t[:8] for t in WHOLE_FOLDS])
def test_fold_is_the_fold_of_each_character(text: str) -> None:
    assert fold(text) == simplify(text.translate(fold_table()))


SQUEEZES = ["每\n周一次", "出\r\n车 前", "  每月 28号\u3000之前 ", "", " \n ", "每周一次"]
SQUEEZES += ["每\x1c周 一次"]  # U+001C is whitespace to `str`, though not to `regex`
SQUEEZES += ["每\u2028周", "每周\xad一次"]  # a line separator; a soft hyphen (no space)


@pytest.mark.parametrize("text", SQUEEZES, ids=[repr(t) for t in SQUEEZES])
def test_unsqueezed_maps_every_kept_character(text: str) -> None:
    squeezed = without_spaces(text)
    if squeezed == text:
        return  # nothing squeezed out: indices need no mapping
    kept = [i for i, ch in enumerate(text) if not ch.isspace()]
    assert "".join(text[i] for i in kept) == squeezed
    assert [Unsqueezed(text)[i] for i in range(len(squeezed))] == kept


# Cuts squeezed all at once are the cuts squeezed one by one: joints, U+001C in a cut
# with no other space (kept) or with one (dropped), a NUL in the text, empty cuts.
CUTS = ["1、每\n周一次\n2、负责 行政", "每\x1c周\n一次\n每\x1d周", "a\x00b c", "每周", ""]


@pytest.mark.parametrize("text", CUTS, ids=[repr(t) for t in CUTS])
def test_cuts_without_spaces_is_each_cut_squeezed(text: str) -> None:
    n = len(text)
    for spans in ([(0, n)], [(0, n // 2), (n // 2, n)], [(0, 0), (1, n)], [], [(0, 3), (3, n)]):
        spans = [(a, b) for a, b in spans if a <= b <= n]
        cuts, joined = cuts_without_spaces(text, spans)
        assert cuts == [without_spaces(text[a:b]) for a, b in spans]
        assert gated(cuts, joined) == gated(cuts)


def test_every_space_but_space_is_unprintable() -> None:
    # without_spaces takes a printable text without " " to hold no whitespace at all.
    spaces = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert [ch for ch in spaces if ch.isprintable()] == [" "]


def test_squeeze_keeps_what_regex_calls_no_space() -> None:
    # U+001C … U+001F alone: `regex` patterns see no whitespace, so nothing is squeezed.
    text = "每\x1c周一次"
    assert without_spaces(text) == text


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


# ── gates: every match of a rule passes one of its gates ──────────────────────────────────
@cache
def _gate_texts() -> tuple[str, ...]:
    """Squeezed matching forms of the case table's sentences and the corpus documents."""
    cases = tomllib.loads((ROOT / "corpora/temporal/cases.toml").read_text(encoding="utf-8"))
    texts = [case["text"] for case in cases["case"]]
    texts += [path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("corpora/docs/*.txt"))]
    return tuple(without_spaces(fold(text)) for text in texts)


@pytest.mark.parametrize("name", list(PATTERNS))
def test_every_match_passes_a_gate(name: str) -> None:
    texts = _gate_texts()
    for index, hits in gated(texts).items():
        for match in pattern(name).finditer(texts[index]):
            at = hits.get(name, [])  # where the rule's gate words start
            assert any(match.start() <= start < match.end() for start in at), match
            if starts(name):  # found by matching where a gate word starts
                assert match.start() in at, match
    flagged = gated(texts)
    assert all(not pattern(name).search(text) for i, text in enumerate(texts) if i not in flagged)


def test_every_rule_has_gates() -> None:
    assert set(GATES) == set(PATTERNS) == {rule.name for rule in RULES}
    numbers = {
        n for pairs in any_gate().groups.values() if isinstance(pairs, tuple) for n, _ in pairs
    }
    assert sorted(numbers - {0}) == list(range(1, any_gate().pattern.groups + 1))


@pytest.mark.parametrize("name", list(GATES))
def test_gates_look_a_bounded_way(name: str) -> None:
    # Lookarounds run at every candidate character: one that could scan to the end of
    # the text would make a text full of candidates quadratic (每 × 200k).
    for gate in GATES[name]:
        for first, rest in gate.rests().items():
            assert not re.search(r"(?<!\\)[*+]|\{\d*,\}", rest), (gate, first)


# Texts searched together are searched as if alone: nothing leaks across the joint.
GATED_ALONE = [
    ["一", "次"],  # a count split between two texts
    ["每", "周五前"],
    ["出车", "前"],  # an event and its 前
    ["7天", "内"],
    ["", "隔周", ""],
]


@pytest.mark.parametrize("texts", GATED_ALONE, ids=["|".join(t) for t in GATED_ALONE])
def test_gated_texts_are_searched_alone(texts: list[str]) -> None:
    alone = {i: hits for i, text in enumerate(texts) if (hits := gated([text]).get(0))}
    assert gated(texts) == alone


@pytest.mark.parametrize("block", [1024, 3], ids=["one block", "blocks of 3"])
@pytest.mark.parametrize("path", sorted(ROOT.glob("corpora/docs/*.txt")), ids=lambda p: p.stem)
def test_extract_spans_is_extract_of_each_span(
    path: Path, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dutyparse.temporal, "_BLOCK", block)
    text = path.read_text(encoding="utf-8")
    spans = [(item.start, item.end) for item in dutyparse.parse(text).iter_items()]
    folded = fold(text)
    one_by_one = {
        index: found
        for index, (start, end) in enumerate(spans)
        if any(found := extract(text[start:end], start, folded[start:end]))
    }
    assert extract_spans(text, spans) == one_by_one


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
    "dutyparse.temporal.gates",
    "dutyparse.temporal.grammar",
    "dutyparse.temporal.rrule",
    "dutyparse.temporal.rule",
    "dutyparse.temporal.values",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0 and result.attempted > 0
