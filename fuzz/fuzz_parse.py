"""A long property run of `parse`: `python fuzz/fuzz_parse.py [N]` (default 100000).

Runs the same properties as tests/test_properties.py (no exception, sane nested spans,
lossless coverage, determinism) over N generated texts and prints how many it ran.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import dutyparse
from tests.test_lossless import coverage_errors
from tests.test_properties import check_spans, texts

COUNT = [0]


def main(examples: int) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(texts)
    def run(text: str) -> None:
        COUNT[0] += 1
        doc = dutyparse.parse(text)
        check_spans(doc, text)
        assert coverage_errors(text) == []
        assert doc.model_dump_json() == dutyparse.parse(text).model_dump_json()

    run()
    print(f"{COUNT[0]} generated inputs, no failure")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
