"""Role, organisation, mentions and section kinds (SPEC §2–3), filled in place.

Walking the tree top-down, each level hands its children a context (role, kind):

- a section's role is the one its heading names (`role_text.heading_role`), else its
  parent's; at the top, the document title's (`行政人事专员（偏行政）`, `客服专员岗位职责`);
- a section's kind is the one its heading's cue words name (`section_kind.kind_of`),
  else its parent's; a top-level section without a cue holds duties;
- an item takes the role its own label names (`1.党政办公室(…) 负责…`), else the
  context's, and the context's kind; an item outside any section is judged by its label
  (`一、目的 明晰…` overview, `组长:… 成员:…` other), else duties;
- every role gets its canonical id (`dutyparse.roles.canonical`), every item its
  mentions of other roles (`mentions.find_mentions`).
"""

from __future__ import annotations

from dataclasses import dataclass

from dutyparse.classify.canonical import canonical
from dutyparse.classify.mentions import find_mentions
from dutyparse.classify.organization import find_organization
from dutyparse.classify.role_text import heading_role, label_role, label_span, title_role
from dutyparse.classify.section_kind import kind_of, member_list_kind
from dutyparse.models import Document, Item, Mention, Section, SectionKind

_DEFAULT_KIND: SectionKind = "duties"


@dataclass(frozen=True, slots=True)
class _Context:
    """What a level of the tree hands down to its children."""

    role: str | None
    kind: SectionKind | None


def annotate_roles(doc: Document, text: str) -> None:
    """Fill section_kind, role and mentions on sections and items, organization on doc.

    >>> from dutyparse.models import Item
    >>> doc = Document(title="仓管员岗位职责", items=[Item(marker="1、", text="协助主管盘点",
    ...     start=0, end=8)])
    >>> annotate_roles(doc, "1、协助主管盘点")
    >>> item = doc.items[0]
    >>> item.role, item.role_id, item.section_kind, [(m.role, m.relation) for m in item.mentions]
    ('仓管员', '仓库管理员', 'duties', [('主管', 'assists')])
    """
    doc.organization = doc.organization or find_organization(text)
    top = _Context(title_role(doc.title), kind_of(doc.title) if doc.title else None)
    _annotate_items(doc.items, text, top, top_level=True)
    for section in doc.sections:
        _annotate_section(section, text, top)


def _annotate_section(section: Section, text: str, parent: _Context) -> None:
    section.role = heading_role(section.title) or parent.role
    section.role_id = canonical(section.role)
    section.section_kind = kind_of(section.title) or parent.kind or _DEFAULT_KIND
    context = _Context(section.role, section.section_kind)
    _annotate_items(section.items, text, context, top_level=False)
    for child in section.sections:
        _annotate_section(child, text, context)


def _annotate_items(items: list[Item], text: str, context: _Context, top_level: bool) -> None:
    """Annotate a list of items; an unmarked paragraph that names a role
    (`执行总监具体岗位职责:`) hands that role to the items after it."""
    for item in items:
        body = item_body(item, text)
        own_role = label_role(body)
        item.role = own_role or context.role
        item.role_id = canonical(item.role)
        item.section_kind = _label_kind(body, context) if top_level else _kind(context)
        item.mentions = _mentions(item, text, len(body))
        if own_role and item.marker is None:
            context = _Context(own_role, context.kind)


def _mentions(item: Item, text: str, body_length: int) -> list[Mention]:
    """Other roles the item names. In requirements a bare mention is a qualification
    (`一年以上业务助理经验`), so only those with a relation are kept there."""
    own = frozenset({item.role_id} if item.role_id else ())
    found = find_mentions(text, item.end - body_length, item.end, exclude=own)
    if item.section_kind == "requirements":
        return [mention for mention in found if mention.relation != "other"]
    return found


def _kind(context: _Context) -> SectionKind:
    return context.kind or _DEFAULT_KIND


def _label_kind(body: str, context: _Context) -> SectionKind:
    """Kind of an item outside any section: its label's cue (`一、目的 …`), a member
    list (`组长:… 成员:…`), else the title's kind."""
    label = label_span(body)
    kind = kind_of(body[label[0] : label[1]]) if label else None
    return kind or member_list_kind(body) or _kind(context)


def item_body(item: Item, text: str) -> str:
    """The item as written, marker and leading whitespace removed.

    >>> item_body(Item(marker="1.", text="党政办公室 负责", start=0, end=12), "1.党政办公室 负责")
    '党政办公室 负责'
    """
    raw = text[item.start : item.end].lstrip()
    if item.marker and raw.startswith(item.marker):
        raw = raw[len(item.marker) :]
    return raw.lstrip()
