"""Export a frequency as an iCalendar recurrence rule (RFC 5545 §3.3.10).

Only what a RRULE states exactly is exported: a calendar cycle (FREQ + INTERVAL), and
the days it falls on (BYDAY, BYMONTHDAY, BYMONTH). Anything a RRULE cannot say exactly
gives None and a stable reason code:

- `not_periodic`: 定期, 随时, 不定期 state no cycle;
- `no_calendar_cycle`: 每班, 每餐 recur on a cycle that is no calendar unit;
- `modifier`: 最少 / 最多 / 左右 bound the count, a RRULE cannot;
- `count_range`: 2-3次 is no fixed count;
- `count_without_days`: 每周两次 does not say on which days;
- `vague_anchor`: 中旬 is no definite day;
- `unsupported_period`: a period with no RRULE FREQ (P15D is fine; P3DT12H is not).

>>> from dutyparse.temporal import extract
>>> to_rrule(extract("每周二、四")[0][0]), to_rrule(extract("每月28号")[0][0])
(('FREQ=WEEKLY;BYDAY=TU,TH', None), ('FREQ=MONTHLY;BYMONTHDAY=28', None))
"""

from __future__ import annotations

from dutyparse.pattern_cache import compiled
from dutyparse.records import Anchor, Frequency

# ISO 8601 designator → RFC 5545 FREQ value.
_FREQ = {"Y": "YEARLY", "M": "MONTHLY", "W": "WEEKLY", "D": "DAILY"}
_TIME_FREQ = {"H": "HOURLY", "M": "MINUTELY", "S": "SECONDLY"}
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_PERIOD = compiled(r"P(?P<t>T?)(?P<n>\d+)(?P<d>[YMWDHS])")
# The first / last day of a cycle, as BYxxx parts (RFC 5545 §3.3.10: negative = from end).
_PART_DAY = {
    ("MONTHLY", "start"): "BYMONTHDAY=1",
    ("MONTHLY", "end"): "BYMONTHDAY=-1",
    ("YEARLY", "start"): "BYYEARDAY=1",
    ("YEARLY", "end"): "BYYEARDAY=-1",
    ("WEEKLY", "start"): "BYDAY=MO",
    ("WEEKLY", "end"): "BYDAY=SU",
}


def to_rrule(freq: Frequency) -> tuple[str | None, str | None]:
    """`(rrule, None)` when `freq` is exactly expressible, else `(None, reason)`."""
    reason = _refusal(freq)
    if reason:
        return None, reason
    base = _base(freq.period or "")
    if base is None:
        return None, "unsupported_period"
    parts = _anchor_parts(base.split(";")[0].removeprefix("FREQ="), freq.anchor)
    if parts is None:
        return None, "vague_anchor"
    if freq.anchor is None and (freq.times or 1) > 1:
        return None, "count_without_days"
    return ";".join([base, *parts]), None


def _refusal(freq: Frequency) -> str | None:
    if freq.kind != "periodic":
        return "not_periodic"
    if freq.period is None:
        return "no_calendar_cycle"
    if freq.mod is not None:
        return "modifier"
    if freq.times_max is not None:
        return "count_range"
    return None


def _base(period: str) -> str | None:
    """`FREQ=…[;INTERVAL=n]` of a one-component period: P2W → FREQ=WEEKLY;INTERVAL=2."""
    match = _PERIOD.fullmatch(period)
    if match is None:
        return None
    freq = (_TIME_FREQ if match["t"] else _FREQ).get(match["d"])
    if freq is None:
        return None
    interval = int(match["n"])
    return f"FREQ={freq}" + (f";INTERVAL={interval}" if interval > 1 else "")


def _anchor_parts(freq: str, anchor: Anchor | None) -> list[str] | None:
    """BYxxx parts of an anchor; None when the anchor is no definite day."""
    if anchor is None:
        return []
    parts: list[str] = []
    if anchor.months:
        parts.append("BYMONTH=" + ",".join(map(str, anchor.months)))
    if anchor.weekdays:
        prefix = str(anchor.ordinal) if anchor.ordinal else ""
        parts.append("BYDAY=" + ",".join(prefix + _BYDAY[d - 1] for d in anchor.weekdays))
    if anchor.days:
        parts.append("BYMONTHDAY=" + ",".join(map(str, anchor.days)))
    if anchor.part:
        day = _PART_DAY.get(("MONTHLY" if anchor.months else freq, anchor.part))
        if day is None:
            return None
        parts.append(day.replace("BYYEARDAY", "BYMONTHDAY") if anchor.months else day)
    return parts
