"""Section kinds (issue 4 item 5, SPEC §2): the cue table `section_kinds.toml`, read
through `kind_of`, one test id per row of `corpora/roles/section_kinds.tsv`."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutyparse.classify.section_kind import kind_of, member_list_kind
from dutyparse.lexicons import table
from dutyparse.models import SectionKind

CASES = Path(__file__).resolve().parents[1] / "corpora" / "roles" / "section_kinds.tsv"
ROWS = [
    line.split("\t")
    for line in CASES.read_text("utf-8").splitlines()
    if line and not line.startswith("#")
][1:]


@pytest.mark.parametrize(("heading", "kind", "note"), ROWS, ids=[r[0] for r in ROWS])
def test_kind_case(heading: str, kind: str, note: str) -> None:
    assert kind_of(heading) == (None if kind == "-" else kind), note


def test_every_rule_names_a_section_kind() -> None:
    kinds = set(SectionKind.__args__)  # type: ignore[attr-defined]
    rules = table("section_kinds.toml")["rule"] + table("section_kinds.toml")["member_list"]
    assert all(rule["kind"] in kinds and rule["cues"] for rule in rules)


def test_no_cue_is_listed_twice() -> None:
    cues = [cue for rule in table("section_kinds.toml")["rule"] for cue in rule["cues"]]
    assert len(cues) == len(set(cues))


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("组长:王某(全面工作) 副组长:李某 成员:张某", "other"),
        ("組長：王某 成員：李某", "other"),
        ("组长负责全面工作，成员配合", None),
        ("负责学校安全管理工作", None),
    ],
    ids=["member-list", "member-list-traditional", "no-field-colons", "duty"],
)
def test_member_list(body: str, kind: str | None) -> None:
    assert member_list_kind(body) == kind
