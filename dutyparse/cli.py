"""Command line: `dutyparse parse FILE --format json` (UTF-8 input; stdin for `-`).

The full CLI (encodings, readers, batch) is a separate issue; this one is thin and
never prints a traceback for bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from dutyparse.api import parse


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dutyparse", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("parse", help="parse one document to JSON")
    run.add_argument("file", nargs="?", default="-", help="a UTF-8 text file, or - for stdin")
    run.add_argument("--format", choices=["json"], default="json")
    run.add_argument("--indent", type=int, default=None, help="pretty-print with this indent")
    return parser


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.buffer.read().decode("utf-8-sig")
    return Path(name).read_bytes().decode("utf-8-sig")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or words[0] != "parse":  # `cat doc.txt | dutyparse` and `dutyparse FILE`
        words = ["parse", *words]
    args = _parser().parse_args(words)
    try:
        text = _read(args.file)
    except FileNotFoundError:
        print(f"dutyparse: {args.file}: no such file", file=sys.stderr)
        return 2
    except IsADirectoryError:
        print(f"dutyparse: {args.file}: is a directory", file=sys.stderr)
        return 2
    except UnicodeDecodeError as exc:
        print(
            f"dutyparse: {args.file}: not UTF-8 text ({exc.reason} at byte {exc.start})",
            file=sys.stderr,
        )
        return 2
    doc = parse(text, source=None if args.file == "-" else args.file)
    sys.stdout.write(doc.model_dump_json(indent=args.indent) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
