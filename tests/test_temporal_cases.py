"""The temporal case table (corpora/temporal/cases.toml): one test id per case.

Each case lists, in text order, every frequency and deadline expected in its sentence;
fields an entry leaves out must be null. Implicit frequencies are compared only in
cases marked `implicit = true` (the scorer ignores them too).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from dutyparse.records import Deadline, Frequency, as_json_data
from dutyparse.temporal import extract

CASES_FILE = Path(__file__).parents[1] / "corpora" / "temporal" / "cases.toml"
CASES: list[dict[str, Any]] = tomllib.loads(CASES_FILE.read_text(encoding="utf-8"))["case"]


def view(expression: Frequency | Deadline) -> dict[str, Any]:
    """An expression as the case table writes it: no span, no null fields."""
    fields = _without_nulls(as_json_data(expression))
    del fields["start"], fields["end"]
    if not fields.get("implicit", True):
        del fields["implicit"]
    return fields


def _without_nulls(data: dict[str, Any]) -> dict[str, Any]:
    return {k: _without_nulls(v) if isinstance(v, dict) else v
            for k, v in data.items() if v is not None}


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any]) -> None:
    freqs, deadlines = extract(case["text"])
    if not case.get("implicit"):
        freqs = [f for f in freqs if not f.implicit]
    assert [view(f) for f in freqs] == case["frequency"]
    assert [view(d) for d in deadlines] == case["deadline"]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_spans_index_the_original(case: dict[str, Any]) -> None:
    text = "前文。" + case["text"]
    freqs, deadlines = extract(text[3:], offset=3)
    for expression in [*freqs, *deadlines]:
        assert text[expression.start : expression.end] == expression.text


def test_table_size() -> None:
    negatives = [case for case in CASES if not case["frequency"] and not case["deadline"]]
    assert len(CASES) >= 250 and len(negatives) >= 40
    assert len({case["id"] for case in CASES}) == len(CASES)
