"""Mentions (issue 4 item 3, SPEC §3): other roles a duty names and the relation, one
test id per row of `corpora/roles/mentions.tsv`; spans always slice the input."""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

import pytest
import regex

from dutyparse.classify import mention_spans, mentions
from dutyparse.classify.alternation import alternation
from dutyparse.classify.matchform import Folded, fold
from dutyparse.classify.mentions import find_mentions, mentions_in
from dutyparse.lexicons import lines, table
from tests.conftest import corpus_docs, shared_docs

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


# ── the scan tries the grammar only where a mention may begin ─────────────────────────────
def one_regex() -> regex.Pattern[str]:
    """The mention grammar as the one regex `mention_spans` stands for, tried at every
    position: the slow reference the scan must agree with."""
    breakers = alternation(mention_spans._breakers().words)
    bounded = mention_spans._at_boundary_grammar().pattern
    anywhere = mention_spans._anywhere()
    return regex.compile(rf"(?<=^|[^\p{{Han}}]|{breakers})(?:{bounded})|(?:{anywhere})")


SCANNED = [*corpus_docs(), *[doc for doc in shared_docs() if doc.parent.name == "seeds"]]


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: p.stem)
def test_scan_finds_what_the_one_regex_finds(path: Path) -> None:
    reference = one_regex()
    text = path.read_text("utf-8")
    for line in [*fold(text).splitlines(), *text.splitlines()]:  # items are about a line
        for start in (0, min(2, len(line))):  # a window after the start of the text
            expected = [m.span() for m in reference.finditer(line, start, len(line))]
            assert mention_spans.spans(line, start, len(line)) == expected, line


# ── the boundary grammar, each long piece written once, matches as its alternation ──────
@cache
def plain_boundary_grammar() -> re.Pattern[str]:
    """`_at_boundary_grammar` written as the alternation it stands for: the stem three
    times and the named part twice."""
    p = mention_spans._boundary_pieces()
    stem = p["stem"]
    return re.compile(
        f"(?:(?:{stem}|{p['opener']}){p['unit_ending']})?{p['named']}"
        f"|{stem}{p['title']}|{stem}{p['unit_word']}"
    )


def same_match(text: str, at: int) -> bool:
    expected = plain_boundary_grammar().match(text, at)
    found = mention_spans._at_boundary_grammar().match(text, at)
    return (found and found.span()) == (expected and expected.span())


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: p.stem)
def test_boundary_grammar_matches_its_alternation(path: Path) -> None:
    for line in fold(path.read_text("utf-8")).splitlines():
        for at in range(len(line)):
            assert same_match(line, at), (line, at)


def test_boundary_grammar_matches_its_alternation_on_lexicon_words() -> None:
    """Runs of the words the pieces are made of, in any order (`行政部经理`, `分公司主管`)."""
    words = [
        *mention_spans._work_words(),
        *mention_spans._UNIT_OPENERS,
        *mention_spans._UNIT_ENDINGS,
        *mention_spans._last_words().words,
        *lines("mention_unit_followers.txt"),
        *mention_spans.relation_words(),
        *"的和工作",
    ]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choices(words, k=rng.randint(1, 5)))
        for at in range(min(len(text), 3)):
            assert same_match(text, at), (text, at)


# ── a trie alternation matches like the longest-first alternation it stands for ──────────
def test_trie_alternation_matches_like_longest_first() -> None:
    rng = random.Random(6)
    for _ in range(200):
        words = {"".join(rng.choices("总经理主管部", k=rng.randint(1, 4))) for _ in range(8)}
        longest_first = "|".join(sorted(words, key=len, reverse=True))
        text = "".join(rng.choices("总经理主管部门", k=30))
        for shape in ("(?:{})", "(?:{})+?部", "(?:{}){{1,3}}?门"):  # backtracking too
            trie = regex.compile(shape.format(alternation(words)))
            plain = regex.compile(shape.format(longest_first))
            found = [m.span() for m in trie.finditer(text)]
            assert found == [m.span() for m in plain.finditer(text)], (words, text)


# ── a document is scanned once; each window reads its mentions from that scan ────────────
def windows(text: str, seed: int) -> list[tuple[int, int]]:
    """Lines of `text`, and windows cut anywhere (ends between a unit and what follows
    it, `部|门`, included): the spans items are read in."""
    lines = [(m.start(), m.end()) for m in regex.finditer(r"[^\n]+", text)]
    rng = random.Random(seed)
    cuts = [rng.randrange(len(text)) for _ in range(200)] if text else []
    return lines + [(a, min(len(text), a + rng.randint(1, 60))) for a in cuts]


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: p.stem)
def test_one_scan_reads_each_window_as_its_own_text(path: Path) -> None:
    text = path.read_text("utf-8")
    source = Folded.of(text)
    found = mention_spans.LastWords.of(source.folded)
    for start, end in windows(text, len(text)):
        window = source.window(start, end)
        alone = [(start + a, start + b) for a, b in mention_spans.spans(window, 0, len(window))]
        assert found.spans(start, end, start) == alone, text[start:end]
        assert mentions_in(text, found, start, end) == find_mentions(text, start, end), window


# ── the rule table read as one pattern relates as the rules one by one ────────────────────
_MARKS = "[,，。;；!！?？\\n]"


def relation_rule_by_rule(folded: str, start: int, end: int) -> str:
    """The relation of a mention the slow way: its clause (40 characters at most either
    side) cut out, then each rule of `mention_relations.toml` tried in turn."""
    low, high = max(0, start - 40), min(len(folded), end + 40)
    marks_before = list(regex.finditer(_MARKS, folded[low:start]))
    mark_after = regex.search(_MARKS, folded[end:high])
    before = folded[low + marks_before[-1].end() if marks_before else low : start]
    after = folded[end : end + mark_after.start() if mark_after else high]
    for rule in table("mention_relations.toml")["rule"]:
        words = "|".join(sorted(rule.get("before", []), key=len, reverse=True))
        if words and not regex.search(f"(?:{words}).{{0,{rule['before_gap']}}}$", before):
            continue
        words = "|".join(sorted(rule.get("after", []), key=len, reverse=True))
        if words and not regex.search(f"^.{{0,{rule['after_gap']}}}(?:{words})", after):
            continue
        return str(rule["relation"])
    return "other"


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: p.stem)
def test_rule_pattern_relates_as_the_rules_one_by_one(path: Path) -> None:
    folded = fold(path.read_text("utf-8"))
    found = mention_spans.LastWords.of(folded)
    for line in regex.finditer(r"[^\n]+", folded):
        low, high = line.span()
        for a, b in found.spans(low, high, low):
            expected = relation_rule_by_rule(line.group(), a - low, b - low)
            assert mentions._relation(found, a, b, low, high) == expected, line.group()
