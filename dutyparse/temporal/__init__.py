"""Frequency and deadline expressions (SPEC §4–5). Placeholder until the temporal
issue lands: finds nothing."""

from __future__ import annotations

from dutyparse.models import Deadline, Frequency


def extract(text: str, offset: int = 0) -> tuple[list[Frequency], list[Deadline]]:
    """Frequencies and deadlines in `text`; spans are shifted by `offset`."""
    return [], []
