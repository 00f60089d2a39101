"""Word's number formats (`w:numFmt`, ECMA-376 §17.18.59) as text, for rebuilding the
automatic numbers (`第%1条`, `（%2）`) that a .docx keeps out of its paragraph text.

One format, one table row; unknown formats fall back to decimal, as Word does.

>>> fmt("chineseCounting", 12), fmt("decimalEnclosedCircle", 3), fmt("upperRoman", 4)
('十二', '③', 'IV')
"""

from __future__ import annotations

from collections.abc import Callable

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = ("", "十", "百", "千")
_CN_LEGAL_UNITS = ("", "拾", "佰", "仟")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"  # ideographTraditional
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"  # ideographZodiac
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def chinese(n: int, digits: str = _CN_DIGITS, units: tuple[str, ...] = _CN_UNITS) -> str:
    """1–9999 in Chinese counting: 10 → 十, 11 → 十一, 105 → 一百零五.

    >>> chinese(10), chinese(21), chinese(105), chinese(12, _CN_LEGAL, _CN_LEGAL_UNITS)
    ('十', '二十一', '一百零五', '壹拾贰')
    """
    if not 0 < n < 10000:
        return str(n)
    out, zero = "", False
    for power in range(3, -1, -1):
        digit = n // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        out += (digits[0] if zero else "") + digits[digit] + units[power]
        zero = False
    short = digits is _CN_DIGITS and 10 <= n < 20  # 十二, but legal 壹拾贰 keeps the 壹
    return out[1:] if short else out


def roman(n: int) -> str:
    """1 → I, 14 → XIV.

    >>> roman(14)
    'XIV'
    """
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def letter(n: int) -> str:
    """1 → A, 26 → Z, 27 → AA (Word repeats the letter).

    >>> letter(1), letter(27)
    ('A', 'AA')
    """
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _enclosed(first: int, last: int) -> Callable[[int], str]:
    return lambda n: chr(first + n - 1) if 1 <= n <= last else str(n)


def _cycle(symbols: str) -> Callable[[int], str]:
    return lambda n: symbols[(n - 1) % len(symbols)] if n > 0 else str(n)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": _enclosed(0x2460, 20),  # ①
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),  # ⒈
    "decimalEnclosedParen": _enclosed(0x2474, 20),  # ⑴
    "upperLetter": letter,
    "lowerLetter": lambda n: letter(n).lower(),
    "upperRoman": roman,
    "lowerRoman": lambda n: roman(n).lower(),
    "chineseCounting": chinese,
    "chineseCountingThousand": chinese,
    "taiwaneseCounting": chinese,
    "taiwaneseCountingThousand": chinese,
    "japaneseCounting": chinese,
    "ideographDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)).replace("零", "〇"),
    "chineseLegalSimplified": lambda n: chinese(n, _CN_LEGAL, _CN_LEGAL_UNITS),
    "ideographLegalTraditional": lambda n: chinese(n, _CN_LEGAL, _CN_LEGAL_UNITS),
    "ideographTraditional": _cycle(_HEAVENLY_STEMS),
    "ideographZodiac": _cycle(_EARTHLY_BRANCHES),
    "none": lambda n: "",
}


def fmt(num_fmt: str, n: int) -> str:
    """The number `n` in Word format `num_fmt` (decimal for formats not in the table)."""
    return _FORMATS.get(num_fmt, str)(n)
