"""dutyparse: raw Chinese job-description text → sections and duty items with exact
offsets, roles, frequencies and deadlines.

>>> import dutyparse
>>> doc = dutyparse.parse("岗位职责：1、每周一提交周报；2、协助主管")
>>> [item.text for item in doc.iter_items()]
['每周一提交周报；', '协助主管']

The names below are imported on first use (PEP 562), so `import dutyparse` stays
cheap for tools that only need the version or one submodule.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dutyparse.api import parse
    from dutyparse.errors import DutyparseError, InputError, LexiconError
    from dutyparse.models import (
        Anchor,
        Deadline,
        Diagnostic,
        Document,
        Frequency,
        Item,
        Mention,
        Section,
        Skipped,
    )

# Public name → the module that defines it.
_HOME = {
    "parse": "dutyparse.api",
    "DutyparseError": "dutyparse.errors",
    "InputError": "dutyparse.errors",
    "LexiconError": "dutyparse.errors",
    "Anchor": "dutyparse.models",
    "Deadline": "dutyparse.models",
    "Diagnostic": "dutyparse.models",
    "Document": "dutyparse.models",
    "Frequency": "dutyparse.models",
    "Item": "dutyparse.models",
    "Mention": "dutyparse.models",
    "Section": "dutyparse.models",
    "Skipped": "dutyparse.models",
}

__all__ = [
    "Anchor",
    "Deadline",
    "Diagnostic",
    "Document",
    "DutyparseError",
    "Frequency",
    "InputError",
    "Item",
    "LexiconError",
    "Mention",
    "Section",
    "Skipped",
    "parse",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'dutyparse' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
