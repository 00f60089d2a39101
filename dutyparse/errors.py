"""One error hierarchy. Odd *input text* never raises: it yields diagnostics instead
(`Document.warnings`, stable codes below). Exceptions are for API misuse and for
broken data files."""

from __future__ import annotations


class DutyparseError(Exception):
    """Base of every error dutyparse raises."""


class LexiconError(DutyparseError):
    """A data file under `dutyparse/lexicons/` is missing or malformed."""


class InputError(DutyparseError):
    """Input that cannot be read as text (missing file, undecodable bytes)."""


# Stable diagnostic codes (Document.warnings[].code).
NO_STRUCTURE = "no_structure"
NUMBER_GAP = "number_gap"
