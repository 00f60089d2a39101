"""`textclean`'s `re` classes read whitespace exactly as `regex` does."""

from __future__ import annotations

import re

import regex

from dutyparse.textclean import NON_WS, WS


def test_ws_classes_are_regex_whitespace() -> None:
    space = regex.compile(r"\s")
    ws, non_ws = re.compile(WS), re.compile(NON_WS)
    differ = [
        hex(code)
        for code in range(0x10000)  # every Unicode space is in the BMP
        if bool(ws.match(ch := chr(code))) != bool(space.match(ch))
        or bool(non_ws.match(ch)) == bool(space.match(ch))
    ]
    assert differ == []
