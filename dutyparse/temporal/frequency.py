"""Frequency rules (SPEC §4): how often a duty recurs.

`FREQUENCY_RULES` is the ordered table; each builder reads one match of the rule's
pattern (grammar.PATTERNS) into Frequency fields. Periods are ISO 8601 durations, the
anchor follows the RFC 5545 BYDAY / BYMONTHDAY / BYMONTH split (rrule.py exports it).

>>> from dutyparse.temporal import extract
>>> [(f.text, f.period, f.times, f.mod) for f in extract("一周最少两次巡店")[0]]
[('一周最少两次', 'P1W', 2, 'min')]
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from dutyparse.lexicons import table
from dutyparse.pattern_cache import compiled
from dutyparse.records import Anchor
from dutyparse.temporal.anchors import anchor_size, month_anchor, part, weekdays, year_anchor
from dutyparse.temporal.rule import Found, Hit, Rule, frequency
from dutyparse.temporal.values import amount_of, count, duration

# A sibling in an enumeration of 每个…: 细分到每个门店,每个品类,每天的任务 distributes a
# task over days, it states no cycle.
_SIBLING = compiled(r"每[个一](?P<what>[^,，、。；;]{1,6}?)[,，、]?$")
# Cycles too short to count days in: 一天两天 is no frequency.
_SUB_DAY = ("P1D", "PT1H", "PT1M")


@cache
def _units() -> dict[str, Any]:
    return table("time_units.toml")


@cache
def _modifiers() -> dict[str, str]:
    mods = table("time_modifiers.toml")
    return {**mods["before"], **mods["after"]}


@cache
def _kinds() -> dict[str, str]:
    return {word: spec["kind"] for word, spec in table("time_cues.toml")["kind"].items()}


@lru_cache(maxsize=1 << 12)  # a pure function of a unit and a numeral: 月, 两
def cycle(unit: str | None, written: str | None = None, alternate: bool = False) -> str | None:
    """ISO duration of `written` × `unit`; `隔` without a number doubles it (隔周 → P2W).

    >>> cycle("周"), cycle("月", "三"), cycle("年", "半"), cycle("周", None, True)
    ('P1W', 'P3M', 'P6M', 'P2W')
    """
    iso = _units()["period"].get(unit or "")
    if iso is None:
        return None
    if alternate and not written:
        return duration(iso, 2)
    return amount_of(iso, written)


def distributive(folded: str, start: int) -> bool:
    """True when the 每 at `start` spreads something over units (分解到每日) rather than
    naming a cycle."""
    before = folded[max(0, start - 12) : start]
    if before.endswith(("到", "至")):
        return True
    if "每" not in before:  # no sibling 每… to compare with: the common case
        return False
    sibling = _SIBLING.search(before)
    return bool(sibling) and not sibling["what"].startswith(tuple(_units()["period"]))


def modifier(match: Hit, *groups: str) -> str | None:
    """The first modifier written in `groups`, as min / max / approx."""
    for group in groups:
        word = match[group]  # its last capture, if it took part
        if word:
            return _modifiers().get(word)
    return None


def counted(match: Hit, period: str) -> tuple[int, int | None] | None:
    """Times (and upper end) of the count; None if it is no count of this cycle."""
    value = count(match["cnt"] or "")
    if value is None or value[0] < 1:
        return None
    if match["cu"] == "天" and period in _SUB_DAY:
        return None
    return value


def anchor_of(match: Hit) -> Anchor | None:
    """The anchor captured after an anchored cycle (每周二、四, 每月28号, 每年12月)."""
    if match["wd"]:
        days = weekdays(match["wd"])
        return Anchor(weekdays=days) if days else None
    if match["md"]:
        return month_anchor(match["md"])
    if match["yd"]:
        return year_anchor(match["yd"])
    where = part(match["qp"]) if match["qp"] else None
    return Anchor(part=where) if where else None


def _periodic(
    start: int, end: int, period: str | None, implicit: bool = False, **fields: Any
) -> Found:
    fields["kind"], fields["period"] = "periodic", period  # `fields` is this call's own
    fields.setdefault("times", 1)
    return Found("frequency", start, end, fields, implicit)


def every_count(match: Hit, folded: str) -> list[Found]:
    """每周最少一次, 每月完成一次, 每两周一次 → the cycle with its count."""
    period = cycle(match["unit"], match["n"], bool(match["alt"]))
    times = counted(match, period or "")
    if (
        period is None
        or times is None
        or distributive(folded, match.start() + len(match["mod1"] or ""))
    ):
        return []
    return [
        _periodic(
            match.start(),
            match.end(),
            period,
            times=times[0],
            times_max=times[1],
            mod=modifier(match, "mod1", "mod5", "mod2", "mod3", "mod4"),
            anchor=anchor_of(match),
        )
    ]


def every(match: Hit, folded: str) -> list[Found]:
    """每周, 每周二、四, 每月28号, 每月初; 每日、周、月 gives one entry per unit."""
    period = cycle(match["unit"], match["n"], bool(match["alt"]))
    if period is None or distributive(folded, match.start()):
        return []
    anchor = anchor_of(match)
    found = [
        _periodic(
            match.start(),
            match.end("head"),
            period,
            times=anchor_size(anchor),
            anchor=anchor,
            mod=modifier(match, "mod4"),
        )
    ]
    if match["more"]:  # 每日、周、月
        for (start, end), unit in zip(match.spans("more"), match.captures("more"), strict=True):
            found.append(_periodic(start, end, cycle(unit)))
    return found


def span_count(match: Hit, folded: str) -> list[Found]:
    """一周最少两次, 最少2天一次, 两周一次 → count per stated span."""
    period = cycle(match["unit"], match["n"])
    times = counted(match, cycle(match["unit"]) or "")
    if period is None or times is None:
        return []
    mod = modifier(match, "mod1", "mod2", "mod3")
    return [
        _periodic(match.start(), match.end(), period, times=times[0], times_max=times[1], mod=mod)
    ]


def per_slash(match: Hit, folded: str) -> list[Found]:
    """2天/周, 3次/月 → count per unit."""
    period = cycle(match["unit"])
    times = counted(match, period or "")
    if period is None or times is None:
        return []
    mod = modifier(match, "mod1")
    return [
        _periodic(match.start(), match.end(), period, times=times[0], times_max=times[1], mod=mod)
    ]


def alternate(match: Hit, folded: str) -> list[Found]:
    """隔周, 双周, 隔天 (one cycle skipped), with an optional count: 隔周一次."""
    period = _units()["alternate"][match["alt"]]
    times = counted(match, period) if match["cnt"] else (1, None)
    if times is None:
        return []
    mod = modifier(match, "mod1", "mod5", "mod2", "mod3")
    return [
        _periodic(match.start(), match.end(), period, times=times[0], times_max=times[1], mod=mod)
    ]


def cycle_without_unit(match: Hit, folded: str) -> list[Found]:
    """每班, 每餐: a cycle that is no calendar unit (period null, times 1)."""
    return [_periodic(match.start(), match.end(), None)]


def daily_word(match: Hit, folded: str) -> list[Found]:
    """每晚, 每天早上: a daily cycle named by its time of day."""
    return [_periodic(match.start(), match.end(), _units()["daily"][match["word"]])]


def kind_word(match: Hit, folded: str) -> list[Found]:
    """定期 (regular), 不定期 (irregular), 随时 / 时刻 / 实时 (continuous)."""
    return [frequency(match.start(), match.end(), kind=_kinds()[match["word"]])]


def bare_part(match: Hit, folded: str) -> list[Found]:
    """月底, 年初 without 每: the part of a cycle names the cycle (月底督促 → P1M, end).
    After 的 it qualifies a noun (的月底盘存) and is only implicit."""
    where = part(match["part"])
    return [
        _periodic(
            match.start("unit"),
            match.end(),
            cycle(match["unit"]),
            anchor=Anchor(part=where),
            implicit=bool(match["pre"]),
        )
    ]


@cache
def _implicit_prefixes() -> dict[str, str]:
    return dict(table("time_implicit.toml")["prefix"])


def implicit(match: Hit, folded: str) -> list[Found]:
    """日报, 周例会, 月度销售计划, 年度: a cycle implied by a noun (`implicit: true`)."""
    prefix = match["prefix"] or match["alone"]
    return [_periodic(match.start(), match.end(), _implicit_prefixes()[prefix], implicit=True)]


# Order is priority among expressions of equal length.
FREQUENCY_RULES: tuple[Rule, ...] = (
    Rule("every_count", every_count),
    Rule("span_count", span_count),
    Rule("per_slash", per_slash),
    Rule("alternate", alternate),
    Rule("every", every),
    Rule("cycle_without_unit", cycle_without_unit),
    Rule("daily_word", daily_word),
    Rule("kind_word", kind_word),
    Rule("bare_part", bare_part),
    Rule("implicit", implicit),
)
