"""Chinese numerals → int, for list markers and time expressions.

Handles the everyday forms (一 … 九千九百九十九, 〇/零, 两, financial 壹贰叁 … 拾佰仟,
廿/卅) and Arabic digits, full-width included. The grammar is built from named pieces
in the manner of cn2an, compiled once:

>>> to_int("十二"), to_int("二十一"), to_int("壹佰零五"), to_int("１２"), to_int("两")
(12, 21, 105, 12, 2)
"""

from __future__ import annotations

import re

# Financial (大写) and variant digits fold onto the everyday ones before parsing.
_VARIANTS = str.maketrans(
    "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟〇两兩", "一二二三三四五六六七八九十百千零二二"
)
_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}

DIGIT = "零一二三四五六七八九〇两兩壹贰貳叁參肆伍陆陸柒捌玖"
UNIT = "十百千拾佰仟"
# One Chinese numeral: 三, 十二, 二十一, 一百零五, 廿三 (no leading unit except 十).
# One character of a Chinese numeral; bound its repetition where it is used.
CHINESE_CHAR = f"[{DIGIT}{UNIT}廿卅]"
CHINESE = f"(?:{CHINESE_CHAR}+)"
# Arabic digits, ASCII or full-width.
ARABIC = "(?:[0-9０-９]+)"
NUMBER = f"(?:{ARABIC}|{CHINESE})"

_CHINESE_RE = re.compile(f"{CHINESE}")
_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def to_int(numeral: str) -> int | None:
    """Value of an Arabic or Chinese numeral, or None when it is not a well-formed one.

    >>> to_int("三百"), to_int("廿"), to_int("十十")
    (300, 20, None)
    """
    numeral = numeral.strip().translate(_WIDTH)
    if numeral.isascii():
        return int(numeral) if numeral.isdigit() else None
    if not _CHINESE_RE.fullmatch(numeral):
        return None
    return _chinese_value(numeral.translate(_VARIANTS).replace("廿", "二十").replace("卅", "三十"))


def _chinese_value(numeral: str) -> int | None:
    """Positional reading of 一…九, 十, 百, 千, 零; None if units are out of order."""
    if all(ch in _DIGITS for ch in numeral) and len(numeral) > 1:
        return int("".join(str(_DIGITS[ch]) for ch in numeral))  # 二〇一二 → 2012
    total, digit, last_unit = 0, None, 10_000
    for ch in numeral:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0 and digit != 0:
                return None  # 三四 inside a positional numeral
            digit = _DIGITS[ch]
        else:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    return total + (digit or 0)
