"""`.html` → text, the way a browser shows it: block elements (`p`, `div`, `li`, `tr`,
`br`, headings) end a line, table cells are separated by tabs, runs of white space fold to
one space, `script`/`style`/`head` are dropped, entities are decoded. List items get
the marker the browser draws (`1.` in `<ol>`, `●` in `<ul>`) unless their text already
starts with one, as scraped postings often do (`<li>1、负责…</li>`).

Rules of this module:
- the page is cut into tokens by one regex searched from `<` to `<`, so reading takes
  time linear in the page whatever it holds. The standard library's `html.parser`
  rescans unclosed constructs (CVE-2025-6069): `<!--` × 50,000, 200 kB, took 43 s on
  Python 3.11.7, and `<a ` × 70,000 longer than ten minutes;
- a comment left open runs to the end of the page, as in a browser; a tag left open
  does not: from its `<` on, the rest is shown as text;
- the text is built from pieces and bounded by `Limits.max_chars` as it grows.

>>> read("<h2>岗位职责</h2><ol><li>负责接待</li><li>协助主管</li></ol>".encode())
'岗位职责\\n1. 负责接待\\n2. 协助主管'
"""

from __future__ import annotations

import html

import regex

from dutyparse.pattern_cache import compiled
from dutyparse.readers.limits import DEFAULT_LIMITS, Limits, check_text
from dutyparse.readers.text import decode

_BLOCKS = frozenset(
    ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt",
     "dd", "table", "section", "article", "header", "footer", "blockquote", "pre", "hr", "form",
     "fieldset", "address", "main", "nav", "aside", "figure", "figcaption", "caption")
)
_DROPPED = frozenset(("template", "noscript"))  # their text is not shown
_RAW = frozenset(("script", "style", "title"))  # text up to their end tag is not markup
# What may stand in <head>; any other start tag, or visible text, ends it (WHATWG
# "in head" insertion mode), so a page that never closes its head still shows its body.
_HEAD = frozenset(("head", "meta", "link", "base", "basefont", "bgsound", "noscript",
                   "template", *_RAW))
_CELLS = frozenset(("td", "th"))
_NUMERAL = "[0-9一二三四五六七八九十]+"
# A list item whose text already carries a marker: `1、` `2.` `（一）` `①` `●` …
_OWN_MARKER = compiled(
    rf"\s*(?:{_NUMERAL}[、.．)）]"  # 1、 2. 三）
    rf"|[（(]{_NUMERAL}[)）]"  # （一） (2)
    r"|[①-⑳●■◆·•▪\-])"  # ① ● -
)
# <meta charset="gbk"> or <meta http-equiv=… content="text/html; charset=gb2312">
_META_CHARSET = compiled(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", regex.IGNORECASE)
_SPACES = compiled(r"[ \t\r\n\f]+")  # HTML white space, folded to one space

# One markup token; everything between two tokens is text. Each repetition is
# possessive, so a failed match never backtracks into what it has read.
_QUOTED_OR_PLAIN = r"""(?:"[^"]*+"|'[^']*+'|[^'">])*+"""  # class="a>b" start=3 (quotes hide >)
_TOKEN = compiled(
    r"<!--.*?(?:-->|\Z)"  # <!-- 注释 -->
    r"|<[!?][^>]*+>?"  # <!DOCTYPE html>  <?xml version="1.0"?>  <![CDATA[x]]>
    r"|</(?![A-Za-z])[^>]*+>?"  # </>  </ 3>: a bogus comment
    rf"|<(/?)([A-Za-z][^\s/>]*+)({_QUOTED_OR_PLAIN})>?",  # <ol start="3">  </li>  <br/>
    regex.DOTALL,
)
# One attribute of a start tag: start="3"  start='3'  start=3  reversed
_ATTRIBUTE = compiled(r"""([^\s"'>/=]++)(?:\s*+=\s*+(?:"([^"]*+)"|'([^']*+)'|([^\s>]++)))?""")
# The end of a raw-text element's content: </script>  </STYLE >
_RAW_END = {name: compiled(rf"</{name}\b[^>]*+>?", regex.IGNORECASE) for name in _RAW}
_MAX_START = 10**9  # <ol start=…> at most this: browsers keep it in 32 bits


def read(data: bytes, limits: Limits = DEFAULT_LIMITS) -> str:
    """The visible text of an HTML document."""
    page = _decode(data)
    text = _Text(limits)
    pos = 0
    while pos < len(page):
        token = _TOKEN.search(page, pos)
        if token is None or _unclosed(token):
            text.data(page[pos:])
            break
        text.data(page[pos : token.start()])
        pos = _markup(token, page, text)
    return text.text()


def _unclosed(token: regex.Match[str]) -> bool:
    """A tag or declaration without its `>`: no later one can close either (the first
    one read to the end), so the rest of the page is text — a browser would drop it, but
    a stray `<` (`熟悉<C语言`) must not hide the end of a posting. An unclosed comment
    does hide the rest, as in a browser."""
    return not token.group().endswith(">") and not token.group().startswith("<!--")


def _markup(token: regex.Match[str], page: str, text: _Text) -> int:
    """Apply one markup token to `text`; where reading goes on."""
    end: int = token.end()
    name: str = (token.group(2) or "").lower()
    if not name:  # a comment, a declaration
        return end
    if token.group(1):
        text.end_tag(name)
        return end
    text.start_tag(name, token.group(3))
    if name not in _RAW:
        return end
    close = _RAW_END[name].search(page, end)
    if close is None:  # an unclosed script or style hides the rest, as in a browser;
        return end if name == "title" else len(page)  # an unclosed title is markup
    text.raw(name, page[end : close.start()])
    after: int = close.end()
    return after


def _decode(data: bytes) -> str:
    """Bytes → str: the `<meta charset>` when Python knows it, else detection."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk") else name  # supersets read both
        name = "utf-8" if name.startswith("utf-16") else name  # WHATWG: a meta can't be UTF-16
        try:
            return data.decode(name).replace("\r\n", "\n")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


class _Text:
    """The lines of the page as a browser lays them out, built token by token."""

    def __init__(self, limits: Limits) -> None:
        self._limits = limits
        self._lines: list[str] = []  # finished lines
        self._line: list[str] = []  # pieces of the current line
        self._shown = False  # the current line has visible text
        self._length = 0
        self._head = False  # inside <head>
        self._dropped = 0  # depth inside template/noscript
        self._pre = 0
        self._lists: list[list[int]] = []  # per open list: [next number] or [] for <ul>
        self._pending: str | None = None  # the marker of an <li> not yet written

    def start_tag(self, tag: str, attributes: str) -> None:
        """An opening tag, with the raw text of its attributes."""
        self._head = tag == "head" or (self._head and tag in _HEAD)
        if tag in _DROPPED:
            self._dropped += 1
        elif tag == "pre":
            self._pre += 1
        if tag in _BLOCKS:
            self._newline()
        if tag == "ol":
            self._lists.append([_start(attributes)])
        elif tag == "ul":
            self._lists.append([])
        elif tag == "li":
            self._pending = self._next_marker()
        elif tag in _CELLS and self._shown:
            self._add("\t")

    def end_tag(self, tag: str) -> None:
        """A closing tag."""
        self._head = self._head and tag != "head"
        if tag in _DROPPED:
            self._dropped = max(0, self._dropped - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        elif tag in ("ol", "ul") and self._lists:
            self._lists.pop()
        if tag in _BLOCKS:
            self._newline()

    def data(self, raw: str) -> None:
        """Text between tags, entities not yet decoded."""
        if self._dropped or not raw or (self._head and not raw.strip()):
            return
        self._head = False  # visible text: the body has begun
        data = html.unescape(raw)
        text = data if self._pre else _SPACES.sub(" ", data)
        if not self._shown:
            text = text.lstrip(" ")
        if self._pending is not None and text.strip():
            if not _OWN_MARKER.match(text):
                text = self._pending + text
            self._pending = None
        self._add(text)

    def raw(self, tag: str, content: str) -> None:
        """The content of a raw-text element: only a `<title>` outside the head shows
        (page fragments scraped without their head keep their title; an unclosed one is
        read as ordinary markup)."""
        if tag == "title" and not self._head:
            self.data(content)

    def _add(self, text: str) -> None:
        self._length += len(text)
        check_text(self._length, self._limits)
        self._line.append(text)
        self._shown = self._shown or bool(text.strip())

    def _next_marker(self) -> str:
        if not self._lists or not self._lists[-1]:
            return "● "
        number = self._lists[-1][0]
        self._lists[-1][0] += 1
        return f"{number}. "

    def _newline(self) -> None:
        if self._shown:
            self._lines.append("".join(self._line))
            self._line, self._shown = [], False

    def text(self) -> str:
        """The lines read so far, trailing spaces removed."""
        self._newline()
        return "\n".join(line.rstrip() for line in self._lines if line.strip())


def _start(attributes: str) -> int:
    """The `start` of an `<ol>`: 1 unless it is a plain number a browser would use."""
    for found in _ATTRIBUTE.finditer(attributes):
        if found.group(1).lower() == "start":
            value = html.unescape(next((v for v in found.groups()[1:] if v is not None), ""))
            value = value.strip()
            if value.isascii() and value.isdigit() and len(value) <= len(str(_MAX_START)):
                return min(int(value), _MAX_START)
            return 1
    return 1
