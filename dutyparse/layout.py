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
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from dutyparse.labels import cue_label_at, is_cue_label
from dutyparse.lexicons import lines
from dutyparse.markers import Candidate, Context, context_at
from dutyparse.textclean import CLAUSE, SPACE_RUN, line_spans
from dutyparse.vocabulary import SkipReason

_TITLE_MAX = 60
# Clause punctuation that a title, a heading or a TOC entry does not contain.
# A page number closing a TOC entry: `机构设置框图 (1)`, `总则……3`, `总则 .... 3`.
_PAGE_REF = regex.compile(
    r"(?<! )"  # start where a space run starts: linear on long runs
    r"(?:[ ]*\([ ]*[0-9]{1,3}[ ]*\)|[ ]*[.…·]{2,}[ ]*[0-9]{1,3}|[ ]{2,}[0-9]{1,3})[ ]*$"
)
_NON_SPACE = regex.compile(r"[^\s]")
_ENTRY_CLAUSE_END = regex.compile(r"[。;；]")  # a sentence: not a TOC entry
_LINE_CLAUSE_END = regex.compile(r"[。;]")
_PAGE_REF_ENDS = "0123456789)"  # the last character of a (stripped) line ending in one
_TRAILING_PAREN = regex.compile(r"\([^()]*\)$")
_HAN_OR_PAREN = regex.compile(r"[\p{Han}(]")  # what continues a title into a longer name
_LEADING_SEGMENT = regex.compile(r"([^\s]{2,30})[ ]+")
_NEAR_COPY_LINES = 3
_NEAR_COPY_RATIO = 80
_TOC_KEYWORD = regex.compile(r"目[ ]*录|contents", regex.IGNORECASE)
_TOC_ENTRY_MAX = 60
_TOC_UNPAGED_MAX = 40  # a numbered list of titles after `目录`, without page numbers
_TOC_MAX_ENTRIES = 400  # candidates examined after a `目录` keyword
# `1 / 23`: a page counter of a document-sharing site cut into a sentence.
_INLINE_PAGE = regex.compile(r"(?<=\s)[0-9]{1,3}[ ]?/[ ]?[0-9]{1,3}(?=\s)")


@dataclass(frozen=True, slots=True)
class Skip:
    """A span of the text that is not content."""

    start: int
    end: int
    reason: SkipReason


@cache
def _site_suffix() -> regex.Pattern[str]:
    """`- 百度文库` closing a line (the spaces before it: `_site_suffixes`)."""
    names = "|".join(map(regex.escape, lines("site_names.txt")))
    return regex.compile(rf"[-_|][ ]*(?:{names})[ ]*$", regex.MULTILINE | regex.IGNORECASE)


def _site_suffixes(norm: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    r"""Spans of ` - 百度文库` closing a line in `norm[lo:hi]`, with the spaces before it.

    >>> _site_suffixes("岗位职责 - 百度文库\n1、负责")
    [(4, 11)]
    """
    found = []
    for match in _site_suffix().finditer(norm, lo, len(norm) if hi is None else hi):
        start = match.start()
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
    spans = line_spans(norm)
    if not spans or any(c.start == spans[0][0] for c in cands):
        return None
    start, end = spans[0]
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
    return any(c.start == pos for c in cands) or cue_label_at(norm, pos)


def find_skipped(norm: str, title: tuple[int, int] | None, cands: list[Candidate]) -> list[Skip]:
    """Repeated titles, page furniture and tables of contents, in text order."""
    found = (
        _duplicate_titles(norm, title) + _furniture_lines(norm) + _tables_of_contents(norm, cands)
    )
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
            if context_at(norm, start) is not Context.GLUED and not _HAN_OR_PAREN.match(
                norm, end
            ):
                found.append(Skip(start, end, "duplicate_title"))
    return found


def spaced_copies(text: str, word: str, pos: int = 0) -> Iterator[tuple[int, int]]:
    r"""Where `word` (no whitespace in it) stands in `text` from `pos` on, with any
    whitespace between its characters: what `\s*` joining its characters would find,
    left to right, without compiling a pattern per word (one per document took a fifth
    of a short document's parse). The text is searched squeezed, and each copy mapped
    back through the whitespace runs before it.

    >>> list(spaced_copies("岗位说明书\n岗 位 说明\n书", "岗位说明书", 1))
    [(6, 14)]
    """
    tail = text[pos:]
    squeezed = SPACE_RUN.sub("", tail)
    at = squeezed.find(word)
    if not word or at == -1:
        return
    runs = [(m.start(), m.end()) for m in SPACE_RUN.finditer(tail)]
    starts, removed = [], [0]  # squeezed index where each run was, whitespace before it
    for start, end in runs:
        starts.append(start - removed[-1])
        removed.append(removed[-1] + end - start)

    def original(i: int) -> int:  # the squeezed index `i` of a non-space in `tail`
        return pos + i + removed[bisect_right(starts, i)]

    while at != -1:
        yield original(at), original(at + len(word) - 1) + 1
        at = squeezed.find(word, at + len(word))


def _near_copies(norm: str, name: str) -> list[Skip]:
    """Lines right after the title (`name`, spaces removed) that open with a near copy."""
    from rapidfuzz import fuzz  # only documents with a title get here

    found = []
    for start, end in line_spans(norm)[1 : 1 + _NEAR_COPY_LINES]:
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


def _furniture_lines(norm: str) -> list[Skip]:
    """Whole lines of page furniture, and page counters cut into sentences."""
    furniture = _furniture()
    found = [
        Skip(s, e, "furniture") for s, e in line_spans(norm) if furniture.fullmatch(norm, s, e)
    ]
    found += [Skip(m.start(), m.end(), "furniture") for m in _INLINE_PAGE.finditer(norm)]
    found += [
        Skip(start, end, "furniture") for start, end in _site_suffixes(norm)
    ]
    return found


def _tables_of_contents(norm: str, cands: list[Candidate]) -> list[Skip]:
    """A `目录` keyword followed by entries, or ≥ 3 lines ending in page numbers."""
    found = []
    for match in _TOC_KEYWORD.finditer(norm):
        if context_at(norm, match.start()) is Context.GLUED:
            continue
        end = _toc_entries_end(norm, cands, match.end())
        if end > match.end():
            found.append(Skip(match.start(), end, "toc"))
    return found + _page_numbered_runs(norm)


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
    later = [c for c in cands[first : first + _TOC_MAX_ENTRIES] if c.ordered]
    kept = (c for i, c in enumerate(later) if not _is_page_ref(norm, c, later[i + 1 : i + 2]))
    entry = next(kept, None)
    while entry is not None:
        following = next(kept, None)
        yield entry, following
        entry = following


def _is_page_ref(norm: str, c: Candidate, following: list[Candidate]) -> bool:
    """`(12)` closing a TOC entry: only spaces follow it before the next entry."""
    stop = following[0].start if following else len(norm)
    return c.style == "arabic_paren" and not norm[c.end : stop].split("\n", 1)[0].strip()


def _entry_text(norm: str, entry: Candidate, following: Candidate | None) -> str:
    """From a TOC entry's marker to the next entry's marker or the end of its line."""
    stop = following.start if following else len(norm)
    line_end = norm.find("\n", entry.start)
    return norm[entry.start : min(stop, line_end if line_end >= 0 else len(norm))]


def _page_numbered_runs(norm: str) -> list[Skip]:
    """Three or more consecutive short lines that end in a page number."""
    found, run = [], []
    for start, end in [*line_spans(norm), (len(norm), len(norm))]:
        line = norm[start:end]
        if (
            line
            and len(line) <= _TOC_ENTRY_MAX
            and line[-1] in _PAGE_REF_ENDS
            and _PAGE_REF.search(line)
            and not _LINE_CLAUSE_END.search(line)
        ):
            run.append((start, end))
            continue
        if len(run) >= 3:
            found.append(Skip(run[0][0], run[-1][1], "toc"))
        run = []
    return found
