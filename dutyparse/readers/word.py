"""`.docx` → text: paragraphs and tables in body order, Word's automatic list numbers
written back in front of their paragraphs (see `wordnum`).

- a paragraph is one line: its runs (inserted text included, deleted and hidden text
  left out), `w:tab` as a tab, `w:br`/`w:cr` as a line break;
- a table row is one line of tab-separated cells (a cell with several paragraphs keeps
  its line breaks), so `岗位职责 | 1、…` reads `岗位职责\\t1、…`; vertically merged
  continuation cells are left out;
- content controls (`w:sdt`) are read through; headers, footers and comments are not
  (page furniture). Needs python-docx: `pip install 'dutyparse[docx]'`.

The zip is vetted by `zipguard` before python-docx sees it (zip bombs, DTDs), and the
text stops with `text_too_large` as soon as it passes `Limits.max_chars`. A package
python-docx cannot open, or whose parts are not the shape WordprocessingML gives them,
is `corrupt`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from dutyparse.readers.errors import ReadError, library_error, missing_extra
from dutyparse.readers.limits import DEFAULT_LIMITS, Limits, join_limited
from dutyparse.readers.wordnum import Element, Numbering, W, attr, level_number
from dutyparse.readers.zipguard import check_package

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees with no visible text of the paragraph: properties, deletions, field codes,
# and the VML fallback copy of a text box.
_SKIP = frozenset(
    W + tag for tag in ("pPr", "rPr", "del", "moveFrom", "instrText", "delText")
) | {_MC_FALLBACK}
_BREAKS = frozenset((W + "br", W + "cr"))


def read(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """The text of a .docx file's body, numbering included."""
    try:
        import docx
    except ImportError as exc:
        raise missing_extra("docx", ".docx") from exc
    check_package(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        styles = _paragraph_styles(document)
        numbering = Numbering(_numbering_element(document), _style_lists(styles))
        return join_limited("\n", _blocks(document.element.body, _Context(numbering, styles)),
                            limits)
    except ReadError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own
        raise ReadError("corrupt", f"not a readable .docx file ({library_error(exc)})") from exc


class _Context:
    """What every paragraph needs: the list counters and the list of each style."""

    def __init__(self, numbering: Numbering, styles: dict[str, tuple[str | None, Element]]):
        self.numbering = numbering
        self.styles = styles  # styleId → (basedOn, w:style)
        self.default_style = next(
            (sid for sid, (_, el) in styles.items() if attr(el, "default") in ("1", "true")), None
        )

    def label(self, p: Element) -> str:
        """The automatic number of paragraph `p`, or ""."""
        num_pr = _num_pr(p.find(W + "pPr"))
        style = attr(p.find(f"{W}pPr/{W}pStyle")) or self.default_style
        style_pr = self._style_num_pr(style)
        num_id = attr(num_pr.find(W + "numId")) if num_pr is not None else None
        ilvl = attr(num_pr.find(W + "ilvl")) if num_pr is not None else None
        if style_pr is not None:
            num_id = num_id or attr(style_pr.find(W + "numId"))
            ilvl = ilvl or attr(style_pr.find(W + "ilvl"))
        if not num_id or num_id == "0":  # numId 0: numbering explicitly removed
            return ""
        return self.numbering.label(num_id, level_number(ilvl, 0))

    def _style_num_pr(self, style: str | None) -> Element | None:
        for _ in range(10):  # basedOn chains are short; a cycle must not hang us
            if style is None or style not in self.styles:
                return None
            based_on, element = self.styles[style]
            found = _num_pr(element.find(W + "pPr"))
            if found is not None:
                return found
            style = based_on
        return None


def _blocks(parent: Element, ctx: _Context) -> Iterator[str]:
    for child in parent.iterchildren():
        if child.tag == W + "p":
            yield ctx.label(child) + "".join(_runs(child))
        elif child.tag == W + "tbl":
            yield from _table(child, ctx)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _blocks(content, ctx)


def _table(tbl: Element, ctx: _Context) -> Iterator[str]:
    for row in tbl.iterfind(W + "tr"):
        cells = [_cell(tc, ctx) for tc in row.iterfind(W + "tc") if not _merged_below(tc)]
        line = "\t".join(cell for cell in cells if cell.strip())
        if line:
            yield line


def _cell(tc: Element, ctx: _Context) -> str:
    return "\n".join(line for line in _blocks(tc, ctx) if line.strip())


def _merged_below(tc: Element) -> bool:
    """A continuation cell of a vertical merge (its text is in the cell above)."""
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    return merge is not None and attr(merge) in (None, "continue")


def _runs(element: Element) -> Iterator[str]:
    for child in element.iterchildren():
        tag = child.tag
        if tag in _SKIP or (tag == W + "r" and _hidden(child)):
            continue
        if tag == W + "t":
            yield child.text or ""
        elif tag == W + "tab":
            yield "\t"
        elif tag in _BREAKS:
            yield "\n"
        elif tag == W + "noBreakHyphen":
            yield "-"
        elif tag == W + "p":  # a paragraph inside a text box
            yield "\n"
            yield from _runs(child)
        else:
            yield from _runs(child)


def _hidden(run: Element) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and attr(vanish) not in ("0", "false")


def _num_pr(p_pr: Element | None) -> Element | None:
    return None if p_pr is None else p_pr.find(W + "numPr")


def _numbering_element(document: Any) -> Element | None:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def _paragraph_styles(document: Any) -> dict[str, tuple[str | None, Element]]:
    styles = document.styles.element
    return {
        attr(s, "styleId") or "": (attr(s.find(W + "basedOn")), s)
        for s in styles.iterfind(W + "style")
        if attr(s, "type") in (None, "paragraph", "numbering")
    }


def _style_lists(styles: dict[str, tuple[str | None, Element]]) -> dict[str, str]:
    """styleId → numId, for `w:numStyleLink` (a list defined through a numbering style)."""
    found: dict[str, str] = {}
    for sid, (_, element) in styles.items():
        num_id = attr(element.find(f"{W}pPr/{W}numPr/{W}numId"))
        if num_id:
            found[sid] = num_id
    return found
