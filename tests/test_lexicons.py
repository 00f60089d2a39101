"""Every data file under dutyparse/lexicons loads, has no duplicate entries, and holds
entries in normalised form (matching runs on normalised text)."""

from __future__ import annotations

from importlib import resources

import pytest

from dutyparse.lexicons import lines, table
from dutyparse.normalize import normalize

FILES = sorted(p.name for p in resources.files("dutyparse.lexicons").iterdir() if p.is_file())
LINE_FILES = [name for name in FILES if name.endswith(".txt")]
TABLE_FILES = [name for name in FILES if name.endswith(".toml")]


@pytest.mark.parametrize("name", LINE_FILES)
def test_line_lexicon_has_no_duplicates(name: str) -> None:
    entries = lines(name)
    assert entries
    assert len(entries) == len(set(entries))


# Pattern files are regular expressions, not words: normal form does not apply.
PATTERN_FILES = {"furniture.txt"}


@pytest.mark.parametrize("name", [n for n in LINE_FILES if n not in PATTERN_FILES])
def test_line_lexicon_is_normalised(name: str) -> None:
    # A pair file (`variant target`) maps raw forms to a target: the target is what
    # matching sees, so the target must be in normal form.
    targets = [entry.split()[-1] for entry in lines(name)]
    assert [t for t in targets if normalize(t) != t] == []


@pytest.mark.parametrize("name", TABLE_FILES)
def test_table_lexicon_loads(name: str) -> None:
    assert table(name)


def test_fold_table_maps_one_char_to_one_char() -> None:
    for group in table("fold.toml").values():
        assert all(len(k) == 1 and len(v) == 1 for k, v in group.items())
