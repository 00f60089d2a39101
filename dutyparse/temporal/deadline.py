"""Deadline rules (SPEC §5): by when a duty is due.

`DEADLINE_RULES` is the ordered table. A deadline at a point of a recurring cycle
(`每月28号之前`) also states the cycle, so its rule returns a frequency too (SPEC §4:
P1M, times 1, anchor null, the day belonging to the deadline).

>>> from dutyparse.temporal import extract
>>> [(d.text, d.relation, d.event, d.offset) for d in extract("发工资前一天提交")[1]]
[('发工资前一天', 'before', '发工资', 'P1D')]
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from dutyparse.lexicons import table
from dutyparse.numerals import NUMBER, to_int
from dutyparse.pattern_cache import compiled
from dutyparse.temporal.frequency import cycle
from dutyparse.temporal.rule import Found, Hit, Rule, deadline, frequency, group
from dutyparse.temporal.values import amount_of, count, half

_WEEKDAY = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7, "七": 7}
# The day inside a month point: 1月[15]日.
_DAY_IN_MONTH = compiled(rf"月份?(?P<day>{NUMBER})[号日]$")
_WEEK_UNITS = ("周", "星期", "礼拜")


@cache
def _cues() -> dict[str, Any]:
    return table("time_cues.toml")


@cache
def _window_units() -> dict[str, str]:
    units = table("time_units.toml")
    return {**units["period"], **units["window"]}


@lru_cache(maxsize=1 << 12)  # a pure function of a numeral and a unit: 三, 天
def window(written: str | None, unit: str | None) -> str | None:
    """ISO duration of a window: `三`,`天` → P3D; a range counts its upper end (3-5天 → P5D).

    >>> window("十", "个工作日"), window("48", "小时"), window("半", "年"), window("3-5", "天")
    ('P10D', 'PT48H', 'P6M', 'P5D')
    """
    iso = _window_units().get(unit or "")
    if iso is None or not written:
        return None
    if written == "半":
        return half(iso)
    value = count(written)
    if value is None or value[0] < 1:
        return None
    return amount_of(iso, str(value[1] or value[0]))


def _cycle(match: Hit) -> dict[str, Any] | None:
    """Fields given by what stands before the point: 每月 / 次月 / 当日; None if odd."""
    written = match["cyc"]
    if not written:
        return {}
    if group(match, "cu"):
        period = cycle(match["cu"], match["cn"])
        return {"cycle": period, "every": True} if period else None
    relative = _cues()["relative_cycle"].get(written)
    if relative is not None:
        return {
            "cycle": relative["cycle"] or None,
            "month_offset": relative["month_offset"] or None,
        }
    return {"offset": _cues()["on_day"][written] or None}


def _point(match: Hit, cyc: dict[str, Any]) -> dict[str, Any] | None:
    """Fields of the point (day, weekday; cycle of a bare 月底); None if it is no point."""
    anchored = bool(cyc) or bool(group(match, "pre"))
    if match["month"]:
        day = _DAY_IN_MONTH.search(match["month"])
        complete = day is not None or match["month"][-1] not in "月份"
        return {"day": to_int(day["day"]) if day else None} if complete or anchored else None
    if match["mday"]:
        day = to_int(match["mday"][:-1])
        bare_ok = match["mday"].endswith("号") or anchored
        return {"day": day} if day and 1 <= day <= 31 and bare_ok else None
    if match["wday"]:
        named = match["wday"].startswith(_WEEK_UNITS) or group(match, "cu") in _WEEK_UNITS
        return {"weekday": _WEEKDAY[match["wday"][-1]]} if named else None
    if match["part"]:
        if match["punit"]:
            return {"cycle_of_part": cycle(match["punit"])}
        return {} if cyc and "offset" not in cyc else None  # 每月底, 次月底; not 当日底
    return {}


def _point_fields(match: Hit) -> tuple[dict[str, Any], str | None] | None:
    """Deadline fields of a point expression and the cycle a frequency should get."""
    cyc = _cycle(match)
    point = _point(match, cyc) if cyc is not None else None
    if cyc is None or point is None:
        return None
    part_cycle = point.pop("cycle_of_part", None)
    every = cyc.pop("every", False)
    recurring = cyc.get("cycle") if every else (part_cycle if not cyc else None)
    fields = {**cyc, **point, "event_span": match.span("ev") if match["ev"] else None}
    fields.setdefault("cycle", part_cycle)
    return fields, recurring


def _with_cycle(match: Hit, fields: dict[str, Any], recurring: str | None) -> list[Found]:
    found = [deadline(match.start(), match.end(), **fields)]
    if recurring:
        found.append(
            frequency(match.start(), match.end(), kind="periodic", period=recurring, times=1)
        )
    return found


def point_before(match: Hit, folded: str) -> list[Found]:
    """每月28号之前, 次月5号之前, 每周五下班前, 月底前; 月底前一天 is a point (on)."""
    read = _point_fields(match)
    if read is None:
        return []
    fields, recurring = read
    if match["on"]:
        fields.update(relation="on", offset=window(match["dn"], match["du"]))
    else:
        fields["relation"] = "before"
    return _with_cycle(match, fields, recurring)


def prefix_point(match: Hit, folded: str) -> list[Found]:
    """截止每月5日, 最迟次月10日, 不晚于每周五 → before the point."""
    read = _point_fields(match)
    if read is None:
        return []
    fields, recurring = read
    return _with_cycle(match, {**fields, "relation": "before"}, recurring)


def next_point(match: Hit, folded: str) -> list[Found]:
    """次月5日发放, 下月初, 下周一 → on that point of the next cycle."""
    read = _point_fields(match)
    return [deadline(match.start(), match.end(), **read[0], relation="on")] if read else []


def event_before(match: Hit, folded: str) -> list[Found]:
    """出车前, 验收前, 发工资前一天, 合同结束前90天 → before the event (with offset)."""
    offset = window(match["dn"], match["du"]) if match["dn"] else None
    if match["dn"] and offset is None:
        return []
    return [
        deadline(
            match.start(),
            match.end(),
            relation="before",
            event_span=match.span("ev"),
            offset=offset,
        )
    ]


def event_within(match: Hit, folded: str) -> list[Found]:
    """入职7天内, 会议结束后两天内, 收到客户投诉后24小时内 → within, from the event."""
    span = window(match["dn"], match["du"])
    if span is None or (match["trig"] and not match["hou"]):
        return []
    return [
        deadline(
            match.start(),
            match.end(),
            relation="within",
            duration=span,
            event_span=match.span("ev"),
        )
    ]


def window_rule(match: Hit, folded: str) -> list[Found]:
    """三天之内, 一周内, 48小时内, 十个工作日内; 4小时回复 → within the window."""
    span = window(match["dn"], match["du"])
    return [deadline(match.start(), match.end(), relation="within", duration=span)] if span else []


def on_day(match: Hit, folded: str) -> list[Found]:
    """当日完成, 次日上报, 当天之内 → on the day (次日: one day after)."""
    offset = _cues()["on_day"][match["word"]] or None
    return [deadline(match.start(), match.end(), relation="on", offset=offset)]


def asap(match: Hit, folded: str) -> list[Found]:
    """第一时间, 立即, 马上, 尽快 → as soon as possible."""
    return [deadline(match.start(), match.end(), relation="asap")]


def after_event(match: Hit, folded: str) -> list[Found]:
    """营业结束后, 下班后 → after the event."""
    return [deadline(match.start(), match.end(), relation="after", event_span=match.span("ev"))]


def advance(match: Hit, folded: str) -> list[Found]:
    """提前三天 → before an unstated event, by the offset."""
    offset = window(match["dn"], match["du"])
    return (
        [deadline(match.start(), match.end(), relation="before", offset=offset)] if offset else []
    )


# Order is priority among expressions of equal length.
DEADLINE_RULES: tuple[Rule, ...] = (
    Rule("point_before", point_before),
    Rule("prefix_point", prefix_point),
    Rule("next_point", next_point),
    Rule("event_within", event_within),
    Rule("event_before", event_before),
    Rule("window", window_rule),
    Rule("window_verb", window_rule),
    Rule("on_day", on_day),
    Rule("asap", asap),
    Rule("after_event", after_event),
    Rule("advance", advance),
)
