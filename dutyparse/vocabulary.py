"""The closed vocabularies of the output (SPEC §2–6), shared by the records and the
models: what `section_kind`, `kind`, `mod`, `relation` and `reason` may hold.

>>> from typing import get_args
>>> get_args(Modifier)
('min', 'max', 'approx')
"""

from __future__ import annotations

from typing import Literal

SectionKind = Literal[
    "duties",
    "requirements",
    "benefits",
    "authority",
    "reporting",
    "kpi",
    "process",
    "overview",
    "other",
]
FrequencyKind = Literal["periodic", "regular", "continuous", "irregular"]
Modifier = Literal["min", "max", "approx"]
DeadlineRelation = Literal["before", "within", "on", "asap", "after"]
MentionRelation = Literal["reports_to", "assists", "supervises", "other"]
SkipReason = Literal["toc", "furniture", "duplicate_title"]
AnchorPart = Literal["start", "middle", "end"]
