"""Accuracy and speed of frequency/deadline extraction: dutyparse vs jionlp.

    python benchmarks/bench_temporal.py [--repeat N] [--gold DIR] [--documents FILE ...]

Both tools run on the same sentences, the hand-written case table
`corpora/temporal/cases.toml` (SPEC §4–5 fields). We wrote that table alongside the
extractor, so our row on it shows coverage of the cases we know, not blind accuracy;
`--gold DIR` (a folder of gold JSON, such as the shared development set's `gold/`) adds a
second table over the duty items of documents annotated by others. For each tool a table
reports, over frequencies and deadlines separately:

- detection P / R / F1: an expression is found when a predicted one overlaps it
  (one-to-one, greedy by overlap, as `shared/tools/score.py` matches them);
- exact: found *and* normalised right (kind, period, times, mod, anchor for a frequency;
  relation, cycle, day, weekday, month_offset, duration, event, offset for a deadline),
  as a share of the expected expressions;
- cases: sentences where everything (both kinds, negatives included) is exactly right;
- ms/case: mean wall time per sentence, after one warm-up pass.

`--documents` adds the speed of our document path: `extract_spans` over all items of
each file at once (one fold, one gate search), against `extract` item by item, in
characters of item text per second of CPU time.

jionlp (`pip install 'dutyparse[bench]'`) is an optional peer: when it is missing its row
says "not installed". Its `ner.extract_time` output is mapped onto our fields in good
faith (see `jionlp_extract`): a `time_period` becomes a periodic frequency whose period
comes from its `delta`, with the weekday or day of its `point` as anchor; a `time_span`
or `time_point` becomes a deadline whose relation is read from the words it ends with
(之前/前 → before, 之内/内 → within, with the span's length as duration).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import re
import time
import tomllib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CASES_FILE = ROOT / "corpora" / "temporal" / "cases.toml"
Entry = dict[str, Any]
Extractor = Callable[[str], tuple[list[Entry], list[Entry]]]

# ── our extractor ───────────────────────────────────────────────────────────────────────


def dutyparse_extract(text: str) -> tuple[list[Entry], list[Entry]]:
    """dutyparse.temporal.extract, explicit expressions only, as plain dicts."""
    from dutyparse.temporal import extract

    freqs, deadlines = extract(text)
    return (
        [f.model_dump(exclude_none=True) for f in freqs if not f.implicit],
        [d.model_dump(exclude_none=True) for d in deadlines],
    )


# ── jionlp, mapped onto our fields ──────────────────────────────────────────────────────

_JIO_BASE = datetime(2024, 1, 1).timestamp()  # a fixed "now": results are deterministic
_WEEKDAY = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
_DELTA_UNITS = (("year", "Y"), ("month", "M"), ("day", "D"), ("hour", "H"), ("minute", "M"))


def _iso(delta: dict[str, float]) -> str | None:
    """jionlp's `delta` ({'day': 7}) → an ISO 8601 duration (P1W)."""
    for key, designator in _DELTA_UNITS:
        value = delta.get(key)
        if value:
            amount = int(value)
            if key == "day" and amount % 7 == 0:
                return f"P{amount // 7}W"
            return (
                f"PT{amount}{designator}" if key in ("hour", "minute") else f"P{amount}{designator}"
            )
    return None


def _jio_frequency(entity: dict[str, Any]) -> Entry:
    time_ = entity["detail"]["time"]
    period = _iso(time_.get("delta") or {})
    point = (time_.get("point") or {}).get("string") or ""
    anchor: dict[str, list[int]] = {}
    if weekday := re.search(r"(?:周|星期)([一二三四五六日天])", point):
        anchor["weekdays"] = [_WEEKDAY[weekday.group(1)]]
    elif day := re.search(r"(\d+)[号日]", point):
        anchor["days"] = [int(day.group(1))]
    entry: Entry = {"kind": "periodic", "period": period, "times": 1}
    return entry | ({"anchor": anchor} if anchor else {})


def _jio_deadline(entity: dict[str, Any], text: str) -> Entry:
    words = entity["text"]
    if words.endswith(("之前", "以前", "前")):
        return {"relation": "before"}
    if words.endswith(("之内", "以内", "内")):
        span = entity["detail"]["time"]
        duration = None
        with contextlib.suppress(Exception):  # a span ends at 23:59:59 of its last day
            start, end = (datetime.fromisoformat(t) for t in span[:2])
            days = int((end - start).total_seconds() // 86400)
            duration = f"P{days // 7}W" if days and days % 7 == 0 else f"P{days}D" if days else None
        return {"relation": "within", "duration": duration}
    return {"relation": "on"}


def jionlp_extract_factory() -> Extractor | None:
    """jionlp's extractor, or None when jionlp is not installed."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            import jionlp
    except ImportError:
        return None

    def jionlp_extract(text: str) -> tuple[list[Entry], list[Entry]]:
        logging.disable(logging.CRITICAL)  # jionlp logs tracebacks for strings it rejects
        try:
            found = jionlp.ner.extract_time(text, time_base=_JIO_BASE, with_parsing=True)
        finally:
            logging.disable(logging.NOTSET)
        freqs, deadlines = [], []
        for entity in found:
            span = {
                "text": entity["text"],
                "start": entity["offset"][0],
                "end": entity["offset"][1],
            }
            if entity["type"] == "time_period":
                freqs.append(span | _jio_frequency(entity))
            else:
                deadlines.append(span | _jio_deadline(entity, text))
        return freqs, deadlines

    return jionlp_extract


# ── scoring ─────────────────────────────────────────────────────────────────────────────


def _spans(text: str, entries: list[Entry]) -> list[Entry]:
    """Expected entries with spans: each found left to right in the sentence."""
    out, pos = [], 0
    for entry in entries:
        start = text.find(entry["text"], pos)
        start = start if start >= 0 else text.find(entry["text"])
        out.append(entry | {"start": start, "end": start + len(entry["text"])})
        pos = start + len(entry["text"])
    return out


def _overlap(a: Entry, b: Entry) -> float:
    inter = min(a["end"], b["end"]) - max(a["start"], b["start"])
    union = max(a["end"], b["end"]) - min(a["start"], b["start"])
    return max(0, inter) / union if union else 0.0


def _match(gold: list[Entry], pred: list[Entry]) -> dict[int, int]:
    """One-to-one pairs of overlapping expressions, best overlap first."""
    pairs = sorted(
        ((_overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for score, i, j in pairs:
        if score > 0 and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out[i] = j
    return out


def _clean(anchor: Any) -> dict[str, Any]:
    return {k: v for k, v in (anchor or {}).items() if v not in (None, [], "")}


def freq_equal(g: Entry, p: Entry) -> bool:
    keys = ("kind", "period", "times", "mod")
    same = all(g.get(k) == p.get(k) for k in keys)
    return same and _clean(g.get("anchor")) == _clean(p.get("anchor"))


def deadline_equal(g: Entry, p: Entry) -> bool:
    keys = ("relation", "cycle", "day", "weekday", "duration", "offset")
    if any(g.get(k) != p.get(k) for k in keys):
        return False
    if (g.get("month_offset") or 0) != (p.get("month_offset") or 0):
        return False
    ge, pe = g.get("event") or "", p.get("event") or ""
    return ge == pe or bool(ge and pe and (ge in pe or pe in ge))


def evaluate(extract: Extractor, cases: list[dict[str, Any]], repeat: int) -> dict[str, float]:
    """Detection, exactness and speed of `extract` over the case table."""
    for case in cases:  # warm-up: lazy loading is not what we time
        extract(case["text"])
    tally = dict.fromkeys(("ftp", "ffp", "ffn", "fex", "dtp", "dfp", "dfn", "dex", "ok"), 0)
    started = time.perf_counter()
    for _ in range(repeat):
        results = [extract(case["text"]) for case in cases]
    elapsed = time.perf_counter() - started
    for case, (freqs, deadlines) in zip(cases, results, strict=True):
        right = True
        gold_f = [e for e in case["frequency"] if not e.get("implicit")]
        for key, gold, pred, equal in (
            ("f", gold_f, freqs, freq_equal),
            ("d", case["deadline"], deadlines, deadline_equal),
        ):
            gold = _spans(case["text"], gold)
            pairs = _match(gold, pred)
            exact = sum(1 for i, j in pairs.items() if equal(gold[i], pred[j]))
            tally[key + "tp"] += len(pairs)
            tally[key + "fn"] += len(gold) - len(pairs)
            tally[key + "fp"] += len(pred) - len(pairs)
            tally[key + "ex"] += exact
            right = right and exact == len(gold) == len(pred)
        tally["ok"] += right
    return _summary(tally, len(cases), elapsed / repeat)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _summary(t: dict[str, int], n: int, seconds: float) -> dict[str, float]:
    fp, fr, ff = _prf(t["ftp"], t["ffp"], t["ffn"])
    dp, dr, df = _prf(t["dtp"], t["dfp"], t["dfn"])
    return {
        "freq P": fp, "freq R": fr, "freq F1": ff,
        "freq exact": t["fex"] / ((t["ftp"] + t["ffn"]) or 1),
        "deadline P": dp, "deadline R": dr, "deadline F1": df,
        "deadline exact": t["dex"] / ((t["dtp"] + t["dfn"]) or 1),
        "cases": t["ok"] / n, "ms/case": seconds / n * 1000,
    }  # fmt: skip


def table(rows: dict[str, dict[str, float] | None], cases: list[dict[str, Any]]) -> str:
    """A Markdown table, one row per tool."""
    columns = ["freq P", "freq R", "freq F1", "freq exact", "deadline P", "deadline R",
               "deadline F1", "deadline exact", "cases", "ms/case"]  # fmt: skip
    n_f = sum(len([e for e in c["frequency"] if not e.get("implicit")]) for c in cases)
    n_d = sum(len(c["deadline"]) for c in cases)
    negatives = sum(1 for c in cases if not c["frequency"] and not c["deadline"])
    lines = [
        f"{len(cases)} sentences ({negatives} with no expression), "
        f"{n_f} frequencies, {n_d} deadlines expected",
        "",
        "| tool | " + " | ".join(columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for name, row in rows.items():
        if row is None:
            lines.append(f"| {name} | not installed |" + " |" * (len(columns) - 1))
            continue
        cells = [f"{row[c]:.2f}" if c == "ms/case" else f"{row[c]:.3f}" for c in columns]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def gold_cases(folder: Path) -> list[dict[str, Any]]:
    """Duty items of gold JSON files (holdout format) as cases."""
    cases = []
    for path in sorted(folder.glob("*.json")):
        nodes = json.loads(path.read_text(encoding="utf-8"))["nodes"]
        for n, node in enumerate(node for node in nodes if node["type"] == "item"):
            cases.append({
                "id": f"{path.stem}-{n}", "text": node["text"],
                "frequency": node.get("frequency", []), "deadline": node.get("deadline", []),
            })  # fmt: skip
    return cases


def compare(title: str, cases: list[dict[str, Any]], repeat: int) -> None:
    """Print one table: both tools over `cases`."""
    jio = jionlp_extract_factory()
    ours = evaluate(dutyparse_extract, cases, repeat)
    peer = evaluate(jio, cases, 1) if jio else None
    rows = {
        f"dutyparse {_version('dutyparse')}": ours,
        f"jionlp {_version('jionlp')}" if jio else "jionlp": peer,
    }
    print(f"## {title}\n\n" + table(rows, cases) + "\n")


def document_speed(paths: list[Path], repeat: int) -> str:
    """CPU speed of both ways through the items of `paths`, as a Markdown table."""
    import dutyparse
    from dutyparse.temporal import extract, extract_spans, fold

    texts = [path.read_text(encoding="utf-8") for path in paths]
    spans = [[(i.start, i.end) for i in dutyparse.parse(text).iter_items()] for text in texts]
    chars = sum(end - start for items in spans for start, end in items)

    def one_by_one() -> None:
        for text, items in zip(texts, spans, strict=True):
            folded = fold(text)
            for start, end in items:
                extract(text[start:end], start, folded[start:end])

    def at_once() -> None:
        for text, items in zip(texts, spans, strict=True):
            extract_spans(text, items)

    lines = [f"{len(texts)} documents, {chars} characters of item text", ""]
    lines += ["| path | ms | chars/s |", "|---|---:|---:|"]
    for name, run in (("extract, item by item", one_by_one), ("extract_spans", at_once)):
        run()  # warm-up: lazy loading is not what we time
        best = float("inf")
        for _ in range(repeat):
            started = time.process_time()
            run()
            best = min(best, time.process_time() - started)
        lines.append(f"| {name} | {best * 1000:.1f} | {chars / best:,.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the table")
    parser.add_argument("--gold", type=Path, help="also score the items of these gold files")
    parser.add_argument("--documents", type=Path, nargs="+", help="time the document path")
    args = parser.parse_args(argv)
    cases = tomllib.loads(CASES_FILE.read_text(encoding="utf-8"))["case"]
    compare(f"Case table ({CASES_FILE.relative_to(ROOT)})", cases, args.repeat)
    if args.gold:
        compare(f"Gold items ({args.gold})", gold_cases(args.gold), args.repeat)
    if args.documents:
        print("## Document path\n\n" + document_speed(args.documents, args.repeat) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
