"""Word's automatic numbering (ECMA-376 §17.9), rebuilt as text.

A .docx keeps list numbers out of the paragraph text: a paragraph only says "list 3,
level 1", and `numbering.xml` says how level 1 of list 3 looks (`（%2）`, Chinese
counting, start at 1). Tools that read only the text lose `第一条` and `（二）`; this
module replays the counters in document order, as Word does when it lays the page out:

- lists (`w:num`) that share an abstract definition share counters unless they restart
  it with `w:startOverride` (Word's "continue previous list");
- a level counts up from `w:start`; a deeper level restarts when a shallower one counts;
- `%N` in `w:lvlText` is level N's counter in level N's format (decimal under `w:isLgl`);
- `w:suff` is what follows the number: a tab (the default), a space, or nothing.

Numbers read from the file are clamped to what Word itself uses — list levels 0–8
(ECMA-376 §17.9.3 `w:ilvl`), start values 0–32767 (Word's "Start at" box) — so a
hostile `numbering.xml` cannot ask for `roman(10**12)` or a million list levels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dutyparse.pattern_cache import compiled
from dutyparse.readers.numfmt import fmt

Element = Any  # an lxml element (python-docx's oxml); lxml ships no type stubs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER = compiled(r"%([1-9])")  # `%1` in `第%1条`
_SUFFIX = {"tab": "\t", "space": " ", "nothing": ""}
MAX_LEVEL = 8  # w:ilvl 0–8: nine levels
MAX_START = 32767
# Symbol/Wingdings bullets live in the Private Use Area; show what they look like.
_SYMBOL_BULLETS = {"\uf0b7": "●", "\uf0a7": "■", "\uf0d8": "➢", "\uf076": "◆", "\uf0fc": "√",
                   "\uf06c": "●", "\uf06e": "■", "\uf075": "◆", "\uf0a8": "□"}


def attr(element: Element | None, name: str = "val") -> str | None:
    """The `w:`-namespaced attribute of an element, or None."""
    return None if element is None else element.get(W + name)


@dataclass(frozen=True)
class Level:
    """One level of a list definition (`w:lvl`)."""

    num_fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False  # w:isLgl: every %N shown as decimal
    suffix: str = "\t"
    restart: int | None = None  # w:lvlRestart: restart after this level (0 = never)

    @classmethod
    def parse(cls, lvl: Element) -> Level:
        """A `w:lvl` element as a `Level`."""
        return cls(
            num_fmt=attr(lvl.find(W + "numFmt")) or "decimal",
            text=attr(lvl.find(W + "lvlText")) or "",
            start=_start(attr(lvl.find(W + "start"))),
            legal=lvl.find(W + "isLgl") is not None,
            suffix=_SUFFIX.get(attr(lvl.find(W + "suff")) or "tab", "\t"),
            restart=_int_or_none(attr(lvl.find(W + "lvlRestart"))),
        )


@dataclass
class _List:
    """One `w:num`: which abstract definition, and its overrides."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:startOverride by level
    levels: dict[int, Level] = field(default_factory=dict)  # whole w:lvl overrides


class Numbering:
    """Counters of every list of one document; `label` gives the next number as text.

    Built from the `w:numbering` element and the paragraph styles that carry a list.
    """

    def __init__(self, numbering: Element | None, style_lists: dict[str, str]) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._lists: dict[str, _List] = {}
        self._links: dict[str, str] = {}  # abstract id → style whose list it really is
        self._style_lists = style_lists
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if numbering is not None:
            self._read(numbering)

    def _read(self, numbering: Element) -> None:
        for abstract in numbering.iterfind(W + "abstractNum"):
            key = attr(abstract, "abstractNumId") or ""
            self._abstract[key] = {
                level_number(attr(lvl, "ilvl"), 0): Level.parse(lvl)
                for lvl in abstract.iterfind(W + "lvl")
            }
            link = attr(abstract.find(W + "numStyleLink"))
            if link:
                self._links[key] = link
        for num in numbering.iterfind(W + "num"):
            self._lists[attr(num, "numId") or ""] = _parse_list(num)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number of the next paragraph in list `num_id` at level `ilvl`, with its
        suffix; "" for a list that does not exist or shows no number."""
        lst = self._lists.get(num_id)
        abstract = self._resolve(lst.abstract) if lst else None
        if lst is None or abstract is None:
            return ""
        key = num_id if lst.starts or lst.levels else abstract
        levels = {**self._abstract.get(abstract, {}), **lst.levels}
        counters = self._count(key, num_id, lst, levels, ilvl)
        return _render(levels.get(ilvl, Level()), levels, counters)

    def _resolve(self, abstract: str, depth: int = 0) -> str | None:
        """Follow `w:numStyleLink` to the definition the style points at."""
        style = self._links.get(abstract)
        if style is None or depth > 3:
            return abstract if abstract in self._abstract else None
        num = self._lists.get(self._style_lists.get(style, ""))
        return self._resolve(num.abstract, depth + 1) if num else None

    def _count(
        self, key: str, num_id: str, lst: _List, levels: dict[int, Level], ilvl: int
    ) -> dict[int, int]:
        counters = self._counters.setdefault(key, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for level, start in lst.starts.items():
                counters[level] = start - 1
        start = levels.get(ilvl, Level()).start
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        return counters


def _render(level: Level, levels: dict[int, Level], counters: dict[int, int]) -> str:
    if level.num_fmt == "bullet":
        return _bullet(level.text) + level.suffix if level.text else ""

    def number(match: Any) -> str:  # a regex.Match
        n = int(match.group(1)) - 1
        shown = levels.get(n, Level())
        value = counters.get(n, shown.start)
        return str(value) if level.legal else fmt(shown.num_fmt, value)

    text = _PLACEHOLDER.sub(number, level.text)
    return text + level.suffix if text else ""


def _bullet(symbol: str) -> str:
    return "".join(_SYMBOL_BULLETS.get(c, "●" if "\ue000" <= c <= "\uf8ff" else c) for c in symbol)


def _parse_list(num: Element) -> _List:
    lst = _List(abstract=attr(num.find(W + "abstractNumId")) or "")
    for override in num.iterfind(W + "lvlOverride"):
        ilvl = level_number(attr(override, "ilvl"), 0)
        start = attr(override.find(W + "startOverride"))
        if start is not None:
            lst.starts[ilvl] = _start(start)
        lvl = override.find(W + "lvl")
        if lvl is not None:
            lst.levels[ilvl] = Level.parse(lvl)
    return lst


def level_number(value: str | None, default: int) -> int:
    """A list level (`w:ilvl`) read from the file, within 0–8; `default` when unreadable.

    >>> level_number("2", 0), level_number("²", 0), level_number("99999", 0), level_number(None, 0)
    (2, 0, 8, 0)
    """
    return min(max(_int(value, default), 0), MAX_LEVEL)


def _start(value: str | None) -> int:
    return min(max(_int(value, 1), 0), MAX_START)


def _int(value: str | None, default: int) -> int:
    found = _int_or_none(value)
    return default if found is None else found


def _int_or_none(value: str | None) -> int | None:
    """An ASCII decimal (`int` takes `²`-free Unicode digits and `1_000`; Word does not)."""
    if value is None or not value.strip().lstrip("+-").isascii():
        return None
    try:
        return int(value) if len(value) < 20 else None
    except ValueError:
        return None
