"""The organisation a document names (SPEC §3 `organization`).

An organisation is a proper name before an organisation ending (`lexicons/org_suffixes.txt`):
`岚皋县民主烟花爆竹有限责任公司`, `珠海城市职业技术学院`, `云栖度假酒店`. The name runs
back from the ending over Han letters, Latin letters and digits, and stops after a word
that never sits inside a name (`org_breakers.txt`: `与|快递公司`). It is accepted when

- it opens with a place (`北京`, `南京市`, `岚皋县`) and has more after it, or
- it opens the document's first line, where titles name their organisation
  (`青禾实验小学校园安全工作责任制`), and is more than a line of business (`商贸公司`), or
- it stands on its own elsewhere (start of a line, after a space or punctuation) and ends
  with a line of business (`org_generic.txt`) after a proper part of two characters or
  more (`金第|房地产`), the way Chinese company names are formed;

and never when it reads as a description (`国内…行业龙头集团`, `各分子公司`) or is a
placeholder (`XX公司`). A branch right after it belongs to it (`…商业银行临江支行`). The
first accepted name in the text wins.

>>> find_organization("附件: 珠海城市职业技术学院机构设置 负责与快递公司联系")
'珠海城市职业技术学院'
>>> find_organization("商贸公司岗位职责 向公司汇报") is None
True
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import regex

from dutyparse.classify.matchform import fold, squeeze
from dutyparse.lexicons import lines
from dutyparse.pattern_cache import compiled

_NAME_MAX = 20
# The run of name characters that ends right before an organisation ending.
_NAME_RUN = compiled(r"[\p{Han}A-Za-z0-9]+$")
# A place written with its level at the start of a name: `南京市`, `岚皋县`, `广东省`.
_PLACE_LEVEL = compiled(r"^\p{Han}{2,3}?(?:省|市|县|区)")
# A branch right after an organisation: `…商业银行` + `临江支行`, `…公司` + `上海分公司`.
_BRANCH = compiled(r"\p{Han}{1,6}?(?:支行|分行|分公司|分院|分店|分校)")
# A placeholder name: `XX`, `某某`, `***`.
_PLACEHOLDER = compiled(r"^[XxＸ某*○〇]+$")


def _alternation(name: str) -> str:
    return "|".join(regex.escape(w) for w in sorted(lines(name), key=len, reverse=True))


@cache
def _ending() -> re.Pattern[str]:
    return re.compile(f"(?:{_alternation('org_suffixes.txt')})")


@cache
def _breaker() -> regex.Pattern[str]:
    return compiled(f"(?:{_alternation('org_breakers.txt')}|{_ending().pattern})")


@cache
def _industry() -> re.Pattern[str]:
    return re.compile(f"(?:{_alternation('org_generic.txt')})+$")


def _place_length(name: str) -> int:
    """Length of the place a name opens with, 0 when none."""
    found = _PLACE_LEVEL.match(name)
    if found:
        return int(found.end())
    places = _places()
    return max((n for n in places.lengths if name[:n] in places.names), default=0)


class _Places(NamedTuple):
    names: frozenset[str]
    lengths: tuple[int, ...]  # of the names, longest first


@cache
def _places() -> _Places:
    """The places of `places.txt`, looked up by length (a name's prefix of each)."""
    names = frozenset(lines("places.txt"))
    return _Places(names, tuple(sorted({len(name) for name in names}, reverse=True)))


def _descriptive(name: str) -> bool:
    words = lines("org_descriptive.txt")
    return name.startswith(words) or any(len(w) > 1 and w in name for w in words)


def _name_start(folded: str, end: int) -> tuple[int, bool]:
    """Where the name before `end` starts, and whether it stands on its own."""
    window = max(0, end - _NAME_MAX)
    run = _NAME_RUN.search(folded, window, end)
    if run is None:
        return end, False
    start = run.start()
    breaks = [m.end() for m in _breaker().finditer(folded, start, end, overlapped=True)]
    cut = max(breaks, default=start)
    return cut, cut == start and not (start == window and window > 0)


def _accepts(name: str, on_its_own: bool, opens_title: bool) -> bool:
    if len(name) < 2 or _PLACEHOLDER.match(name) or _descriptive(name):
        return False
    place = _place_length(name)
    if place:
        return len(name) - place >= 2
    proper = _industry().sub("", name)
    if opens_title:
        return len(proper) >= 2 and not _PLACEHOLDER.match(proper)
    return on_its_own and proper != name and len(proper) >= 2 and not _PLACEHOLDER.match(proper)


def find_organization(text: str, folded: str | None = None) -> str | None:
    """The first organisation named in `text`, as written (whitespace removed); `folded`
    is `fold(text)`, when the caller has it."""
    folded = fold(text) if folded is None else folded
    title_start = len(folded) - len(folded.lstrip())
    for ending in _ending().finditer(folded):
        start, on_its_own = _name_start(folded, ending.start())
        if _accepts(folded[start : ending.start()], on_its_own, start == title_start):
            branch = _BRANCH.match(folded, ending.end())
            return squeeze(text[start : branch.end() if branch else ending.end()])
    return None
