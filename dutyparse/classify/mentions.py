"""Other roles a duty names, and how the duty relates to them (SPEC §3 `mentions`).

A mention starts at a word boundary — the start of a clause, or right after a verb or
particle that cannot be part of a name (`协助|行政人事主管`, `报|分公司经理`, `向|营业部领导`)
— and is one of, in this order:

- a known role, optionally after a unit (`营业部` + `总经理`, `上级`);
- a line of work plus a title (`行政人事` + `主管`, `教学` + `主管`);
- a unit of three or more characters (`技术服务部`, `物业管理处`).

Its relation comes from the ordered rule table `lexicons/mention_relations.toml`
(`向…汇报` reports_to, `协助…` assists, `监督…` supervises, else other). A role joined
to the previous one by `和/及/与/、` shares its relation when it has none of its own
(`对总经理和副总经理负责`).

>>> [(m.role, m.relation) for m in find_mentions("完成后报总经理审批，并协助行政主管工作。")]
[('总经理', 'reports_to'), ('行政主管', 'assists')]
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, cast

import regex

from dutyparse.classify.canonical import canonical, surfaces
from dutyparse.classify.matchform import fold
from dutyparse.classify.role_text import ends_like_role
from dutyparse.lexicons import lines, table
from dutyparse.models import Mention, MentionRelation

_HAN = regex.compile(r"\p{Han}+")
# Clause punctuation: a relation is read only inside the clause of its mention.
_CLAUSE_END = regex.compile(r"[,，。;；!！?？\n]")
# What joins two coordinated roles: `总经理和副总经理`, `财务部、行政部`.
_COORDINATION = regex.compile(r"(?:和|及|与|、|或|以及)")
# A field label directly followed by its value: `直接上级总经理`, `直接上级：总经理`.
_FIELD_GAP = regex.compile(r"[:：\s]?")


@dataclass(frozen=True, slots=True)
class _Rule:
    relation: MentionRelation
    before: regex.Pattern[str] | None
    after: regex.Pattern[str] | None


def _words(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))


def _rule(row: dict[str, Any]) -> _Rule:
    before = after = None
    if "before" in row:
        before = regex.compile(rf"(?:{_words(row['before'])}).{{0,{row['before_gap']}}}$")
    if "after" in row:
        after = regex.compile(rf"^.{{0,{row['after_gap']}}}(?:{_words(row['after'])})")
    return _Rule(cast(MentionRelation, row["relation"]), before, after)


@cache
def _rules() -> tuple[_Rule, ...]:
    return tuple(_rule(row) for row in table("mention_relations.toml")["rule"])


@cache
def _breakers() -> str:
    """Words a mention never starts inside: particles, verbs, relation words."""
    words = set(lines("mention_breakers.txt")) | set(lines("role_label_verbs.txt"))
    for row in table("mention_relations.toml")["rule"]:
        words.update(row.get("before", []))
    return _words(tuple(words))


@cache
def _work_words() -> str:
    """What roles in running text are built from: the stems of lexicon roles
    (`行政人事` of 行政人事主管, `客户服务` of 客户服务部) and their two-character pieces."""
    endings = (*lines("role_heads.txt"), *lines("role_titles.txt"), *lines("role_units.txt"))
    stems: set[str] = set()
    for name in surfaces():
        for ending in endings:
            if name.endswith(ending) and len(name) > len(ending):
                stem = name[: -len(ending)]
                stems.add(stem)
                stems.update(stem[i : i + 2] for i in range(0, len(stem) - 1, 2))
    return _words(tuple(stem for stem in stems if _HAN.fullmatch(stem)))


@cache
def _pattern() -> regex.Pattern[str]:
    breakers, work = _breakers(), _work_words()
    known = _words(tuple(lines("mention_roles.txt")) + tuple(surfaces()))
    # A stem built from role words: `行政人事`, `教学科研`.
    stem = rf"(?:{work}){{1,3}}?"
    # A unit before a known role: `营业部` + 总经理, `分公司` + 经理.
    unit = rf"(?:{stem}|分|子|总|本)(?:部|处|科|中心|公司|店|车间)"
    ends_word = rf"(?!{_words(lines('mention_unit_followers.txt'))})"
    boundary = rf"(?<=^|[^\p{{Han}}]|{breakers})"
    return regex.compile(
        rf"{boundary}(?:(?:{unit})?(?:{known})(?:(?<=部)门)?"
        rf"|{stem}(?:{_words(lines('role_titles.txt'))})"
        rf"|{stem}(?:{_words(lines('role_units.txt'))}){ends_word})"
    )


@cache
def _blocked_after() -> regex.Pattern[str]:
    return regex.compile(rf"(?:{_words(lines('mention_blockers.txt'))})")


def _names_role(folded: str, start: int, end: int) -> bool:
    """A match that names a role (not `内部`, `各部门`, `在主席的领导下`)."""
    name = folded[start:end]
    name = name.removesuffix("门") if name.endswith("部门") else name
    if name.endswith(tuple(lines("mention_roles.txt"))):
        return start == 0 or folded[start - 1] != "的"
    return ends_like_role(name)


def _bare_generic(name: str, relation: MentionRelation) -> bool:
    """`员工福利`, `上级部门`: a generic word (`mention_roles.txt`) names a role only when
    the duty relates to it (`上级交办`, `协助员工`)."""
    return relation == "other" and name.endswith(tuple(lines("mention_roles.txt")))


def _line_of_work(folded: str, end: int, relation: MentionRelation) -> bool:
    """`会计凭证`, `客服工作`, `业务员工作经验`: a role word used for its line of work,
    unless a relation word shows a person is meant (`协助行政主管工作`)."""
    return relation == "other" and bool(_blocked_after().match(folded, end))


def _relation(folded: str, start: int, end: int) -> MentionRelation:
    """Relation of the mention at [start, end) from the first rule that fits its clause."""
    clause_starts = [m.end() for m in _CLAUSE_END.finditer(folded, 0, start)]
    clause_end = _CLAUSE_END.search(folded, end)
    before = folded[clause_starts[-1] if clause_starts else 0 : start]
    after = folded[end : clause_end.start() if clause_end else len(folded)]
    for rule in _rules():
        if rule.before and not rule.before.search(before):
            continue
        if rule.after and not rule.after.search(after):
            continue
        return rule.relation
    return "other"


def _spans(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Role mentions in folded[start:end]; a field label followed by its value
    (`直接上级` in `直接上级总经理`) is dropped."""
    found = [m.span() for m in _pattern().finditer(folded, start, end)]
    found = [span for span in found if _names_role(folded, *span)]
    kept = []
    for index, (a, b) in enumerate(found):
        following = found[index + 1][0] if index + 1 < len(found) else None
        is_label = folded[a:b] in lines("mention_roles.txt")
        if is_label and following is not None and _FIELD_GAP.fullmatch(folded, b, following):
            continue
        kept.append((a, b))
    return kept


def find_mentions(
    text: str, start: int = 0, end: int | None = None, exclude: frozenset[str] = frozenset()
) -> list[Mention]:
    """Roles named in text[start:end], with spans into `text`; roles whose id is in
    `exclude` (the item's own) are left out.

    >>> [(m.role, m.relation) for m in find_mentions("直接上级总经理直接下级施工员")]
    [('总经理', 'reports_to'), ('施工员', 'supervises')]
    """
    folded = fold(text)
    end = len(text) if end is None else end
    mentions: list[Mention] = []
    previous: tuple[int, MentionRelation] | None = None
    for a, b in _spans(folded, start, end):
        relation = _relation(folded, a, b)
        if relation == "other" and previous and _COORDINATION.fullmatch(folded, previous[0], a):
            relation = previous[1]
        if _line_of_work(folded, b, relation) or _bare_generic(folded[a:b], relation):
            continue
        previous = (b, relation)
        role_id = canonical(text[a:b])
        if role_id not in exclude:
            mentions.append(
                Mention(role=text[a:b], relation=relation, start=a, end=b, role_id=role_id)
            )
    return mentions
