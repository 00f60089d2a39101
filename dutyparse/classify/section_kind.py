"""What a section holds (SPEC §2): a cue word in its heading names the kind.

The cue table is `lexicons/section_kinds.toml`, an ordered list of rules; the first rule
with a cue in the heading wins. Only the heading's label is read: a heading that is a
whole sentence (`1、通过阿里旺旺和客户沟通,解答…`) is judged by its first clause, so a
word deep inside it does not decide. No cue → `None`, and the caller inherits.

>>> kind_of("岗位职责："), kind_of("任职要求"), kind_of("工作内容及流程"), kind_of("活动前")
('duties', 'requirements', 'duties', None)
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import cast

import regex

from dutyparse.classify.matchform import CACHE_SIZE, fold, squeeze
from dutyparse.lexicons import lines, table
from dutyparse.pattern_cache import compiled
from dutyparse.vocabulary import SectionKind

# The first clause of a heading: up to the first clause punctuation (`,` `。` `;` `!` `?`).
_FIRST_CLAUSE = compiled(r"[^,，。;；!！?？]*")


def _alternation(cues: list[str]) -> regex.Pattern[str]:
    words = sorted(cues, key=len, reverse=True)
    return compiled("|".join(regex.escape(word) for word in words))


@cache
def _rules() -> tuple[tuple[SectionKind, regex.Pattern[str]], ...]:
    rules = table("section_kinds.toml")["rule"]
    return tuple((cast(SectionKind, rule["kind"]), _alternation(rule["cues"])) for rule in rules)


@cache
def _sentence_opening() -> regex.Pattern[str]:
    """Words that open a duty sentence (`督促`, `负责`, `通过`), never a label."""
    return _alternation(list(lines("role_label_verbs.txt")))


@cache
def _member_cues() -> tuple[SectionKind, tuple[regex.Pattern[str], ...]]:
    rule = table("section_kinds.toml")["member_list"][0]
    fields = (compiled(f"{regex.escape(cue)}[:：]") for cue in rule["cues"])
    return cast(SectionKind, rule["kind"]), tuple(fields)


def kind_of(heading: str) -> SectionKind | None:
    """The kind a heading's cue words name, or None when it names none.

    >>> kind_of("(二)权力"), kind_of("科发源将为您提供"), kind_of("售后的流程")
    ('authority', 'benefits', 'process')
    """
    return _kind_of(heading)


@lru_cache(maxsize=CACHE_SIZE)
def _kind_of(heading: str) -> SectionKind | None:
    """`kind_of`, once per distinct heading (`岗位职责` heads many sections)."""
    clause = _FIRST_CLAUSE.match(squeeze(fold(heading)))
    label = clause.group() if clause else ""
    if _sentence_opening().match(label):
        return None  # `督促护士严格执行查对制度…`: a duty, not a label
    for kind, cues in _rules():
        if cues.search(label):
            return kind
    return None


def member_list_kind(body: str, folded: str | None = None) -> SectionKind | None:
    """`other` when a block lists who sits in a body (`组长:… 成员:…`), else None;
    `folded` is `fold(body)`, when the caller has it.

    >>> member_list_kind("组长:张三(全面工作) 副组长:李四 成员:王五")
    'other'
    """
    kind, fields = _member_cues()
    folded = squeeze(fold(body) if folded is None else folded)
    if all(field.search(folded) for field in fields):
        return kind
    return None
