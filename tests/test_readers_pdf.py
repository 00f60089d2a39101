"""The .pdf reader: a text layer holding Chinese comes back as text, page by page; a
PDF without text, a damaged one and a missing `pdf` extra are one-line errors.

Fixtures are drawn here with reportlab and its built-in CID font `STSong-Light`
(Adobe-GB1, no font file needed), which is how many Chinese PDFs are made.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import dutyparse
from dutyparse.readers import ReadError, read_bytes, read_path
from tests.conftest import hide_module

pytest.importorskip("pypdf")
canvas = pytest.importorskip("reportlab.pdfgen.canvas")
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402

PAGES = [
    ["仓储主管岗位职责", "1、每周一主持召开仓储例会；", "2、每月28号之前汇总库存盘点结果。"],
    ["3、發生貨損時第一時間到場處理。"],  # Traditional characters, second page
]


def build_pdf(path: Path, pages: list[list[str]] = PAGES) -> Path:
    """A PDF whose text layer holds `pages`, one drawString per line."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    for lines in pages:
        pdf.setFont("STSong-Light", 12)
        for row, line in enumerate(lines):
            pdf.drawString(72, 760 - 20 * row, line)
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pdf(tmp_path_factory.mktemp("pdf") / "jd.pdf")


def test_text_layer_is_read(pdf_file: Path) -> None:
    assert read_path(pdf_file) == "\n".join(line for page in PAGES for line in page)


def test_parsed_from_pdf(pdf_file: Path) -> None:
    doc = dutyparse.parse(read_path(pdf_file))
    assert doc.title == "仓储主管岗位职责"
    items = doc.iter_items()
    assert [i.marker for i in items] == ["1、", "2、", "3、"]
    assert items[1].deadline[0].day == 28


def test_stdin_bytes_are_sniffed(pdf_file: Path) -> None:
    assert read_bytes(pdf_file.read_bytes()).startswith("仓储主管岗位职责")


def test_scanned_pdf_has_no_text(tmp_path: Path) -> None:
    pdf = canvas.Canvas(str(tmp_path / "scan.pdf"))
    pdf.rect(72, 600, 200, 100, fill=1)  # an "image": no text at all
    pdf.showPage()
    pdf.save()
    with pytest.raises(ReadError) as caught:
        read_path(tmp_path / "scan.pdf")
    assert caught.value.code == "no_text"


def test_damaged_pdf(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nthis is not a pdf body")
    with pytest.raises(ReadError) as caught:
        read_path(bad)
    assert caught.value.code in ("corrupt", "no_text")


def test_missing_extra_names_it(pdf_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hide_module(monkeypatch, "pypdf")
    with pytest.raises(ReadError) as caught:
        read_path(pdf_file)
    assert caught.value.code == "missing_extra"
    assert "pip install 'dutyparse[pdf]'" in str(caught.value)
