"""The public API: parse, models, JSON output, determinism."""

from __future__ import annotations

import json
import subprocess
import sys

import dutyparse
from dutyparse.models import Document

SAMPLE = "客服专员\n岗位职责：\n1、每日回访客户；\n2、整理投诉记录\n任职要求：\n1、普通话标准"


def test_parse_returns_document_with_source() -> None:
    doc = dutyparse.parse(SAMPLE, source="a.txt")
    assert isinstance(doc, Document)
    assert doc.source == "a.txt"
    assert doc.title == "客服专员"
    assert [s.title for s in doc.sections] == ["岗位职责", "任职要求"]
    assert [s.level for s in doc.sections] == [1, 1]


def test_empty_and_blank_input_give_empty_documents() -> None:
    for text in ("", " \n\u3000\n"):
        doc = dutyparse.parse(text)
        assert (doc.title, doc.sections, doc.items, doc.skipped) == (None, [], [], [])


def test_json_round_trip() -> None:
    doc = dutyparse.parse(SAMPLE)
    assert Document.model_validate_json(doc.model_dump_json()) == doc


def test_same_input_same_bytes() -> None:
    assert dutyparse.parse(SAMPLE).model_dump_json() == dutyparse.parse(SAMPLE).model_dump_json()


def test_same_bytes_across_processes_and_hash_seeds() -> None:
    script = (
        "import sys, dutyparse; "
        "sys.stdout.write(dutyparse.parse(sys.stdin.read()).model_dump_json())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            input=SAMPLE,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"},
        ).stdout
        for seed in ("0", "1", "12345")
    }
    assert len(outputs) == 1


def test_every_span_is_inside_the_text_and_children_inside_parents() -> None:
    doc = dutyparse.parse(SAMPLE)
    for section in doc.iter_sections():
        assert 0 <= section.start <= section.title_end <= section.end <= len(SAMPLE)
        for item in section.items:
            assert section.start <= item.start <= item.end <= section.end
        for child in section.sections:
            assert section.start <= child.start <= child.end <= section.end


def test_schema_has_a_description_for_every_field() -> None:
    schema = Document.model_json_schema()
    missing = [
        f"{name}.{field}"
        for name, model in schema["$defs"].items()
        for field, spec in model.get("properties", {}).items()
        if "description" not in spec
    ]
    assert missing == []


def test_public_names() -> None:
    assert set(dutyparse.__all__) >= {"parse", "Document", "Item", "Section", "DutyparseError"}
    assert json.loads(dutyparse.parse("").model_dump_json())["sections"] == []


def test_number_gap_is_reported() -> None:
    doc = dutyparse.parse("岗位职责\n1、负责接待\n3、负责回访")
    assert [(w.code, w.start) for w in doc.warnings] == [("number_gap", 12)]


def test_text_without_structure_is_reported() -> None:
    doc = dutyparse.parse("只是一段说明文字。")
    assert [w.code for w in doc.warnings] == ["no_structure"]
    assert [i.text for i in doc.items] == ["只是一段说明文字。"]


def test_public_names_are_all_reachable() -> None:
    assert sorted(dutyparse.__all__) == sorted(dutyparse._HOME)
    for name in dutyparse.__all__:
        assert getattr(dutyparse, name).__name__ == name


def test_import_defers_the_parser_until_first_use() -> None:
    code = (
        "import sys, dutyparse; print('dutyparse.api' in sys.modules);"
        "dutyparse.parse('1、负责'); print('dutyparse.api' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_parse_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    assert gc.isenabled()
    dutyparse.parse(SAMPLE)
    assert gc.isenabled()
    gc.disable()
    try:
        dutyparse.parse(SAMPLE)
        assert not gc.isenabled()
    finally:
        gc.enable()
