"""Values of the pieces a time expression is made of: counts, ranges, ISO 8601 durations.

Durations follow ISO 8601-1:2019 §5.5.2 (`P2W`, `P3M`, `PT24H`); a count times a unit is
written in the unit's designator (`两周` → `P2W`, `三个月` → `P3M`, `季度` × 2 → `P6M`).

>>> count("2-3"), count("两三"), count("十"), duration("P1W", 2), duration("P3M", 2)
((2, 3), (2, 3), (10, None), 'P2W', 'P6M')
"""

from __future__ import annotations

from functools import cache, lru_cache

from dutyparse.lexicons import table
from dutyparse.numerals import to_int
from dutyparse.pattern_cache import compiled

# One ISO 8601 duration of a single component: P1W, P3M, PT24H.
_SINGLE = compiled(r"P(?P<t>T?)(?P<n>\d+)(?P<d>[YMWDHS])")
# The ends of a written range: 2-3, 一到两, 3至5.
_RANGE = compiled(r"\s*[-~至到]\s*")
# Everyday Chinese digits in order, to read adjacent-digit ranges (两三次 → 2–3).
_DIGIT_ORDER = "一二三四五六七八九"


@lru_cache(maxsize=1 << 12)  # a pure function of a short numeral: 两, 2-3
def count(text: str) -> tuple[int, int | None] | None:
    """A count and the upper end of its range, or None when `text` is no count.

    >>> count("5"), count("一到两"), count("七八"), count("三五"), count("二五"), count("")
    ((5, None), (1, 2), (7, 8), (3, 5), None, None)
    """
    ends = _RANGE.split(text.strip())
    if len(ends) == 2:
        low, high = to_int(ends[0]), to_int(ends[1])
        return (low, high) if low is not None and high is not None and low < high else None
    digits = text.replace("两", "二")
    if len(digits) > 1 and all(ch in _DIGIT_ORDER for ch in digits):
        return _adjacent_range(digits)  # 两三 is a range; 二五 is no count at all
    value = to_int(text) if text else None
    return (value, None) if value is not None else None


def _adjacent_range(text: str) -> tuple[int, int | None] | None:
    """`两三` / `七八` / `三五`: two digits side by side, the second a little larger,
    are a rough range."""
    if len(text) != 2:
        return None
    low, high = _DIGIT_ORDER.index(text[0]) + 1, _DIGIT_ORDER.index(text[1]) + 1
    return (low, high) if 0 < high - low <= 2 else None


def duration(unit: str, amount: int) -> str:
    """`unit` (a one-component ISO duration) times `amount`.

    >>> duration("PT1H", 24), duration("P1D", 1), duration("P10D", 3)
    ('PT24H', 'P1D', 'P30D')
    """
    match = _SINGLE.fullmatch(unit)
    if match is None:
        return unit
    return f"P{match['t']}{int(match['n']) * amount}{match['d']}"


@cache
def _halves() -> dict[str, str]:
    return dict(table("time_units.toml")["half"])


def half(unit: str) -> str | None:
    """Half a unit, in the next smaller designator: `half("P1Y")` → `P6M`."""
    return _halves().get(unit)


@lru_cache(maxsize=1 << 12)
def amount_of(unit: str, written: str | None) -> str | None:
    """The duration of `written` units (`两` → ×2, `半` → half, None or `` → ×1).

    >>> amount_of("P1Y", "半"), amount_of("P1W", "两"), amount_of("P1M", None)
    ('P6M', 'P2W', 'P1M')
    """
    if not written:
        return unit
    if written == "半":
        return half(unit)
    value = count(written)
    if value is None or value[1] is not None or not 0 < value[0] <= 999:
        return None
    return duration(unit, value[0])
