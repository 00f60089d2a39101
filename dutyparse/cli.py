"""Command line (SPEC §7): `dutyparse [parse] [FILE…]`, `batch`, `schema`, `read`.

    cat doc.txt | dutyparse                       # standard input → JSON
    dutyparse parse a.txt b.docx --format text    # several files, any supported kind
    dutyparse batch docs/ --out out/ --resume     # a folder tree → out/<path>.json
    dutyparse schema                              # JSON Schema of the output
    dutyparse read a.pdf                          # the text that offsets index

Bad input (a missing file, a folder, undecodable or binary bytes, an unsupported kind,
a missing optional reader, an input past a limit: `--max-bytes`, `--max-pages`, zip
bombs) is one line on stderr and exit code 2; never a traceback.
Heavy imports (readers, tqdm, charset-normalizer) happen inside the commands.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from dutyparse.api import parse_record
from dutyparse.atomic import atomic_open
from dutyparse.output import FORMATS, renderer
from dutyparse.readers import Limits, ReadError, read_bytes, read_path, read_stream
from dutyparse.readers.limits import parse_size

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1  # batch: some files failed
EXIT_INTERRUPTED = 130
_COMMANDS = ("parse", "batch", "schema", "read")
_TOP_LEVEL = ("-h", "--help", "--version")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 some batch files failed, 2 bad input
    or usage, 130 interrupted).

    >>> main(["parse", "/no/such/file.txt"])  # prints: dutyparse: /no/such/file.txt: no such file
    2
    """
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or words[0] not in (*_COMMANDS, *_TOP_LEVEL):
        words = ["parse", *words]  # `cat doc.txt | dutyparse`, `dutyparse FILE`
    try:
        args = _parser().parse_args(words)
    except SystemExit as exc:  # --help, or a usage error argparse has already printed
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        _say("interrupted" + ("; run again with --resume to finish" if args.command == "batch"
                              else ""))
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `dutyparse … | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except OSError as exc:  # an output that cannot be written: -o, --out
        _say(f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc))
        return EXIT_BAD_INPUT
    except MemoryError:  # an input within --max-bytes that still did not fit
        _say("out of memory; a smaller --max-bytes refuses such inputs up front")
        return EXIT_BAD_INPUT
    return code


def _parser() -> argparse.ArgumentParser:
    from dutyparse import __version__

    parser = argparse.ArgumentParser(
        prog="dutyparse",
        description="Chinese job-description documents → sections and duty items (JSON).",
        epilog="Without a command, `parse` is meant: `cat doc.txt | dutyparse`.",
    )
    parser.add_argument("--version", action="version", version=f"dutyparse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_parse(commands)
    _add_batch(commands)
    schema = commands.add_parser("schema", help="print the JSON Schema of the output")
    schema.add_argument("-o", "--output", type=Path, help="write to this file instead")
    schema.set_defaults(run=_run_schema)
    read = commands.add_parser("read", help="print the plain text a file is parsed from")
    read.add_argument("file", help="a .txt/.docx/.pdf/.doc/.html file, or - for stdin")
    read.add_argument("-o", "--output", type=Path, help="write to this file instead")
    _add_limits(read)
    read.set_defaults(run=_run_read)
    return parser


def _add_limits(command: argparse.ArgumentParser) -> None:
    default = Limits()
    command.add_argument("--max-bytes", type=_size, default=default.max_bytes, metavar="SIZE",
                         help="refuse inputs larger than this, and texts longer (characters); "
                              "K/M/G are powers of 1024 (default: 100M)")
    command.add_argument("--max-pages", type=_count, default=default.max_pages, metavar="N",
                         help=f"refuse PDFs of more pages (default: {default.max_pages})")


def _size(text: str) -> int:
    try:
        size = parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return _count(str(size))


def _count(text: str) -> int:
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


def _limits(args: argparse.Namespace) -> Limits:
    return Limits(max_bytes=args.max_bytes, max_pages=args.max_pages)


def _add_parse(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser("parse", help="parse documents (the default command)")
    run.add_argument("files", nargs="*", metavar="FILE", help="files; none or - for stdin")
    run.add_argument("-f", "--format", choices=FORMATS, default="json",
                     help="json: one document per line; jsonl/csv: one row per item; "
                          "text: an indented tree (default: json)")
    run.add_argument("-o", "--output", type=Path, help="write to this file (atomically)")
    run.add_argument("--indent", type=int, default=None, help="pretty-print JSON")
    _add_limits(run)
    run.set_defaults(run=_run_parse)


def _add_batch(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser("batch", help="convert files and folders to OUT/<path>.json")
    run.add_argument("sources", nargs="+", type=Path, metavar="SRC", help="files or folders")
    run.add_argument("--out", "-o", type=Path, required=True, metavar="DIR",
                     help="output folder: DIR/<relative path>.json, DIR/_errors.jsonl")
    run.add_argument("-j", "--jobs", type=int, default=None,
                     help="worker processes (default: all cores)")
    run.add_argument("--resume", action="store_true",
                     help="skip inputs whose output is newer than the input")
    run.add_argument("-f", "--format", choices=("json", "jsonl"), default="json",
                     help="jsonl: also write DIR/_items.jsonl, every item of every document")
    run.add_argument("--timeout", type=float, default=300.0,
                     help="seconds one file may take (0: no limit)")
    _add_limits(run)
    run.set_defaults(run=_run_batch)


def _run_parse(args: argparse.Namespace) -> int:
    render = renderer(args.format, args.indent)
    names: list[str] = args.files or ["-"]
    failed = 0
    try:
        with _destination(args.output) as write:
            write(render.head())
            for name in names:
                text = _read(name, _limits(args))
                if text is None:
                    failed += 1
                    continue
                if not text.strip():
                    _say(f"{name}: empty input, empty document")
                doc = parse_record(text, source=None if name == "-" else name)
                for piece in render.document(doc, name):
                    write(piece)
            if failed == len(names) and args.output is not None:
                raise _NothingWritten
    except _NothingWritten:
        pass
    return EXIT_BAD_INPUT if failed else 0


class _NothingWritten(Exception):
    """Every input failed: the file named by `-o` is left as it was."""


def _read(name: str, limits: Limits) -> str | None:
    """The text of a file or of stdin (`-`); None after reporting why not."""
    try:
        if name == "-":
            if sys.stdin.isatty():
                _say("reading standard input (end with Ctrl-D)")
            return read_bytes(read_stream(sys.stdin.buffer, limits), None, limits)
        return read_path(Path(name), limits)
    except ReadError as exc:
        _say(f"{name}: {exc}")
        return None


def _run_batch(args: argparse.Namespace) -> int:
    from dutyparse.batch import ERRORS_NAME, Options, cores, run_batch

    if args.out.exists() and not args.out.is_dir():
        _say(f"{args.out}: exists and is not a folder")
        return EXIT_BAD_INPUT
    options = Options(
        jobs=max(1, args.jobs or cores()),
        resume=args.resume,
        combined=args.format == "jsonl",
        timeout=args.timeout or None,
        progress=sys.stderr.isatty(),
        limits=_limits(args),
    )
    summary = run_batch(args.sources, args.out, options)
    print(summary.line())
    if summary.failures:
        _say(f"{len(summary.failures)} failed, see {args.out / ERRORS_NAME}")
        return EXIT_FAILED
    return 0


def _run_schema(args: argparse.Namespace) -> int:
    from dutyparse.models import Document

    schema = Document.model_json_schema()
    _emit(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", args.output)
    return 0


def _run_read(args: argparse.Namespace) -> int:
    text = _read(args.file, _limits(args))
    if text is None:
        return EXIT_BAD_INPUT
    _emit(text, args.output)
    return 0


def _emit(text: str, output: Path | None) -> None:
    with _destination(output) as write:
        write(text)


@contextmanager
def _destination(output: Path | None) -> Iterator[Callable[[str], object]]:
    """Where output goes, piece by piece: standard output as UTF-8 whatever the locale
    says (a stdout replaced by a text-only stream, as in doctest, gets the text), or
    `output`, which is replaced only when the block ends without an exception."""
    if output is not None:
        with atomic_open(output) as handle:
            yield lambda text: handle.write(text.encode("utf-8"))
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        yield sys.stdout.write
        return
    sys.stdout.flush()
    try:
        yield lambda text: buffer.write(text.encode("utf-8"))
    finally:
        buffer.flush()


def _say(message: str) -> None:
    print(f"dutyparse: {message}", file=sys.stderr)

if __name__ == "__main__":
    raise SystemExit(main())
