"""Where in its cycle a recurring duty falls (SPEC §4 `anchor`), read from the text the
grammar captured after the cycle: `二、四` → weekdays [2, 4], `10号、25号` → days [10, 25],
`第一个周一` → weekdays [1], ordinal 1, `月底` → part end, `12月底` → months [12], part end.

>>> weekdays("二、四"), weekdays("一至周五"), weekdays("六日"), weekdays("末")
([2, 4], [1, 2, 3, 4, 5], [6, 7], [6, 7])
"""

from __future__ import annotations

from functools import cache
from typing import Literal, cast

from dutyparse.lexicons import table
from dutyparse.numerals import NUMBER, to_int
from dutyparse.pattern_cache import compiled
from dutyparse.records import Anchor

Part = Literal["start", "middle", "end"]

# Weekday numerals: 一 is Monday (ISO 8601 weekday 1), 日/天/七 are Sunday (7).
_WEEKDAY = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7, "七": 7}
# Tokens of an anchor list: a numeral, or the range word between two of them.
_TOKEN = compiled(rf"(?P<num>{NUMBER})|(?P<range>至|到|[-~])")
# The week words and 的 around weekday numerals: 周一至周五, 星期二, 的周一.
_WEEK_WORD = compiled("周|星期|礼拜|的")
_WEEKDAY_TOKEN = compiled(r"(?P<num>[一二三四五六七日天])|(?P<range>至|到|[-~])")
# The n-th weekday of a month: 第一个周一 / 最后一个星期五.
_ORDINAL = compiled(rf"(?:第(?P<n>{NUMBER})个?|(?P<last>最后一个?))(?:周|星期|礼拜)(?P<wd>.)")
# A day after a month: 12月[15日].
_MONTH_DAY = compiled(rf"月份?(?P<day>{NUMBER})[号日]$")


@cache
def _parts() -> dict[str, str]:
    cues = table("time_cues.toml")
    return {**cues["part_suffix"], **cues["part_word"]}


def part(text: str) -> Part | None:
    """`start`, `middle` or `end` for a part word: 月底 → end, 中旬 → middle, 初 → start."""
    parts = _parts()
    found = parts.get(text) or parts.get(text[-2:]) or parts.get(text[-1:]) if text else None
    return cast(Part, found) if found in ("start", "middle", "end") else None


def _expand(values: list[int | str]) -> list[int]:
    """Numbers with `range` markers between some of them → the listed numbers."""
    out: list[int] = []
    pending_range = False
    for value in values:
        if value == "range":
            pending_range = bool(out)
        elif isinstance(value, int):
            if pending_range and out and out[-1] < value:
                out.extend(range(out[-1] + 1, value + 1))
            else:
                out.append(value)
            pending_range = False
    return sorted(set(out))


def weekdays(text: str) -> list[int]:
    """ISO weekdays named by a weekday list; `末` (周末) is the weekend."""
    if text.endswith("末"):
        return [6, 7]
    text = _WEEK_WORD.sub("", text)
    tokens: list[int | str] = [
        _WEEKDAY[m["num"]] if m["num"] else "range" for m in _WEEKDAY_TOKEN.finditer(text)
    ]
    return _expand(tokens)


def numbers(text: str, low: int, high: int) -> list[int]:
    """Numbers of a list like `10号、25号` / `1-5日`, those outside [low, high] dropped.

    >>> numbers("10号、25号", 1, 31), numbers("1-3日", 1, 31), numbers("3月和9月", 1, 12)
    ([10, 25], [1, 2, 3], [3, 9])
    """
    tokens: list[int | str] = []
    for m in _TOKEN.finditer(text):
        value = to_int(m["num"]) if m["num"] else None
        if m["range"]:
            tokens.append("range")
        elif value is not None and low <= value <= high:
            tokens.append(value)
    return _expand(tokens)


def month_anchor(text: str) -> Anchor | None:
    """Anchor of what follows 每月: days, the n-th weekday, or a part of the month."""
    ordinal = _ORDINAL.search(text)
    if ordinal:
        nth = -1 if ordinal["last"] else to_int(ordinal["n"] or "")
        day = _WEEKDAY.get(ordinal["wd"])
        return Anchor(weekdays=[day], ordinal=nth) if day and nth else None
    if text[-1] in "号日":
        days = numbers(text, 1, 31)
        return Anchor(days=days) if days else None
    where = part(text)
    return Anchor(part=where) if where else None


def year_anchor(text: str) -> Anchor | None:
    """Anchor of what follows 每年: months (with a day or part), or a part of the year.

    >>> year_anchor("12月底")
    Anchor(weekdays=None, days=None, part='end', months=[12], ordinal=None)
    >>> year_anchor("1月15日").days
    [15]
    """
    if "月" not in text:
        where = part(text)
        return Anchor(part=where) if where else None
    day = _MONTH_DAY.search(text)
    months = numbers(text[: day.start() + 1] if day else text, 1, 12)
    day_value = to_int(day["day"]) if day else None
    return Anchor(
        months=months or None,
        days=[day_value] if day_value else None,
        part=part(text) if not day and text[-1] in "初底末旬中" else None,
    )


def anchor_size(anchor: Anchor | None) -> int:
    """How many occurrences per cycle an anchor names (每周二、四 → 2), at least 1."""
    if anchor is None:
        return 1
    if anchor.weekdays and anchor.ordinal is None:
        return len(anchor.weekdays)
    return len(anchor.days or anchor.months or [None])
