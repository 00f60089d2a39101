"""Mentions (issue 4 item 3, SPEC §3): other roles a duty names and the relation, one
test id per row of `corpora/roles/mentions.tsv`; spans always slice the input."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutyparse.classify.mentions import find_mentions
from dutyparse.lexicons import table

CASES = Path(__file__).resolve().parents[1] / "corpora" / "roles" / "mentions.tsv"
ROWS = [
    line.split("\t")
    for line in CASES.read_text("utf-8").splitlines()
    if line and not line.startswith("#")
][1:]


def written(text: str) -> str:
    mentions = find_mentions(text)
    return "|".join(f"{m.role}:{m.relation}" for m in mentions) or "-"


@pytest.mark.parametrize(("text", "expected", "note"), ROWS, ids=[r[0] for r in ROWS])
def test_mention_case(text: str, expected: str, note: str) -> None:
    assert written(text) == expected, note


@pytest.mark.parametrize("text", [r[0] for r in ROWS], ids=[r[0] for r in ROWS])
def test_mention_spans_slice_the_input(text: str) -> None:
    padded = "前文。" + text
    for mention in find_mentions(padded, 3):
        assert padded[mention.start : mention.end] == mention.role


def test_search_window_and_exclusion() -> None:
    text = "协助主管工作。向总经理汇报"
    assert [m.role for m in find_mentions(text, 7)] == ["总经理"]
    assert [m.role for m in find_mentions(text, exclude=frozenset({"主管"}))] == ["总经理"]


def test_role_ids_are_canonical() -> None:
    assert [m.role_id for m in find_mentions("协助仓管员盘点，向客户服务部经理汇报")] == [
        "仓库管理员",
        "客服经理",
    ]


def test_relation_rules_use_known_relations() -> None:
    relations = {"reports_to", "assists", "supervises", "other"}
    for rule in table("mention_relations.toml")["rule"]:
        assert rule["relation"] in relations
        assert "before" in rule or "after" in rule
        assert ("before" in rule) == ("before_gap" in rule)
        assert ("after" in rule) == ("after_gap" in rule)
