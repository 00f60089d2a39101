"""What is not content: the title, its repeated copies, page furniture and tables of
contents. Each is found on normalised text and reported as a span of the original.

>>> text = "商贸公司岗位职责\\n\\n商贸公司岗位职责\\n第 1 页 共 3 页\\n一、总则"
>>> title_span(text, [])
(0, 8)
>>> [(s.reason, text[s.start:s.end]) for s in find_skipped(text, (0, 8), [])]
[('duplicate_title', '商贸公司岗位职责'), ('furniture', '第 1 页 共 3 页')]
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from dutyparse.labels import cue_label_at, is_cue_label
from dutyparse.lexicons import lines
from dutyparse.markers import Candidate, Context, context_at
from dutyparse.pattern_cache import compiled
from dutyparse.textclean import CLAUSE, NON_WS, SPACE_RUN, iter_line_spans, line_spans
from dutyparse.vocabulary import SkipReason

_TITLE_MAX = 60
# Clause punctuation that a title, a heading or a TOC entry does not contain.
# A page number closing a TOC entry: `机构设置框图 (1)`, `总则……3`, `总则 .... 3`.
_PAGE_REF = re.compile(
    r"(?<! )"  # start where a space run starts: linear on long runs
    r"(?:[ ]*\([ ]*[0-9]{1,3}[ ]*\)|[ ]*[.…·]{2,}[ ]*[0-9]{1,3}|[ ]{2,}[0-9]{1,3})[ ]*$"
)
_NON_SPACE = re.compile(NON_WS)
_ENTRY_CLAUSE_END = re.compile(r"[。;；]")  # a sentence: not a TOC entry
_LINE_CLAUSE_END = re.compile(r"[。;]")
_PAGE_REF_ENDS = "0123456789)"  # the last character of a (stripped) line ending in one
_TRAILING_PAREN = re.compile(r"\([^()]*\)$")
_HAN_OR_PAREN = compiled(r"[\p{Han}(]")  # what continues a title into a longer name
_LEADING_SEGMENT = re.compile(f"({NON_WS}{{2,30}})[ ]+")
_NEAR_COPY_LINES = 3
_NEAR_COPY_RATIO = 80
# `目录`, `contents`: patterns that each open with a literal character, which `re` skips
# to at memory speed (a class it tests character by character, ten times slower).
_TOC_KEYWORDS = tuple(re.compile(p) for p in (r"目[ ]*录", r"c(?i:ontents)", r"C(?i:ontents)"))
_TOC_ENTRY_MAX = 60
_TOC_UNPAGED_MAX = 40  # a numbered list of titles after `目录`, without page numbers
_TOC_MAX_ENTRIES = 400  # candidates examined after a `目录` keyword
# `1 / 23`: a page counter of a document-sharing site cut into a sentence.
_INLINE_PAGE = compiled(r"(?<=\s)[0-9]{1,3}[ ]?/[ ]?[0-9]{1,3}(?=\s)")


@dataclass(frozen=True, slots=True)
class Skip:
    """A span of the text that is not content."""

    start: int
    end: int
    reason: SkipReason


@cache
def _site_suffix() -> tuple[re.Pattern[str], ...]:
    """`- 百度文库` closing a line (the spaces before it: `_site_suffixes`), one pattern
    per dash: each opens with a literal, which `re` skips to at memory speed."""
    names = "|".join(map(re.escape, lines("site_names.txt")))
    return tuple(
        re.compile(rf"{re.escape(dash)}[ ]*(?:{names})[ ]*$", re.MULTILINE | re.IGNORECASE)
        for dash in "-_|"
    )


def _site_suffixes(norm: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    r"""Spans of ` - 百度文库` closing a line in `norm[lo:hi]`, with the spaces before it.

    >>> _site_suffixes("岗位职责 - 百度文库\n1、负责 _ 豆丁网")
    [(4, 11), (16, 22)]
    """
    hi = len(norm) if hi is None else hi
    found: list[tuple[int, int]] = []
    matches = itertools.chain.from_iterable(p.finditer(norm, lo, hi) for p in _site_suffix())
    for match in sorted(matches, key=lambda m: m.start()):
        start = match.start()
        if found and start < found[-1][1]:
            continue  # inside the last one, as one alternation of the dashes would skip it
        while start > lo and norm[start - 1] == " ":
            start -= 1
        found.append((start, match.end()))
    return found


@cache
def _furniture() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lines("furniture.txt")), re.IGNORECASE)


def title_span(norm: str, cands: list[Candidate]) -> tuple[int, int] | None:
    """The first line, when it reads as the document's name (no marker, no clause).

    >>> title_span("岗位职责:\\n1、负责", []) is None
    True
    """
    first = next(iter_line_spans(norm), None)
    if first is None or _marker_at(cands, first[0]):
        return None
    start, end = first
    suffix = next(iter(_site_suffixes(norm, start, end)), None)
    end = suffix[0] if suffix and suffix[0] > start else end
    if _names_document(norm[start:end]):
        return start, end
    head = _LEADING_SEGMENT.match(norm, start, end)  # `行政人事专员 (一)主要职责: …`
    if head and _names_document(head.group(1)) and _opens_content(norm, head.end(), cands):
        return start, head.end(1)
    return None


def _names_document(line: str) -> bool:
    """Short, no clause punctuation, no closing colon, not a generic section label."""
    return (
        len(line) <= _TITLE_MAX
        and not CLAUSE.search(line)
        and ":" not in line
        and not is_cue_label(line)
    )


def _opens_content(norm: str, pos: int, cands: list[Candidate]) -> bool:
    """A marker, or a cue label with its colon, starts at `pos`."""
    return _marker_at(cands, pos) or cue_label_at(norm, pos)


def _marker_at(cands: list[Candidate], pos: int) -> bool:
    """A candidate (`cands` in text order) starts at `pos`."""
    i = bisect_left(cands, pos, key=lambda c: c.start)
    return i < len(cands) and cands[i].start == pos


def find_skipped(norm: str, title: tuple[int, int] | None, cands: list[Candidate]) -> list[Skip]:
    """Repeated titles, page furniture and tables of contents, in text order."""
    spans = line_spans(norm)
    found = _duplicate_titles(norm, title) + _furniture_lines(norm, spans)
    found += _tables_of_contents(norm, cands) + _page_numbered_runs(norm, spans)
    return _disjoint(sorted(found, key=lambda s: (s.start, -s.end)), title)


def _disjoint(skips: list[Skip], title: tuple[int, int] | None) -> list[Skip]:
    kept: list[Skip] = []
    for skip in skips:
        if title and skip.start < title[1] and skip.end > title[0]:
            continue
        if kept and skip.start < kept[-1].end:
            continue
        kept.append(skip)
    return kept


def _title_variants(name: str) -> list[str]:
    """The title (spaces removed), and without a trailing `(…)` (a date stamp,
    `(征求意见稿)`)."""
    short = _TRAILING_PAREN.sub("", name)
    return [name, short] if short != name and len(short) >= 4 else [name]


def _duplicate_titles(norm: str, title: tuple[int, int] | None) -> list[Skip]:
    """Copies of the title at a line start (spaces inside ignored), and near copies
    opening the lines right after it (`公司组织架构图及各部门职责`)."""
    if title is None:
        return []
    name = SPACE_RUN.sub("", norm[title[0] : title[1]])
    found = _near_copies(norm, name)
    for variant in _title_variants(name):
        for start, end in spaced_copies(norm, variant, title[1]):
            if context_at(norm, start) is not Context.GLUED and not _HAN_OR_PAREN.match(norm, end):
                found.append(Skip(start, end, "duplicate_title"))
    return found


def spaced_copies(text: str, word: str, pos: int = 0) -> Iterator[tuple[int, int]]:
    r"""Where `word` (no whitespace in it) stands in `text` from `pos` on, with any
    whitespace between its characters: what `\s*` joining its characters would find,
    left to right, without compiling a pattern per word (one per document took a fifth
    of a short document's parse). The text is searched squeezed, and each copy mapped
    back block by block.

    >>> list(spaced_copies("岗位说明书\n岗 位 说明\n书", "岗位说明书", 1))
    [(6, 14)]
    """
    squeezed = text[pos:].replace(" ", "").replace("\n", "")
    # Normalised text has no other whitespace; any other \s is not printable.
    plain = squeezed.isprintable()
    if not plain:
        squeezed = SPACE_RUN.sub("", squeezed)
    at = squeezed.find(word) if word else -1
    origin = _Unsqueezer(text, pos, plain)
    while at != -1:
        yield origin.at(at), origin.at(at + len(word) - 1) + 1
        at = squeezed.find(word, at + len(word))


class _Unsqueezer:
    """Maps indices into the squeezed `text[pos:]`, asked for in increasing order, back
    to `text`: whole blocks are skipped by their count of non-spaces, and the block
    that holds an index is halved until the index's character is found."""

    _BLOCK = 1024

    def __init__(self, text: str, pos: int, plain: bool) -> None:
        self.text = text
        self.plain = plain  # its only whitespace is spaces and line breaks
        self.block = pos  # where the current block starts in `text`
        self.before = 0  # squeezed characters before it

    def at(self, i: int) -> int:
        """Where the squeezed index `i` (a non-space character) stands in `text`."""
        while True:
            end = min(self.block + self._BLOCK, len(self.text))
            size = self._non_spaces(self.block, end)
            if i < self.before + size:
                break
            self.block, self.before = end, self.before + size
        i -= self.before  # the block's `i`-th non-space: the first place with i + 1 before it
        lo, hi = self.block, end
        while lo < hi:
            mid = (lo + hi) // 2
            if self._non_spaces(self.block, mid + 1) > i:
                hi = mid
            else:
                lo = mid + 1
        return lo

    def _non_spaces(self, start: int, end: int) -> int:
        text = self.text
        if self.plain:
            return end - start - text.count(" ", start, end) - text.count("\n", start, end)
        return len(SPACE_RUN.sub("", text[start:end]))


def _near_copies(norm: str, name: str) -> list[Skip]:
    """Lines right after the title (`name`, spaces removed) that open with a near copy."""
    from rapidfuzz import fuzz  # only documents with a title get here

    found = []
    for start, end in itertools.islice(iter_line_spans(norm), 1, 1 + _NEAR_COPY_LINES):
        head = _LEADING_SEGMENT.match(norm, start, end)
        seg_end = head.end(1) if head else end
        segment = norm[start:seg_end]
        extends = segment.startswith(name) and segment != name  # `财务助理工作` under `财务助理`
        if (
            len(segment) <= _TITLE_MAX
            and not extends
            and fuzz.ratio(segment, name) >= _NEAR_COPY_RATIO
        ):
            found.append(Skip(start, seg_end, "duplicate_title"))
    return found


def _furniture_lines(norm: str, spans: list[tuple[int, int]]) -> list[Skip]:
    """Whole lines (`spans`) of page furniture, and page counters cut into sentences."""
    furniture = _furniture()
    found = [Skip(s, e, "furniture") for s, e in spans if furniture.fullmatch(norm, s, e)]
    found += [Skip(m.start(), m.end(), "furniture") for m in _INLINE_PAGE.finditer(norm)]
    found += [Skip(start, end, "furniture") for start, end in _site_suffixes(norm)]
    return found


def _tables_of_contents(norm: str, cands: list[Candidate]) -> list[Skip]:
    """A `目录` keyword followed by entries, or ≥ 3 lines ending in page numbers."""
    found = []
    keywords = itertools.chain.from_iterable(p.finditer(norm) for p in _TOC_KEYWORDS)
    for match in sorted(keywords, key=lambda m: m.start()):
        if context_at(norm, match.start()) is Context.GLUED:
            continue
        end = _toc_entries_end(norm, cands, match.end())
        if end > match.end():
            found.append(Skip(match.start(), end, "toc"))
    return found


def _toc_entries_end(norm: str, cands: list[Candidate], pos: int) -> int:
    """End of the run of short marked entries that starts right after `pos`.

    With page numbers the run lasts while entries have them; without, while entries
    stay short titles (at least three of them).
    """
    entries = _toc_entries(norm, cands, pos)
    first = next(entries, None)
    if first is None or _NON_SPACE.search(norm, pos, first[0].start):
        return pos
    paged = _PAGE_REF.search(_entry_text(norm, *first)) is not None
    end, count = pos, 0
    for cand, following in itertools.chain([first], entries):
        entry = _entry_text(norm, cand, following)
        if len(entry) > _TOC_ENTRY_MAX + 8 or _ENTRY_CLAUSE_END.search(entry):
            break
        if paged and not _PAGE_REF.search(entry):
            break
        if not paged and len(entry) > _TOC_UNPAGED_MAX:
            break
        end, count = cand.start + len(entry.rstrip()), count + 1
    return end if count and (paged or count >= 3) else pos


def _toc_entries(
    norm: str, cands: list[Candidate], pos: int
) -> Iterator[tuple[Candidate, Candidate | None]]:
    """Numbered candidates after `pos` that are not page numbers (`(12)`), each with the
    next one; made as the caller reads them (a table of contents stops early)."""
    first = bisect_left(cands, pos, key=lambda c: c.start)
    later = (c for c in cands[first : first + _TOC_MAX_ENTRIES] if c.number is not None)
    pairs = itertools.pairwise(itertools.chain(later, [None]))
    kept = (c for c, nxt in pairs if c is not None and not _is_page_ref(norm, c, nxt))
    entry = next(kept, None)
    while entry is not None:
        following = next(kept, None)
        yield entry, following
        entry = following


def _is_page_ref(norm: str, c: Candidate, following: Candidate | None) -> bool:
    """`(12)` closing a TOC entry: only spaces follow it before the next entry."""
    stop = following.start if following else len(norm)
    return c.style == "arabic_paren" and not norm[c.end : stop].split("\n", 1)[0].strip()


def _entry_text(norm: str, entry: Candidate, following: Candidate | None) -> str:
    """From a TOC entry's marker to the next entry's marker or the end of its line."""
    stop = following.start if following else len(norm)
    line_end = norm.find("\n", entry.start)
    return norm[entry.start : min(stop, line_end if line_end >= 0 else len(norm))]


def _page_numbered_runs(norm: str, spans: list[tuple[int, int]]) -> list[Skip]:
    """Three or more consecutive short lines (`spans`) that end in a page number."""
    found, run = [], []
    for start, end in [*spans, (len(norm), len(norm))]:
        if (
            start < end <= start + _TOC_ENTRY_MAX
            and norm[end - 1] in _PAGE_REF_ENDS
            and _PAGE_REF.search(line := norm[start:end])
            and not _LINE_CLAUSE_END.search(line)
        ):
            run.append((start, end))
            continue
        if len(run) >= 3:
            found.append(Skip(run[0][0], run[-1][1], "toc"))
        run = []
    return found
