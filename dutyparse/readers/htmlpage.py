"""`.html` → text, the way a browser shows it: block elements (`p`, `div`, `li`, `tr`,
`br`, headings) end a line, table cells are separated by tabs, runs of white space fold to
one space, `script`/`style`/`head` are dropped, entities are decoded. List items get
the marker the browser draws (`1.` in `<ol>`, `●` in `<ul>`) unless their text already
starts with one, as scraped postings often do (`<li>1、负责…</li>`).

>>> read("<h2>岗位职责</h2><ol><li>负责接待</li><li>协助主管</li></ol>".encode())
'岗位职责\\n1. 负责接待\\n2. 协助主管'
"""

from __future__ import annotations

from html.parser import HTMLParser

import regex

from dutyparse.readers.text import decode

_BLOCKS = frozenset(
    ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt",
     "dd", "table", "section", "article", "header", "footer", "blockquote", "pre", "hr", "form",
     "fieldset", "address", "main", "nav", "aside", "figure", "figcaption", "caption")
)
_DROPPED = frozenset(("script", "style", "head", "template", "noscript"))
_CELLS = frozenset(("td", "th"))
_NUMERAL = "[0-9一二三四五六七八九十]+"
# A list item whose text already carries a marker: `1、` `2.` `（一）` `①` `●` …
_OWN_MARKER = regex.compile(
    rf"\s*(?:{_NUMERAL}[、.．)）]"  # 1、 2. 三）
    rf"|[（(]{_NUMERAL}[)）]"  # （一） (2)
    r"|[①-⑳●■◆·•▪\-])"  # ① ● -
)
# <meta charset="gbk"> or <meta http-equiv=… content="text/html; charset=gb2312">
_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", regex.IGNORECASE)
_SPACES = regex.compile(r"[ \t\r\n\f]+")  # HTML white space, folded to one space


def read(data: bytes) -> str:
    """The visible text of an HTML document."""
    parser = _Text()
    parser.feed(_decode(data))
    parser.close()
    return parser.text()


def _decode(data: bytes) -> str:
    """Bytes → str: the `<meta charset>` when Python knows it, else detection."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk") else name  # supersets read both
        try:
            return data.decode(name).replace("\r\n", "\n")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[str] = [""]
        self._dropped = 0  # depth inside script/style/head
        self._pre = 0
        self._lists: list[list[int]] = []  # per open list: [next number] or [] for <ul>
        self._pending: str | None = None  # the marker of an <li> not yet written

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self._dropped += 1
        elif tag == "pre":
            self._pre += 1
        if tag in _BLOCKS:
            self._newline()
        if tag == "ol":
            self._lists.append([_start(attrs)])
        elif tag == "ul":
            self._lists.append([])
        elif tag == "li":
            self._pending = self._next_marker()
        elif tag in _CELLS and self._lines[-1].strip():
            self._lines[-1] += "\t"

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self._dropped = max(0, self._dropped - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        elif tag in ("ol", "ul") and self._lists:
            self._lists.pop()
        if tag in _BLOCKS:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self._dropped:
            return
        text = data if self._pre else _SPACES.sub(" ", data)
        if not self._lines[-1].strip():
            text = text.lstrip(" ")
        if self._pending is not None and text.strip():
            if not _OWN_MARKER.match(text):
                text = self._pending + text
            self._pending = None
        self._lines[-1] += text

    def _next_marker(self) -> str:
        if not self._lists or not self._lists[-1]:
            return "● "
        number = self._lists[-1][0]
        self._lists[-1][0] += 1
        return f"{number}. "

    def _newline(self) -> None:
        if self._lines[-1].strip():
            self._lines.append("")

    def text(self) -> str:
        """The lines read so far, trailing spaces removed."""
        return "\n".join(line.rstrip() for line in self._lines if line.strip())


def _start(attrs: list[tuple[str, str | None]]) -> int:
    value = dict(attrs).get("start") or "1"
    return int(value) if value.isdigit() else 1
