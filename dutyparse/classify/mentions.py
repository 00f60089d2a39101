"""Other roles a duty names, and how the duty relates to them (SPEC §3 `mentions`).

A mention starts at a word boundary — the start of a clause, or right after a verb or
particle that cannot be part of a name (`协助|行政人事主管`, `报|分公司经理`, `向|营业部领导`)
— and is one of, in this order:

- a known role, optionally after a unit (`营业部` + `总经理`, `上级`);
  a known role of three characters or more needs no boundary (`当日|收银员`);
- a line of work plus a title (`行政人事` + `主管`, `教学` + `主管`);
- a unit of three or more characters (`技术服务部`, `物业管理处`).

The grammar, and the scan that finds these spans fast, are in `mention_spans`. A
document is scanned once (`mention_spans.LastWords`), and each item reads the mentions
inside its span from that (`mentions_in`).

A mention's relation comes from the ordered rule table `lexicons/mention_relations.toml`
(`向…汇报` reports_to, `协助…` assists, `监督…` supervises, else other). Roles joined
by `和/及/与/、` are related by the words around the whole run (`对总经理和副总经理负责`).

>>> [(m.role, m.relation) for m in find_mentions("完成后报总经理审批，并协助行政主管工作。")]
[('总经理', 'reports_to'), ('行政主管', 'assists')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any, NamedTuple, cast

from dutyparse.classify.alternation import alternation
from dutyparse.classify.canonical import canonical, surfaces
from dutyparse.classify.matchform import CACHE_SIZE, fold
from dutyparse.classify.mention_spans import LastWords, relation_words
from dutyparse.classify.role_text import ends_like_role
from dutyparse.lexicons import lines, table
from dutyparse.pattern_cache import compiled
from dutyparse.records import Mention
from dutyparse.vocabulary import MentionRelation

# A relation is read only inside the clause of its mention (its relation words and the
# gap to them hold no clause punctuation), and never further than _REACH characters
# from it (relation words sit close to the role).
_GAP = "[^,，。;；!！?？\n]"
_REACH = 40
# What joins two coordinated roles, with a short modifier: `总经理和副总经理`,
# `财务部、行政部`, `院长和分管副院长`, `测试工程师、自动化测试工程师`; at most
# _COORDINATION_MAX characters.
_COORDINATION = compiled(r"(?:以及|和|及|与|、|或|/)\p{Han}{0,4}")
_COORDINATION_MAX = 6
# A field label directly followed by its value: `直接上级总经理`, `直接上级：总经理`.
_FIELD_GAP = compiled(r"[:：\s]?")


def _words(words: Iterable[str]) -> str:
    """Alternatives matching any of `words`, longest first (a trie: see `alternation`)."""
    return alternation(words)


@cache
def _fields() -> tuple[tuple[re.Pattern[str], MentionRelation], ...]:
    """The rules with `before` words only, in table order, as patterns for a form label
    those words close (`直接上级：`), each with its relation."""
    return tuple(
        (re.compile(rf"(?:{_words(row['before'])})[:：]?$"), cast(MentionRelation, row["relation"]))
        for row in table("mention_relations.toml")["rule"]
        if "before" in row and "after" not in row
    )


class _RuleReader(NamedTuple):
    """Every rule, in table order, as one pattern (`of`), its relations, and how far from
    a mention its words may reach: `before` characters before it, `after` after it (at
    most `_REACH`)."""

    pattern: re.Pattern[str]
    relations: tuple[MentionRelation, ...]
    before: int
    after: int

    @classmethod
    def of(cls, rows: list[dict[str, Any]]) -> _RuleReader:
        """The pattern reads `reversed(before) + "\\n" + after`, the text either side of
        a mention, no line break in either: group k matches where rule k fits. Reversed,
        the `before` words are read from the mention outwards, so both sides are
        anchored; a gap never crosses clause punctuation, so the words stand in the
        mention's clause (`报总经理审批` → `报\\n审批` fits `[^，…]{0,2}(?:报…)`)."""
        alternatives, reach = [], [0, 0]
        for row in rows:
            before = after = ""
            if "before" in row:
                words, gap = [word[::-1] for word in row["before"]], row["before_gap"]
                before = f"{_GAP}{{0,{gap}}}(?:{_words(words)})"
                reach[0] = max(reach[0], gap + max(map(len, words)))
            if "after" in row:
                words, gap = row["after"], row["after_gap"]
                after = rf"[^\n]*\n{_GAP}{{0,{gap}}}(?:{_words(words)})"
                reach[1] = max(reach[1], gap + max(map(len, words)))
            alternatives.append(f"({before}{after})")
        relations = tuple(cast(MentionRelation, row["relation"]) for row in rows)
        # Relation words sit close to the role: no further than _REACH.
        return cls(re.compile("|".join(alternatives)), relations, *[min(n, _REACH) for n in reach])

    def relation(self, before: str, after: str) -> MentionRelation:
        """The relation of the first rule that fits, `before` reversed and holding no line
        break (a rule with `after` words reads them past the first one, the joint).

        >>> _rule_reader().relation("助协", "工作")  # 协助|主管|工作
        'assists'
        """
        fits = self.pattern.match(f"{before}\n{after}")
        return self.relations[fits.lastindex - 1] if fits and fits.lastindex else "other"


@cache
def _rule_reader() -> _RuleReader:
    return _RuleReader.of(table("mention_relations.toml")["rule"])


@cache
def _relation_word() -> re.Pattern[str]:
    return re.compile(f"(?:{_words(relation_words())})")


@cache
def _blocked_after() -> re.Pattern[str]:
    return re.compile(rf"(?:{_words(lines('mention_blockers.txt'))})")


class _Name(NamedTuple):
    """What the words of a mention (matching form) say about it, read once per name."""

    names_role: bool  # a role, not `内部`, `各部门`, `组织部门`
    unless_after_de: bool  # … but not after `的` (`在主席的领导下`)
    is_label: bool  # a generic word that labels a form field (`上级`)
    generic: bool  # ends with a generic word (`员工福利`)
    unit: bool  # ends with a unit word (`前厅部`)


@lru_cache(maxsize=CACHE_SIZE)
def _name(name: str) -> _Name:
    """How a mention's words read (a pure function of a role name: names recur).

    >>> _name("领导").unless_after_de, _name("内部").names_role
    (True, False)
    """
    generic, units = lines("mention_roles.txt"), lines("role_units.txt")
    return _Name(*_names_role(name), name in generic, name.endswith(generic), name.endswith(units))


def _names_role(name: str) -> tuple[bool, bool]:
    """Whether a match names a role (not `内部`, `各部门`, `在主席的领导下`), and whether
    only where no `的` stands before it."""
    if name.endswith("部门") and _relation_word().fullmatch(name[:-2]):
        return False, False  # `组织部门技能比武`: a verb and its object
    name = name.removesuffix("门") if name.endswith("部门") else name
    if name.endswith(lines("mention_roles.txt")):
        return True, True
    if name in surfaces():
        return name not in lines("mention_activities.txt"), False
    return ends_like_role(name), False


def _relation(found: LastWords, start: int, end: int, low: int, high: int) -> MentionRelation:
    """Relation of the mention at [start, end) from the first rule that fits its clause,
    inside folded[low:high]. Only the few characters a rule's words can reach are cut,
    the side before up to its first line break (it ends the clause anyway; no rule reads
    past one after)."""
    reader, size = _rule_reader(), len(found.folded)
    low = max(low, start - reader.before)
    high = min(high, end + reader.after)
    before = found.reverse[size - start : size - low].partition("\n")[0]
    return reader.relation(before, found.folded[end:high])


def field_relation(label: str) -> MentionRelation:
    """The relation a form label gives the roles filed under it.

    >>> field_relation("直接上级："), field_relation("直接下级"), field_relation("汇报关系")
    ('reports_to', 'supervises', 'other')
    """
    label = fold(label).strip()
    return next((relation for field, relation in _fields() if field.search(label)), "other")


def _spans(found: LastWords, start: int, end: int) -> list[tuple[int, int]]:
    """Role mentions in folded[start:end] (read on their own); a field label followed by
    its value (`直接上级` in `直接上级总经理`) is dropped."""
    spans = found.spans(start, end, start)
    if not spans:
        return spans
    folded = found.folded
    named: list[tuple[int, int]] = []
    labels: list[int] = []  # indices into named of generic words (`上级`)
    for a, b in spans:
        name = _name(folded[a:b])
        if name.names_role and not (name.unless_after_de and a > start and folded[a - 1] == "的"):
            if name.is_label:
                labels.append(len(named))
            named.append((a, b))
    return _without_field_labels(folded, named, labels) if labels else named


def _without_field_labels(
    folded: str, named: list[tuple[int, int]], labels: list[int]
) -> list[tuple[int, int]]:
    """The spans of `named` but the generic words (at the indices `labels`) that label a
    form field, right before the next (`直接上级：总经理`)."""
    last = len(named) - 1
    gaps = [(index, named[index][1], named[index + 1][0]) for index in labels if index < last]
    dropped = {index for index, a, b in gaps if _FIELD_GAP.fullmatch(folded, a, b)}
    return [span for index, span in enumerate(named) if index not in dropped]


def mentions_in(
    text: str,
    found: LastWords,
    start: int,
    end: int,
    exclude: frozenset[str] = frozenset(),
    default: MentionRelation = "other",
) -> list[Mention]:
    """Roles named in text[start:end], read on their own (as `find_mentions` reads them),
    where `found` holds the last words of the whole matching form of `text`.

    >>> text = "协助主管工作。向总经理汇报"
    >>> [(m.role, m.start) for m in mentions_in(text, LastWords.of(fold(text)), 7, 13)]
    [('总经理', 8)]
    """
    spans = _spans(found, start, end)
    return _mentions(text, found, spans, start, end, exclude, default) if spans else []


def _mentions(
    text: str,
    found: LastWords,
    spans: list[tuple[int, int]],
    start: int,
    end: int,
    exclude: frozenset[str],
    default: MentionRelation,
    offset: int = 0,
) -> list[Mention]:
    """The mentions at `spans` in text[start:end] (`found`: its last words), with spans
    moved by `offset`."""
    folded, mentions = found.folded, []
    for group in _coordinated(folded, spans):
        relations = _group_relations(found, group, start, end)
        for (a, b), relation in zip(group, relations, strict=True):
            relation = default if relation == "other" else relation
            if relation == "other" and _unrelated(folded, a, b, end):
                continue
            role = text[a:b]
            role_id = canonical(role)
            if role_id not in exclude:
                mention = Mention(
                    role=role, relation=relation, start=offset + a, end=offset + b, role_id=role_id
                )
                mentions.append(mention)
    return mentions


def _unrelated(folded: str, start: int, end: int, high: int) -> bool:
    """A mention no rule relates that names no person: a generic word (`员工福利`,
    `上级部门`), or a position word used for its line of work (`会计凭证`, `客服工作`,
    `业务员工作经验`; a unit stays a unit: `前厅部工作情况`). With a relation
    (`上级交办`, `协助行政主管工作`) both name a person."""
    name = _name(folded[start:end])
    if name.generic:
        return True
    return not name.unit and _blocked_after().match(folded, end, high) is not None


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
    found = LastWords.of(fold(window) if folded is None else folded)
    spans = _spans(found, 0, len(window))
    if not spans:
        return []
    return _mentions(window, found, spans, 0, len(window), exclude, default, offset=start)


def _coordinated(folded: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Spans grouped into runs joined by `和/及/与/、` (`总经理和副总经理`)."""
    groups: list[list[tuple[int, int]]] = []
    for span in spans:
        gap = (groups[-1][-1][1], span[0]) if groups else (0, 0)
        joined = 0 < gap[1] - gap[0] <= _COORDINATION_MAX and _COORDINATION.fullmatch(folded, *gap)
        if joined:
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def _group_relations(
    found: LastWords, group: list[tuple[int, int]], low: int, high: int
) -> list[MentionRelation]:
    """Relations of coordinated roles: the words around the whole run decide for all
    (`对总经理和副总经理负责`, `在院长和分管副院长领导下`); failing that each role's own,
    a role without one sharing the one before it."""
    shared = _relation(found, group[0][0], group[-1][1], low, high)
    if shared != "other" or len(group) == 1:
        return [shared] * len(group)  # a lone role's own relation is the shared one
    relations: list[MentionRelation] = []
    for a, b in group:
        own = _relation(found, a, b, low, high)
        relations.append(relations[-1] if own == "other" and relations else own)
    return relations
