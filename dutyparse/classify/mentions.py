"""Other roles a duty names, and how the duty relates to them (SPEC §3 `mentions`).

A mention starts at a word boundary — the start of a clause, or right after a verb or
particle that cannot be part of a name (`协助|行政人事主管`, `报|分公司经理`, `向|营业部领导`)
— and is one of, in this order:

- a known role, optionally after a unit (`营业部` + `总经理`, `上级`);
  a known role of three characters or more needs no boundary (`当日|收银员`);
- a line of work plus a title (`行政人事` + `主管`, `教学` + `主管`);
- a unit of three or more characters (`技术服务部`, `物业管理处`).

The grammar, and the scan that finds these spans fast, are in `mention_spans`.

A mention's relation comes from the ordered rule table `lexicons/mention_relations.toml`
(`向…汇报` reports_to, `协助…` assists, `监督…` supervises, else other). Roles joined
by `和/及/与/、` are related by the words around the whole run (`对总经理和副总经理负责`).

>>> [(m.role, m.relation) for m in find_mentions("完成后报总经理审批，并协助行政主管工作。")]
[('总经理', 'reports_to'), ('行政主管', 'assists')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

import regex

from dutyparse.classify.alternation import alternation
from dutyparse.classify.canonical import canonical, surfaces
from dutyparse.classify.matchform import fold
from dutyparse.classify.mention_spans import relation_words, spans
from dutyparse.classify.role_text import ends_like_role
from dutyparse.lexicons import lines, table
from dutyparse.models import Mention, MentionRelation

# Clause punctuation: a relation is read only inside the clause of its mention, and
# never further than _REACH characters from it (relation words sit close to the role).
_CLAUSE_END = regex.compile(r"[,，。;；!！?？\n]")
_CLAUSE_START = regex.compile(r"[,，。;；!！?？\n]", flags=regex.REVERSE)
_REACH = 40
# What joins two coordinated roles, with a short modifier: `总经理和副总经理`,
# `财务部、行政部`, `院长和分管副院长`, `测试工程师、自动化测试工程师`.
_COORDINATION = regex.compile(r"(?:以及|和|及|与|、|或|/)\p{Han}{0,4}")
# A field label directly followed by its value: `直接上级总经理`, `直接上级：总经理`.
_FIELD_GAP = regex.compile(r"[:：\s]?")


@dataclass(frozen=True, slots=True)
class _Rule:
    relation: MentionRelation
    before: regex.Pattern[str] | None
    after: regex.Pattern[str] | None
    field: regex.Pattern[str] | None  # the `before` words closing a form label


def _words(words: Iterable[str]) -> str:
    """Alternatives matching any of `words`, longest first (a trie: see `alternation`)."""
    return alternation(words)


def _rule(row: dict[str, Any]) -> _Rule:
    before = after = None
    if "before" in row:
        before = regex.compile(rf"(?:{_words(row['before'])}).{{0,{row['before_gap']}}}$")
    if "after" in row:
        after = regex.compile(rf"^.{{0,{row['after_gap']}}}(?:{_words(row['after'])})")
    field = None
    if "before" in row and "after" not in row:
        field = regex.compile(rf"(?:{_words(row['before'])})[:：]?$")
    return _Rule(cast(MentionRelation, row["relation"]), before, after, field)


@cache
def _rules() -> tuple[_Rule, ...]:
    return tuple(_rule(row) for row in table("mention_relations.toml")["rule"])


@cache
def _relation_word() -> regex.Pattern[str]:
    return regex.compile(f"(?:{_words(relation_words())})")


@cache
def _blocked_after() -> regex.Pattern[str]:
    return regex.compile(rf"(?:{_words(lines('mention_blockers.txt'))})")


def _names_role(folded: str, start: int, end: int) -> bool:
    """A match that names a role (not `内部`, `各部门`, `在主席的领导下`)."""
    name = folded[start:end]
    if name.endswith("部门") and _relation_word().fullmatch(name[:-2]):
        return False  # `组织部门技能比武`: a verb and its object
    name = name.removesuffix("门") if name.endswith("部门") else name
    if name.endswith(lines("mention_roles.txt")):
        return start == 0 or folded[start - 1] != "的"
    if name in surfaces():
        return name not in lines("mention_activities.txt")
    return ends_like_role(name)


def _bare_generic(name: str, relation: MentionRelation) -> bool:
    """`员工福利`, `上级部门`: a generic word (`mention_roles.txt`) names a role only when
    the duty relates to it (`上级交办`, `协助员工`)."""
    return relation == "other" and name.endswith(lines("mention_roles.txt"))


def _line_of_work(folded: str, start: int, end: int, relation: MentionRelation) -> bool:
    """`会计凭证`, `客服工作`, `业务员工作经验`: a position word used for its line of
    work, unless a relation word shows a person is meant (`协助行政主管工作`). A unit
    stays a unit (`前厅部工作情况`)."""
    if relation != "other" or folded[start:end].endswith(lines("role_units.txt")):
        return False
    return bool(_blocked_after().match(folded, end))


def _relation(folded: str, start: int, end: int) -> MentionRelation:
    """Relation of the mention at [start, end) from the first rule that fits its clause
    (at most `_REACH` characters either side)."""
    low, high = max(0, start - _REACH), min(len(folded), end + _REACH)
    clause_start = _CLAUSE_START.search(folded, low, start)
    clause_end = _CLAUSE_END.search(folded, end, high)
    before = folded[clause_start.end() if clause_start else low : start]
    after = folded[end : clause_end.start() if clause_end else high]
    return _first_rule(before, after)


def field_relation(label: str) -> MentionRelation:
    """The relation a form label gives the roles filed under it.

    >>> field_relation("直接上级："), field_relation("直接下级"), field_relation("汇报关系")
    ('reports_to', 'supervises', 'other')
    """
    label = fold(label).strip()
    return next(
        (rule.relation for rule in _rules() if rule.field and rule.field.search(label)), "other"
    )


def _first_rule(before: str, after: str) -> MentionRelation:
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
    found = [span for span in spans(folded, start, end) if _names_role(folded, *span)]
    kept = []
    for index, (a, b) in enumerate(found):
        following = found[index + 1][0] if index + 1 < len(found) else None
        is_label = folded[a:b] in lines("mention_roles.txt")
        if is_label and following is not None and _FIELD_GAP.fullmatch(folded, b, following):
            continue
        kept.append((a, b))
    return kept


def find_mentions(
    text: str,
    start: int = 0,
    end: int | None = None,
    exclude: frozenset[str] = frozenset(),
    default: MentionRelation = "other",
    folded: str | None = None,
) -> list[Mention]:
    """Roles named in text[start:end] (read on their own), with spans into `text`;
    roles whose id is in `exclude` (the item's own) are left out. A role no rule relates
    gets `default` (the relation of the form field it is filed under, `field_relation`).
    `folded` is `fold(text[start:end])`, when the caller has it.

    >>> [(m.role, m.relation) for m in find_mentions("直接上级总经理直接下级施工员")]
    [('总经理', 'reports_to'), ('施工员', 'supervises')]
    """
    window = text[start:end]
    folded = fold(window) if folded is None else folded
    mentions: list[Mention] = []
    for group in _coordinated(folded, _spans(folded, 0, len(folded))):
        for (a, b), relation in zip(group, _group_relations(folded, group), strict=True):
            relation = default if relation == "other" else relation
            if _line_of_work(folded, a, b, relation) or _bare_generic(folded[a:b], relation):
                continue
            role, role_id = window[a:b], canonical(window[a:b])
            if role_id not in exclude:
                mention = Mention(
                    role=role, relation=relation, start=start + a, end=start + b, role_id=role_id
                )
                mentions.append(mention)
    return mentions


def _coordinated(folded: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Spans grouped into runs joined by `和/及/与/、` (`总经理和副总经理`)."""
    groups: list[list[tuple[int, int]]] = []
    for span in spans:
        if groups and _COORDINATION.fullmatch(folded, groups[-1][-1][1], span[0]):
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def _group_relations(folded: str, group: list[tuple[int, int]]) -> list[MentionRelation]:
    """Relations of coordinated roles: the words around the whole run decide for all
    (`对总经理和副总经理负责`, `在院长和分管副院长领导下`); failing that each role's own,
    a role without one sharing the one before it."""
    shared = _relation(folded, group[0][0], group[-1][1])
    if shared != "other" or len(group) == 1:
        return [shared] * len(group)  # a lone role's own relation is the shared one
    relations: list[MentionRelation] = []
    for a, b in group:
        own = _relation(folded, a, b)
        relations.append(relations[-1] if own == "other" and relations else own)
    return relations
