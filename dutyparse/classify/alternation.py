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
    return "|".join(_branches(root)[0])


def _branches(node: _Trie) -> tuple[list[str], int]:
    """The branches of `node`, those holding more words first; and how many words end at
    or below it (each node's count is made once, from its children's)."""
    size, ranked = int(_END in node), []
    for ch, child in node.items():
        if ch == _END:
            continue
        run = ch
        while len(child) == 1 and _END not in child:  # a chain of one-way nodes: `理` of 经理
            [(next_ch, child)] = child.items()
            run += next_ch
        tail, below = _tail(child)
        escaped = run if run.isalnum() else re.escape(run)  # letters and digits stay as they are
        ranked.append((-below, ch, escaped + tail))
        size += below
    ranked.sort()
    return [branch for _, _, branch in ranked], size


def _tail(node: _Trie) -> tuple[str, int]:
    """What may follow the character leading to `node`, optional when a word ends there;
    and how many words end at or below `node`."""
    branches, size = _branches(node)
    if not branches:
        return "", size
    if len(branches) > 1:
        body, atom = "(?:" + "|".join(branches) + ")", True
    else:
        body, atom = branches[0], len(branches[0]) == 1
    if _END not in node:
        return body, size
    return (f"{body}?" if atom else f"(?:{body})?"), size
