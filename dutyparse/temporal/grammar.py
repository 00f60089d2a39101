"""Grammar of frequency and deadline expressions, built from named pieces.

Each piece below is a regex fragment with an example of what it matches. Pieces written
`<NAME>` inside another piece are filled in when a rule's pattern is first needed: the
static ones from this module, the word lists (units, modifiers, events, cue words) from
`dutyparse/lexicons/time_*`. Every rule pattern is compiled once and cached; nothing is
read or compiled at import time. Patterns match *folded* text (folding.py): Simplified,
half-width, everyday numerals, so `每週壹次` is seen as `每周一次`.

Before a rule's pattern runs over a text, the text must pass one of the rule's gates
(gates.py): plain words every match of the rule holds, searched with `re`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

import regex

from dutyparse.lexicons import lines, table
from dutyparse.numerals import NUMBER
from dutyparse.pattern_cache import compiled

# ── numbers ────────────────────────────────────────────────────────────────────────
# A numeral: 3, 12, 三, 十二, 两 (numerals.NUMBER).
NUM = NUMBER
# A count or a range of counts: 2, 2-3, 两三, 一到两.
QTY = r"(?:<NUM>(?:\s*[-~至到]\s*<NUM>)?)"
# Characters a number is written with, to refuse a match that starts mid-number.
NUMERIC = "0-9零〇一二两三四五六七八九十百千"

# ── calendar words ─────────────────────────────────────────────────────────────────
# The week word of a weekday: 周五, 星期五, 礼拜五.
WEEK = r"(?:周|星期|礼拜)"
# One weekday numeral: 一 … 六, 日/天/七 for Sunday (but 日常, 日报 are words).
WD = r"(?:[一二三四五六七天]|日(?![常报志记程期]))"
# Separators of an anchor list (每周二、四; 每月10号和25号) and of a range (周一至周五).
SEP = r"(?:[、/和及与]|或者?)"
RSEP = r"(?:至|到|[-~])"
# A list of weekdays after a week unit: 一, 二、四, 一至周五, 六日, 的周一.
WEEKDAYS = r"(?:的?<WEEK>?<WD>(?:(?:<SEP>|<RSEP>)<WEEK>?<WD>|(?<=六)[日天])*)"
# Days of the month: 28号, 10号、25号, 10、25日, 1-5日 (the list ends with 号/日).
DAYS = r"(?:的?<NUM>[号日]?(?:(?:<SEP>|<RSEP>)<NUM>[号日]?)*(?<=[号日]))"
# The n-th weekday of a month: 第一个周一, 最后一个星期五.
ORDINAL = r"(?:的?(?:第<NUM>个?|最后一个?)<WEEK><WD>)"
# Part of a month after 每月: 初, 月底, 中旬, 月中.
MONTH_PART = r"(?:月?(?:[初底末]|[上中下]旬)|月中|最后一天)"
# Months of the year, optionally with a day or part: 12月, 3月、9月, 12月底, 1月15日.
MONTHS = r"(?:的?<NUM>月份?(?:<SEP><NUM>月份?)*(?:<NUM>[号日]|[初底末]|[上中下]旬|中)?)"
# Part of a year or quarter after 每年 / 每季度: 年底, 初, 年中; 末, 季度末.
YEAR_PART = r"(?:年?[初底末]|年中)"
QUARTER_PART = r"(?:(?:季度|季)?[初末])"
# Clock time: 17:00, 下午5点, 10点半, 上午.
CLOCK = (
    r"(?:(?:上午|下午|中午|早上|晚上|凌晨)?(?:\d{1,2}:\d{2}|<NUM>(?:点|时)(?:半|<NUM>分)?)"
    r"|上午|下午|中午|凌晨)"
)

# ── frequency ──────────────────────────────────────────────────────────────────────
# A cycle after 每: 每周, 每两周, 每半年, 每个月, 每月度, 每隔一小时.
EVERY = (
    r"(?:每(?P<alt>隔)?(?P<n><NUM>|半)?个?(?P<unit><PERIOD>)(?![<NOT_AFTER_UNIT>])度?"
    r"(?P<mod4>左右|上下)?)"
)
# A cycle with its anchor: 每周一, 每周二、四, 每月28号, 每月初, 每年12月, 每季度末.
EVERY_ANCHORED = (
    r"(?:每(?P<alt>隔)?(?P<n><NUM>|半)?个?"
    r"(?:(?P<unit><WEEK>)(?P<wd><WEEKDAYS>|末)"
    r"|(?P<unit>月)度?(?P<md><DAYS>|<ORDINAL>|<MONTH_PART>)"
    r"|(?P<unit>年)度?(?P<yd><MONTHS>|<YEAR_PART>)"
    r"|(?P<unit>季度|季)(?P<qp><QUARTER_PART>)))"
)
# A count with its modifiers: 一次, 最少两次, 不低于10天, 2-3次, 一次以上. (次性, 次日
# are other words.)
COUNT = (
    r"(?:(?P<mod2><MOD_BEFORE>)?(?P<cnt><QTY>)\s*(?P<cu>次|回|遍|趟|天)"
    r"(?P<mod3><MOD_AFTER>)?(?![性数序要品级日月年周]))"
)
# A few words between a cycle and its count: 每月[完成]一次, 每周[对门店巡查]一次
# (每月最后一天 is an anchor, not a count of days).
GAP = r"(?P<gap>(?:(?!每|次|最后一)[\p{Han}A-Za-z]){1,6}?)"

# ── deadline ───────────────────────────────────────────────────────────────────────
# A recurring cycle a deadline sits in: 每月, 每周, 每个季度.
EVERY_CYCLE = r"(?:每个?(?P<cn><NUM>)?个?(?P<cu><PERIOD>)(?![<NOT_AFTER_UNIT>])度?)"
# A point in a cycle: 12月底, 1月15日, 28号, 周五, 月底, 季度末, 17:00.
POINT = (
    r"(?:(?P<month><NUM>月份?(?:<NUM>[号日]|[初底末]|[上中下]旬|中)?)"
    r"|(?P<mday><NUM>[号日])"
    r"|(?P<wday><WEEK>?<WD>)"
    r"|(?P<part>(?P<punit>月|年|季度|季)?(?:[初底末]|[上中下]旬))"
    r"|(?P<clock><CLOCK>))"
)
# An event: 出车, 验收, 发工资, 合同结束, 工作日结束.
EVENT_PHRASE = r"(?:(?:<EVENT_NOUN>)?<EVENT>)"
# A window: 三天, 48小时, 十个工作日, 1个月, 半年.
DURATION = r"(?:(?P<dn><QTY>|半)个?(?P<du><WINDOW_UNIT>))"

# ── rule patterns (tabled in frequency.py and deadline.py, whose order is priority) ────
PATTERNS: dict[str, str] = {
    # 每周最少一次, 每月完成一次, 每周一至两次, 最少每周一次, 每周三开一次会 (the count
    # written once after the three ways to its cycle: the same matches, a shorter compile)
    "every_count": (
        r"(?P<mod1><MOD_BEFORE>)?(?:<EVERY>|<EVERY_ANCHORED><GAP>"
        r"|<EVERY>(?P<mod5><MOD_BEFORE>)?<GAP>)<COUNT>"
    ),
    # 每周一, 每周二、四, 每月28号, 每月初, 每日、周、月
    "every": (
        r"(?P<head><EVERY_ANCHORED>|<EVERY>)(?:[、/](?P<more><PERIOD>)(?![<NOT_AFTER_UNIT>初中底末旬]))*"
    ),
    # 一周最少两次, 最少一周三次, 一月至少两次, 最少2天一次, 两周一次
    "span_count": (
        r"(?<![第每<NUMERIC>])(?P<mod1><MOD_BEFORE>)?(?P<n><QTY>|半)个?(?P<unit><PERIOD>)"
        r"(?![<NOT_AFTER_UNIT>])<COUNT>"
    ),
    # 2天/周, 3次/周, 不低于2天/周
    "per_slash": (
        r"(?P<mod1><MOD_BEFORE>)?(?P<cnt><QTY>)\s*(?P<cu>次|天|回)\s*/\s*(?P<unit><PERIOD>)"
    ),
    # 隔周, 隔天, 双周, 隔周一次, 隔天巡检一次
    "alternate": (
        r"(?<![每间])(?P<mod1><MOD_BEFORE>)?(?P<alt><ALTERNATE>)(?:(?P<mod5><MOD_BEFORE>)?<GAP>?<COUNT>)?"
    ),
    # 每班, 每班次, 每餐 (SPEC §4: a cycle that is no calendar unit)
    "cycle_without_unit": r"每个?(?P<word><CYCLE_WORD>)(?!(?<=班)[组长级主厅车子])",
    # 每晚, 每天早上
    "daily_word": r"每(?P<word><DAILY>)",
    # 定期, 不定期, 随时, 时刻, 实时
    "kind_word": r"(?P<word><KIND_WORD>)",
    # 月底, 年初, 季度末 (without 每: 月底督促…); 的月底盘存 is a noun, implicit
    "bare_part": (
        r"(?<![本当上下次该这每前<NUMERIC>年月])(?P<pre>的)?(?P<unit>月|年|季度|季)(?P<part>[初底末])"
        r"(?!<NOT_AFTER_PART>)"
    ),
    # 日报, 周例会, 月度销售计划, 年度
    "implicit": (
        r"(?<![<IMPLICIT_NOT_BEFORE>])(?P<prefix><IMPLICIT_PREFIX>)(?P<head><IMPLICIT_HEAD>)"
        r"(?!<IMPLICIT_NOT_AFTER>)|(?<![<IMPLICIT_NOT_BEFORE>])(?P<alone><IMPLICIT_ALONE>)"
    ),
    # 每月28号之前, 次月5号之前, 每周五下班前, 月底前, 每日17:00前, 月底前一天
    "point_before": (
        r"(?P<pre><BEFORE_PREFIX>)?(?:(?P<cyc><EVERY_CYCLE>|<RELATIVE_CYCLE>|<ON_DAY>)的?)?"
        r"<POINT>(?:<CLOCK>)?(?P<ev><EVENT_PHRASE>)?(?P<rel><BEFORE>|<BEFORE_SUFFIX>)"
        r"(?:(?P<on>(?P<dn><NUM>)个?(?P<du>天|日))(?![<NOT_AFTER_UNIT>]))?"
    ),
    # 截止每月5日, 最迟次月10日, 不晚于每周五
    "prefix_point": (
        r"(?P<pre><BEFORE_PREFIX>)(?:(?P<cyc><EVERY_CYCLE>|<RELATIVE_CYCLE>|<ON_DAY>)的?)?"
        r"<POINT>(?:<CLOCK>)?(?P<ev><EVENT_PHRASE>)?"
    ),
    # 次月5日发放, 下月初完成, 下周一提交 (a stated point of the next cycle)
    "next_point": (r"(?P<cyc><NEXT_CYCLE>)的?<POINT>(?:<CLOCK>)?(?P<ev><EVENT_PHRASE>)?"),
    # 发工资前一天, 出车前, 验收前, 合同结束前90天, 到期前30天
    "event_before": (
        r"(?P<ev><EVENT_PHRASE>)(?P<rel><BEFORE>)"
        r"(?:(?P<off><DURATION>)(?![<NOT_AFTER_UNIT>内]))?"
    ),
    # 入职7天内, 会议结束后两天内, 收到客户投诉后24小时内
    "event_within": (
        r"(?P<ev>(?P<lex><EVENT_PHRASE>)|(?P<trig><TRIGGER>[^\s,.;:!?()、。；：！？]{0,8}?))"
        r"(?P<hou>之后|以后|后)?<DURATION>(?P<rel><WITHIN>)(?!<NOT_AFTER_WINDOW>)"
    ),
    # 三天之内, 一周内, 48小时内, 十个工作日内 (近三年内 looks back: no deadline)
    "window": r"(?<![近每隔第<NUMERIC>])<DURATION>(?P<rel><WITHIN>)(?!<NOT_AFTER_WINDOW>)",
    # 4小时回复, 24小时响应
    "window_verb": r"(?<![近每隔第前后<NUMERIC>])<DURATION>(?P<verb><RESPONSE_VERB>)",
    # 当日完成, 次日上报, 当天之内
    "on_day": r"(?<!每)(?P<word><ON_DAY>)(?:(?P<rel><WITHIN>)|(?=<ON_VERB>))",
    # 第一时间, 立即, 马上, 尽快
    "asap": r"(?P<word><ASAP>)",
    # 营业结束后, 下班后, 活动结束后
    "after_event": (
        r"(?P<ev>(?:<EVENT_NOUN>)?<AFTER_EVENT>)(?:之后|以后|后)(?![期续勤台面果方来者悔盾备])"
    ),
    # 提前三天, 提前一周
    "advance": r"提前(?:<DURATION>)(?![<NOT_AFTER_UNIT>内])",
}

STATIC: dict[str, str] = {
    "NUM": NUM,
    "QTY": QTY,
    "NUMERIC": NUMERIC,
    "WEEK": WEEK,
    "WD": WD,
    "SEP": SEP,
    "RSEP": RSEP,
    "WEEKDAYS": WEEKDAYS,
    "DAYS": DAYS,
    "ORDINAL": ORDINAL,
    "MONTH_PART": MONTH_PART,
    "MONTHS": MONTHS,
    "YEAR_PART": YEAR_PART,
    "QUARTER_PART": QUARTER_PART,
    "CLOCK": CLOCK,
    "EVERY": EVERY,
    "EVERY_ANCHORED": EVERY_ANCHORED,
    "COUNT": COUNT,
    "GAP": GAP,
    "EVERY_CYCLE": EVERY_CYCLE,
    "POINT": POINT,
    "EVENT_PHRASE": EVENT_PHRASE,
    "DURATION": DURATION,
}

_PLACEHOLDER = compiled(r"<([A-Z_]+)>")


def alternation(words: Iterable[str]) -> str:
    """Longest-first alternation of literal words: `(?:季度|周|月)`."""
    unique = sorted(set(words), key=lambda word: (-len(word), word))
    return "(?:" + "|".join(re.escape(word) for word in unique) + ")"


def _guarded(word: str, not_before: str, not_after: str) -> str:
    """`word` unless another word runs into it: `(?<![规约])定时(?![间器])`."""
    before = f"(?<![{re.escape(not_before)}])" if not_before else ""
    after = f"(?![{re.escape(not_after)}])" if not_after else ""
    return before + re.escape(word) + after


def _kind_words(kinds: dict[str, dict[str, str]]) -> str:
    """定期 / 随时 / 时刻 …, longest first, each with its guards."""
    ordered = sorted(kinds.items(), key=lambda item: -len(item[0]))
    guarded = (_guarded(word, spec["not_before"], spec["not_after"]) for word, spec in ordered)
    return "(?:" + "|".join(guarded) + ")"


def _before(words: list[str], not_after_qian: list[str]) -> str:
    """之前 / 以前 / 前, where a lone 前 must not start a word (前期, 前台, 前提下)."""
    guard = "(?!" + alternation(not_after_qian) + ")"
    ordered = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) + (guard if w == "前" else "") for w in ordered) + ")"


def _not_after_window(words: dict[str, Any]) -> str:
    """What may not follow a window: a word it starts (内部), or, within the clause, a
    requirement noun (3年以内相关经验)."""
    clause = r"[^,.;:，。；：、]{0,6}?"
    starts, nouns = alternation(words["not_after_window"]), alternation(words["requirement_nouns"])
    return f"(?:{starts}|{clause}{nouns})"


@cache
def word_lists() -> dict[str, tuple[str, ...]]:
    """The lexicon words of the pieces that are plain alternations, read on first use.
    Gates (gates.py) start from the words themselves."""
    units, cues = table("time_units.toml"), table("time_cues.toml")
    mods, implicit = table("time_modifiers.toml"), table("time_implicit.toml")
    deadline = cues["deadline"]
    return {
        "PERIOD": tuple(units["period"]),
        "WINDOW_UNIT": (*units["period"], *units["window"]),
        "DAILY": tuple(units["daily"]),
        "CYCLE_WORD": tuple(units["cycle_without_unit"]["words"]),
        "ALTERNATE": tuple(units["alternate"]),
        "MOD_BEFORE": tuple(mods["before"]),
        "MOD_AFTER": tuple(mods["after"]),
        "KIND_PLAIN": tuple(cues["kind"]),  # KIND_WORD without its guards
        "BEFORE_PLAIN": tuple(deadline["before"]),  # BEFORE without its guard
        "WITHIN": tuple(deadline["within"]),
        "BEFORE_PREFIX": tuple(deadline["before_prefix"]),
        "BEFORE_SUFFIX": tuple(deadline["before_suffix"]),
        "ASAP": tuple(deadline["asap"]),
        "AFTER_EVENT": tuple(deadline["after_events"]),
        "ON_DAY": tuple(cues["on_day"]),
        "RELATIVE_CYCLE": tuple(cues["relative_cycle"]),
        "NEXT_CYCLE": tuple(word for word, spec in cues["relative_cycle"].items() if spec["cycle"]),
        "NOT_AFTER_PART": tuple(cues["words"]["not_after_part"]),
        "EVENT": lines("time_events.txt"),
        "EVENT_NOUN": lines("time_event_nouns.txt"),
        "TRIGGER": lines("time_event_triggers.txt"),
        "RESPONSE_VERB": lines("time_response_verbs.txt"),
        "ON_VERB": lines("time_on_verbs.txt"),
        "IMPLICIT_PREFIX": tuple(implicit["prefix"]),
        "IMPLICIT_HEAD": tuple(implicit["nouns"]["heads"]),
        "IMPLICIT_ALONE": tuple(implicit["nouns"]["alone"]),
        "IMPLICIT_NOT_AFTER": tuple(implicit["nouns"]["not_after"]),
    }


@cache
def lexicon_pieces() -> dict[str, str]:
    """Pieces made of lexicon words, read on first use."""
    cues, implicit = table("time_cues.toml"), table("time_implicit.toml")
    pieces = {name: alternation(words) for name, words in word_lists().items()}
    pieces.update(
        {
            "KIND_WORD": _kind_words(cues["kind"]),
            "NOT_AFTER_UNIT": re.escape(cues["words"]["not_after_unit"]),
            "NOT_AFTER_WINDOW": _not_after_window(cues["words"]),
            "BEFORE": _before(cues["deadline"]["before"], cues["words"]["not_after_qian"]),
            "IMPLICIT_NOT_BEFORE": re.escape(implicit["nouns"]["not_before"]),
        }
    )
    return pieces


def expand(piece: str) -> str:
    """`piece` with every `<NAME>` replaced, recursively.

    >>> expand("<RSEP>")
    '(?:至|到|[-~])'
    """
    names = {**STATIC, **lexicon_pieces()}
    previous = None
    while previous != piece:
        previous, piece = piece, _PLACEHOLDER.sub(lambda m: names[m.group(1)], piece)
    return piece


@cache
def pattern(name: str) -> regex.Pattern[str]:
    """The compiled pattern of rule `name` (see PATTERNS)."""
    return compiled(expand(PATTERNS[name]))
