"""The parser's records (`dutyparse.records`) against the output models: the same
fields, the same JSON byte for byte, and a command line that never loads pydantic."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic_core import PydanticUndefined

from dutyparse import models, records
from dutyparse.api import parse, parse_record
from tests.conftest import ROOT, corpus_docs, shared_docs
from tests.test_properties import texts

PAIRS = [
    (records.Span, models.Span),
    (records.Anchor, models.Anchor),
    (records.Frequency, models.Frequency),
    (records.Deadline, models.Deadline),
    (records.Mention, models.Mention),
    (records.Item, models.Item),
    (records.Section, models.Section),
    (records.Skipped, models.Skipped),
    (records.Diagnostic, models.Diagnostic),
    (records.Document, models.Document),
]


def _record_defaults(record: type) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for f in dataclasses.fields(record):
        if f.default_factory is not dataclasses.MISSING:
            out.append((f.name, f.default_factory()))
        elif f.default == ():  # an empty list, shared
            out.append((f.name, []))
        else:
            out.append((f.name, None if f.default is dataclasses.MISSING else f.default))
    return out


def _model_defaults(model: type[models.BaseModel]) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for name, info in model.model_fields.items():
        if info.default_factory is not None:
            out.append((name, info.default_factory()))  # type: ignore[call-arg]
        else:
            out.append((name, None if info.default is PydanticUndefined else info.default))
    return out


@pytest.mark.parametrize(("record", "model"), PAIRS, ids=[m.__name__ for _, m in PAIRS])
def test_record_has_the_fields_of_its_model_in_order(record: type,
                                                     model: type[models.BaseModel]) -> None:
    assert _record_defaults(record) == _model_defaults(model)
    required = {f.name for f in dataclasses.fields(record)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    assert required == {name for name, info in model.model_fields.items() if info.is_required()}


def _documents() -> list[Path]:
    return corpus_docs() + shared_docs()


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.stem)
def test_record_json_is_the_model_json(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    model = parse(text, source=path.name)
    record = parse_record(text, source=path.name)
    assert records.dump_json(record) == model.model_dump_json()
    assert models.Document.model_validate_json(model.model_dump_json()) == model  # valid
    assert records.dump_json(record, indent=2) == model.model_dump_json(indent=2)
    assert records.dump_json(records.load_json(records.dump_json(record))) == records.dump_json(
        record
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_record_json_is_the_model_json_for_any_text(text: str) -> None:
    model = parse(text)
    assert records.dump_json(parse_record(text)) == model.model_dump_json()
    assert models.Document.model_validate(model.model_dump()) == model


def test_document_of_uses_up_the_record_part_by_part() -> None:
    record = parse_record("岗位职责：\n1、每周一提交周报，报总经理审批\n附：第 1 页 共 2 页")
    section = record.sections[0]
    doc = models.Document.of(record)
    assert isinstance(record.sections[0], models.Section)  # replaced in place
    assert isinstance(section.items[0], models.Item)
    item = doc.sections[0].items[0]
    assert {type(x) for x in item.frequency} == {models.Frequency}
    assert [type(x) for x in item.mentions] == [models.Mention]
    # every field counts as set, with one set of names per class
    assert item.model_fields_set == set(models.Item.model_fields)
    assert item.mentions[0].model_fields_set is doc.sections[0].items[0].mentions[
        0].model_fields_set


def test_document_of_gives_each_item_lists_of_its_own() -> None:
    doc = models.Document.of(parse_record("1、巡店\n2、盘点"))
    first, second = doc.items
    first.frequency.append(models.Frequency(text="每日", kind="periodic", start=2, end=4))
    assert second.frequency == [] and second.deadline is not first.deadline
    assert models.Document.model_validate(doc.model_dump()) == doc


def test_as_json_data_is_what_the_json_holds() -> None:
    record = parse_record("1、每周二、四巡店，次月5号之前报店长")
    item = record.items[0]
    data = json.loads(records.dump_json(record))["items"][0]
    assert records.as_json_data(item.frequency) == data["frequency"]
    assert records.as_json_data(item.deadline) == data["deadline"]
    assert records.as_json_data(item.mentions) == data["mentions"]
    assert data["frequency"][0]["anchor"]["weekdays"] == [2, 4]


@pytest.mark.parametrize(
    "data",
    ["[]", "3", '{"items": 1}', '{"title": "x", "colour": 1}', '{"items": [{"text": "x"}]}',
     '{"sections": [[]]}', "not json"],
    ids=["list", "number", "items-not-list", "unknown-field", "item-missing-fields",
         "section-not-object", "not-json"],
)
def test_load_json_refuses_what_is_not_a_document(data: str) -> None:
    with pytest.raises(ValueError):
        records.load_json(data)


def test_command_line_parse_never_loads_pydantic() -> None:
    doc = corpus_docs()[0]
    code = (
        "import sys, io, contextlib\n"
        "from dutyparse.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    for fmt in ('json', 'jsonl', 'csv', 'text'):\n"
        f"        assert main(['parse', {str(doc)!r}, '--format', fmt]) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('pydantic')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)  # fmt: skip
    assert done.stdout.strip() == "[]"


def test_iter_json_gives_a_long_document_in_small_pieces() -> None:
    text = "岗位职责：\n" + "".join(f"{i}、每周巡店一次，报店长\n" for i in range(1, 901))
    pieces = list(records.iter_json(parse_record(text)))
    whole = "".join(pieces)
    assert whole == parse(text).model_dump_json()
    assert whole.count('"marker":') == 901  # the section and its 900 items
    assert max(piece.count('"marker":') for piece in pieces) <= records._ITEMS_PER_PIECE < 900
