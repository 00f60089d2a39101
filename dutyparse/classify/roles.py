"""Role, organisation, mentions and section kinds (SPEC §2–3). Placeholder until the
roles issue lands: leaves every field at its default."""

from __future__ import annotations

from dutyparse.models import Document


def annotate_roles(doc: Document, text: str) -> None:
    """Fill section_kind, role and mentions on sections and items, organization on doc."""
