"""dutyparse: raw Chinese job-description text → sections and duty items with exact
offsets, roles, frequencies and deadlines.

>>> import dutyparse
>>> doc = dutyparse.parse("岗位职责：1、每周一提交周报；2、协助主管")
>>> [item.text for item in doc.iter_items()]
['每周一提交周报；', '协助主管']
"""

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
