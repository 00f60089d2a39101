"""Alternations of literal words, longest first, written as a trie.

`总经理|总监|总` makes the regex engine try every word at every position; the same
alternation written as a trie, `总(?:经理|监)?`, tries one branch per character. Both
match the same words in the same order — the longest word that lets the whole pattern
match, then shorter ones on backtracking — because the words that can match at one
position are prefixes of each other, and a trie node tries its longer continuations
before it stops (`?` is greedy). So a trie may stand wherever a longest-first
alternation stood, with the same matches.

The branches of a node start with different characters, so at most one of them can
match and their order changes nothing but speed: the engine tries them one by one, and
the branches holding more words come first.

>>> alternation(["总经理", "总监", "经理", "总"])
'总(?:监|经理)?|经理'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Trie = dict[str, "_Trie"]
_END = ""  # key marking that a word ends at a node


def alternation(words: Iterable[str]) -> str:
    """Alternatives (not grouped) matching any of `words`, longest first."""
    root: _Trie = {}
    for word in words:
        if not word:
            continue  # an empty word would make the whole alternation optional
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return "|".join(_branches(root))


def _branches(node: _Trie) -> list[str]:
    chars = sorted((ch for ch in node if ch != _END), key=lambda ch: (-_size(node[ch]), ch))
    return [re.escape(ch) + _tail(node[ch]) for ch in chars]


def _size(node: _Trie) -> int:
    """How many words end at or below `node`."""
    return sum(_size(child) if ch != _END else 1 for ch, child in node.items())


def _tail(node: _Trie) -> str:
    """What may follow the character leading to `node`; optional when a word ends there."""
    branches = _branches(node)
    if not branches:
        return ""
    if len(branches) > 1:
        body, atom = "(?:" + "|".join(branches) + ")", True
    else:
        body, atom = branches[0], len(branches[0]) == 1
    if _END not in node:
        return body
    return f"{body}?" if atom else f"(?:{body})?"
