"""The lexical pre-pass against the full parse: the same meetings, claims and links on N releases?

tests/test_focus.py checks it on the gold articles and fixtures in every test run; this runs it on as many
White House releases as asked (the parse of both sides takes about a second per release on one core), and
says how much of the text the pre-pass left unparsed.
"""
from __future__ import annotations

import time
from pathlib import Path

from flows.bench_throughput import read_texts


def extracted(docs, texts: list[str]) -> list[tuple]:
    from transforms.extract import extract

    out = []
    for doc, text in zip(docs, texts):
        e = extract(doc, "doc", None, source=text)
        out.append(([{k: v for k, v in m.items() if k != "trigger_tokens"} for m in e.meetings], e.claims, e.links))
    return out


def bench_focus(path: Path, limit: int, model: str) -> dict:
    from transforms.focus import PARSE, for_model, parse
    from transforms.nlp import load

    texts = [r.get("text", "") for r in read_texts(path, limit)]
    nlp, focus = load(model), for_model(model)
    started = time.process_time()
    focused = extracted(parse(nlp, texts, focus), texts)
    focus_seconds = time.process_time() - started
    started = time.process_time()
    full = extracted(parse(nlp, texts, None), texts)
    full_seconds = time.process_time() - started
    tokens = parsed = 0
    for text in texts:
        doc, _, chunks = focus.split(text)
        tokens += len(doc)
        parsed += sum(b - a for a, b, need in chunks if need == PARSE)
    differ = [i for i, (a, b) in enumerate(zip(focused, full)) if a != b]
    return {"documents": len(texts), "differ": differ, "parsed_share": parsed / max(1, tokens),
            "focus_seconds": focus_seconds, "full_seconds": full_seconds}


def format_report(r: dict) -> str:
    return "\n".join([
        f"focus: {r['documents']} documents, {r['documents'] - len(r['differ'])} extracted exactly as by the full parse"
        + (f"; differ: {r['differ'][:20]}" if r["differ"] else ""),
        f"  tokens parsed: {r['parsed_share']:.1%}",
        f"  CPU: {r['focus_seconds']:.1f} s with the pre-pass, {r['full_seconds']:.1f} s parsing everything",
    ])
