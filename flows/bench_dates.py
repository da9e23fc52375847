"""Score the date normalizer on TimeBank/AQUAINT gold expressions of type DATE.

Every DATE row stays in the denominator, including values the normalizer cannot produce (199X, 1998-XX-XX,
P1W typed as DATE): those count as misses. Each expression is read with what the article gives a reader: its
publication date, whether its clause looks ahead (future), and the article text before it (in earnings news
"a year earlier" compares quarters when the last period named was a quarter).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

from transforms.dates import is_future_context, to_timex

KINDS = [("reference", r"(?:PRESENT|PAST|FUTURE)_REF"), ("day", r"\d{4}-\d\d-\d\d"), ("day+time", r"\d{4}-\d\d-\d\dT.+"),
         ("week", r"\d{4}-W\d\d?(?:-WE)?"), ("month", r"\d{4}-\d\d"), ("quarter/half", r"\d{4}-[QH]\d"),
         ("season", r"\d{4}-(?:SP|SU|FA|WI)"), ("year", r"\d{4}"), ("decade/century", r"\d{2,3}")]
BOUNDARY = re.compile(r"[.!?]\s|\n|;|\s--\s|\s_\s|''|``|\"")


def kind_of(value: str) -> str:
    """Coarse class of a gold value, to see where the misses are."""
    return next((name for name, pattern in KINDS if re.fullmatch(pattern, value)), "other")


def clause_before(text: str, start: int, end: int) -> str:
    """The clause up to and including [start, end): from the last sentence or quote boundary before it. Words
    after the expression are left out: in 'X said Monday that it will bid', the future belongs to the bid."""
    return text[max((m.end() for m in BOUNDARY.finditer(text, 0, start)), default=0):end]


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def bench_dates(gold_path: Path, articles_path: Path) -> dict:
    """Accuracy of to_timex over all gold DATE rows, by kind of gold value, with timing per call."""
    articles = {a["id"]: a for a in _read_jsonl(Path(articles_path))}
    rows = [g for g in _read_jsonl(Path(gold_path)) if g.get("type") == "DATE"]
    counts: dict[str, Counter] = defaultdict(Counter)
    misses: list[tuple[str, str, str | None]] = []
    correct, seconds = 0, 0.0
    for gold in rows:
        article = articles.get(gold["id"], {})
        text = article.get("text", "")
        published = dt.date.fromisoformat(article["published"][:10]) if article.get("published") else None
        future = is_future_context(clause_before(text, gold["start"], gold["end"])) if text else False
        started = time.perf_counter()
        got = to_timex(gold["text"], published, future, context=text[:gold["start"]])
        seconds += time.perf_counter() - started
        kind = kind_of(gold["value"])
        counts[kind]["total"] += 1
        if got == gold["value"]:
            correct += 1
            counts[kind]["correct"] += 1
        else:
            misses.append((gold["text"], gold["value"], got))
    total = len(rows)
    by_kind = {kind: {"total": c["total"], "correct": c["correct"], "accuracy": c["correct"] / c["total"]}
               for kind, c in sorted(counts.items(), key=lambda item: -item[1]["total"])}
    return {"total": total, "correct": correct, "accuracy": correct / total if total else 0.0, "by_kind": by_kind,
            "seconds": seconds, "ms_per_call": 1000 * seconds / total if total else 0.0, "misses": misses}


def format_report(result: dict) -> str:
    """Human-readable summary: overall accuracy against the 0.85 target, per kind, timing, frequent misses."""
    lines = [f"dates: {result['correct']}/{result['total']} DATE expressions right, accuracy "
             f"{result['accuracy']:.3f} (target 0.85); {result['seconds']:.2f} s in the normalizer, "
             f"{result['ms_per_call']:.3f} ms per call"]
    lines += [f"  {kind:<15} {c['correct']:>4}/{c['total']:<4} {c['accuracy']:.3f}" for kind, c in result["by_kind"].items()]
    frequent = Counter((text.lower(), value, got) for text, value, got in result.get("misses", [])).most_common(10)
    if frequent:
        lines.append("most frequent misses (text: gold -> got):")
        lines += [f"  {text!r}: {value} -> {got} x{n}" for (text, value, got), n in frequent]
    return "\n".join(lines)
