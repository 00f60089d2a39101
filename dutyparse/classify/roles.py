"""Role, organisation, mentions and section kinds (SPEC §2–3), filled in place.

Walking the tree top-down, each level hands its children a context (role, kind):

- the top context is the document title's role (`行政人事专员（偏行政）`,
  `客服专员岗位职责` → 客服专员), else the one position a 岗位说明书 form names
  (`岗位名称：出纳`), and the kind the title's cue words name, if any;
- a section's role is the one its heading names (`role_text.heading_role`), else its
  parent's; its kind is the one its heading's cues name (`section_kind.kind_of`), else
  its parent's, else duties;
- an item takes the role its own label names (`1.党政办公室(…) 负责…`), else the
  context's, and the context's kind; an unmarked paragraph naming a role
  (`执行总监具体岗位职责:`) hands that role to the items after it;
- under a reporting field (`直接上级：`) a role an item names is the superior: a
  mention with the field's relation, not the item's owner;
- an item outside any section is judged by its label (`一、目的 明晰…` overview), a
  member list (`组长:… 成员:…` other), else the title's kind, else duties;
- every role gets its canonical id (`dutyparse.roles.canonical`), every item its
  mentions of other roles (`mentions.mentions_in`, read off one scan of the document).
"""

from __future__ import annotations

from dataclasses import dataclass

from dutyparse.classify.canonical import canonical
from dutyparse.classify.matchform import Folded
from dutyparse.classify.mention_spans import LastWords
from dutyparse.classify.mentions import field_relation, mentions_in
from dutyparse.classify.organization import find_organization
from dutyparse.classify.role_text import (
    heading_role,
    label_span,
    position_fields,
    role_in_label,
    title_role,
)
from dutyparse.classify.section_kind import kind_of, member_list_kind
from dutyparse.records import Document, Item, Mention, Section
from dutyparse.vocabulary import MentionRelation, SectionKind

_DEFAULT_KIND: SectionKind = "duties"


@dataclass(frozen=True, slots=True)
class _Context:
    """What a level of the tree hands down to its children."""

    role: str | None
    kind: SectionKind | None
    relation: MentionRelation = "other"  # of roles filed under a form field (`直接上级`)


@dataclass(frozen=True, slots=True)
class _Source:
    """The document's text, its matching form, and the last words of mentions in it."""

    text: Folded
    last_words: LastWords


def annotate_roles(doc: Document, text: str, folded: str | None = None) -> None:
    """Fill section_kind, role and mentions on sections and items, organization on doc.
    `folded` is `fold(text)` (`normalize(text)`), when the caller has it.

    >>> from dutyparse.records import Item
    >>> doc = Document(title="仓管员岗位职责", items=[Item(marker="1、", text="协助主管盘点",
    ...     start=0, end=8)])
    >>> annotate_roles(doc, "1、协助主管盘点")
    >>> item = doc.items[0]
    >>> item.role, item.role_id, item.section_kind, [(m.role, m.relation) for m in item.mentions]
    ('仓管员', '仓库管理员', 'duties', [('主管', 'assists')])
    """
    # Folded once; items cut their matching form from it.
    folded_text = Folded.of(text) if folded is None else Folded(text, folded)
    doc.organization = doc.organization or find_organization(text, folded_text.folded)
    top = _Context(title_role(doc.title) or _form_position(folded_text), kind_of(doc.title or ""))
    source = _Source(folded_text, LastWords.of(folded_text.folded))
    _annotate_items(doc.items, source, top, top_level=True)
    for section in doc.sections:
        _annotate_section(section, source, top)


def _form_position(source: Folded) -> str | None:
    """The one position a 岗位说明书 form names (`岗位名称：出纳`); None when the text
    names none or several (a collection of forms)."""
    named = {canonical(name): name for name in position_fields(source.text, source.folded)}
    return next(iter(named.values())) if len(named) == 1 else None


def _annotate_section(section: Section, source: _Source, parent: _Context) -> None:
    role = heading_role(section.title) or parent.role
    kind = kind_of(section.title) or parent.kind or _DEFAULT_KIND
    section.role, section.role_id, section.section_kind = role, canonical(role), kind
    relation = field_relation(section.title) if kind == "reporting" else "other"
    context = _Context(role, kind, relation)
    _annotate_items(section.items, source, context, top_level=False)
    for child in section.sections:
        _annotate_section(child, source, context)


def _annotate_items(items: list[Item], source: _Source, context: _Context, top_level: bool) -> None:
    """Annotate a list of items; an unmarked paragraph that names a role
    (`执行总监具体岗位职责:`) hands that role to the items after it."""
    text, context_id = source.text.text, canonical(context.role)
    for item in items:
        body = item_body(item, text)
        start, end = item.end - len(body), item.end
        folded = source.text.window(start, end)
        own_role = label = None
        if top_level or context.kind != "reporting":
            label = label_span(body, folded)
            if label and context.kind != "reporting":
                own_role = role_in_label(body, folded, label)
        role, role_id = (own_role, canonical(own_role)) if own_role else (context.role, context_id)
        kind = _label_kind(body, folded, label, context) if top_level else _kind(context)
        mentions = _mentions(source, start, end, role_id, kind, context)
        item.role, item.role_id, item.section_kind = role, role_id, kind
        item.mentions = mentions or ()  # most items name no one: the shared empty tuple
        if own_role and item.marker is None:
            context, context_id = _Context(own_role, context.kind, context.relation), role_id


def _mentions(
    source: _Source, start: int, end: int, role_id: str | None, kind: SectionKind, context: _Context
) -> list[Mention]:
    """Other roles the item at [start, end) (its body) names, its own role (`role_id`)
    left out. In requirements a bare mention is a qualification (`一年以上业务助理经验`),
    so only those with a relation are kept there."""
    own = frozenset({role_id} if role_id else ())
    found = mentions_in(source.text.text, source.last_words, start, end, own, context.relation)
    if kind == "requirements":
        return [mention for mention in found if mention.relation != "other"]
    return found


def _kind(context: _Context) -> SectionKind:
    return context.kind or _DEFAULT_KIND


def _label_kind(
    body: str, folded: str, label: tuple[int, int] | None, context: _Context
) -> SectionKind:
    """Kind of an item outside any section (`folded`: the matching form of its body,
    `label`: the span of its label): its label's cue (`一、目的 …`), a member list
    (`组长:… 成员:…`), else the title's kind."""
    kind = kind_of(body[label[0] : label[1]]) if label else None
    return kind or member_list_kind(body, folded) or _kind(context)


def item_body(item: Item, text: str) -> str:
    """The item as written, marker and leading whitespace removed.

    >>> item_body(Item(marker="1.", text="党政办公室 负责", start=0, end=12), "1.党政办公室 负责")
    '党政办公室 负责'
    """
    raw = text[item.start : item.end].lstrip()
    if item.marker and raw.startswith(item.marker):
        raw = raw[len(item.marker) :]
    return raw.lstrip()
