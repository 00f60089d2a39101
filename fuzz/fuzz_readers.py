"""A long fuzz run of every reader: `python fuzz/fuzz_readers.py [N] [READER…]`.

Runs the targets of tests/test_fuzz_readers.py (txt, docx, pdf, html, stdin) N times
each (default 20000): each input must give text or a `ReadError` with a known code and
a one-line message. Prints, per reader, how many inputs ran, the slowest one, and how
often each outcome came up (`corrupt BadZipFile` names the library error behind a code).

`--atheris` runs the same check under atheris instead (coverage-guided; `pip install
atheris`), on raw bytes whose first byte picks the reader.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_fuzz_readers import SEEN, TARGETS, check, run_target


def main(examples: int, names: list[str]) -> None:
    for name in names:
        SEEN.clear()
        started = time.monotonic()
        run_target(name, examples)()
        seconds = time.monotonic() - started
        print(f"{name}: {sum(SEEN.values())} inputs, no failure, {seconds:.0f} s")
        for outcome, count in SEEN.most_common():
            print(f"  {count:7d}  {outcome}")


def atheris_main() -> None:
    import atheris

    suffixes = [suffix for _, suffix in TARGETS.values()]

    def one_input(data: bytes) -> None:
        if data:
            check(data[1:], suffixes[data[0] % len(suffixes)])

    atheris.Setup([a for a in sys.argv if a != "--atheris"], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    if "--atheris" in sys.argv:
        atheris_main()
    else:
        args = sys.argv[1:]
        count = int(args.pop(0)) if args and args[0].isdigit() else 20_000
        main(count, args or list(TARGETS))
