"""Chinese and Arabic numerals (numerals.to_int)."""

from __future__ import annotations

import pytest

from dutyparse.numerals import to_int

CASES = [
    ("一", 1),
    ("十", 10),
    ("十二", 12),
    ("二十", 20),
    ("二十一", 21),
    ("一百零五", 105),
    ("三百", 300),
    ("两", 2),
    ("壹", 1),
    ("拾壹", 11),
    ("壹佰零伍", 105),
    ("廿三", 23),
    ("二〇一二", 2012),
    ("12", 12),
    ("１２", 12),
    ("十十", None),
    ("十百", None),
    ("abc", None),
]


@pytest.mark.parametrize(("numeral", "value"), CASES, ids=[c[0] for c in CASES])
def test_to_int(numeral: str, value: int | None) -> None:
    assert to_int(numeral) == value
