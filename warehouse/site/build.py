"""Write the report site for a warehouse: every page (`communique report`), or after a run only the pages
that run can have changed, plus the index, the lists and the quality page, which are always redone."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.site import charts, pages, quality
from warehouse.site.data import rows, script
from warehouse.site.render import HERE, Writer, page_name

FOLDERS = ("assets", "events", "actors", "quality")
MANIFEST = "site.json"
LATEST_EVENTS = 15


class SiteNotWritable(RuntimeError):
    """The site's folder cannot be written: said in one line, with what to do."""


@dataclass(frozen=True)
class Built:
    index: Path
    pages: int
    seconds: float
    full: bool  # every page was written (else: only what one run changed)


def default_folder(warehouse: Path) -> Path:
    return warehouse.parent / "reports" / warehouse.stem


def site_version() -> str:
    """A digest of the code, SQL, templates and assets that make the pages: a site written by other code is
    redone in full."""
    digest = hashlib.sha256()
    for path in sorted(p for p in HERE.rglob("*") if p.is_file() and p.suffix in (".py", ".sql", ".html", ".js", ".css")):
        digest.update(path.relative_to(HERE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def prepare(site: Path) -> None:
    try:
        for folder in FOLDERS:
            (site / folder).mkdir(parents=True, exist_ok=True)
        probe = site / ".write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise SiteNotWritable(f"cannot write the report site to {site}: {exc.strerror or exc}; "
                              "choose another folder with --output DIR") from exc


def copy_assets(site: Path) -> None:
    """Plotly's own JavaScript from the plotly package, and the site's script and style, beside the pages."""
    import plotly

    bundle = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    target = site / "assets" / bundle.name
    if not target.exists() or target.stat().st_size != bundle.stat().st_size:  # 4.8 MB: copied once
        shutil.copyfile(bundle, target)
    for source in (HERE / "assets").iterdir():
        shutil.copyfile(source, site / "assets" / source.name)


def read_manifest(site: Path) -> dict:
    try:
        return json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def build(con: duckdb.DuckDBPyConnection, warehouse: Path, output: Path | None = None,
          run_id: str | None = None) -> Built:
    """Write the site into `output` (default: reports/<warehouse stem>/ beside the warehouse). With `run_id`,
    only the event and actor pages that run can have changed, if the site was written by this code for this
    warehouse; otherwise every page."""
    started = time.perf_counter()
    site = output or default_folder(warehouse)
    prepare(site)
    version = site_version()
    manifest = read_manifest(site)
    (site / MANIFEST).unlink(missing_ok=True)  # written again at the end: a build cut short leads to a full one
    full = run_id is None or manifest.get("version") != version or manifest.get("warehouse") != str(warehouse.resolve())
    script(con, "scope_all.sql" if full else "scope_run.sql", run_id=run_id)
    copy_assets(site)
    writer = Writer(site)
    pages.write_events(writer, con)
    pages.write_actors(writer, con)
    event_list = rows(con, "event_list.sql")
    actor_list = rows(con, "actor_list.sql")
    month_pages = pages.write_lists(writer, event_list, actor_list)
    write_index(writer, con, warehouse, event_list, actor_list, month_pages)
    quality.write_quality(writer, con, warehouse)
    prune(site, writer.paths, {r["event_id"] for r in event_list} | {r["actor_id"] for r in actor_list},
          None if full else scope_ids(con))
    (site / MANIFEST).write_text(json.dumps({"version": version, "warehouse": str(warehouse.resolve()),
                                             "run_id": run_id, "written": dt.datetime.now().isoformat(timespec="seconds")}),
                                 encoding="utf-8")
    return Built(site / "index.html", writer.written, time.perf_counter() - started, full)


def after_run(warehouse: Path, run_id: str) -> Built:
    """The site beside the warehouse, brought up to date with what run `run_id` published."""
    from warehouse import db

    with db.read_only(warehouse) as con:
        return build(con, warehouse, run_id=run_id)


def scope_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {page_name(r[0]) for r in con.execute("SELECT event_id FROM site_events UNION ALL SELECT actor_id FROM site_actors").fetchall()}


def prune(site: Path, written: set[Path], known: set[str], scope: set[str] | None) -> None:
    """Remove the pages this build did not write and that no longer belong (`scope` None: a full build)."""
    names = {page_name(i) for i in known}
    for folder in ("events", "actors", "quality"):
        for path in (site / folder).glob("*.html"):
            if path not in written and left_over(path, names, scope):
                path.unlink()


def left_over(path: Path, names: set[str], scope: set[str] | None) -> bool:
    """A page not written now is left over when every such page is rewritten (a full build, the lists, the
    quality pages), when its event or actor is gone, or when its event or actor was rewritten without it
    (a list grown shorter)."""
    owner = path.stem.split("-")[0]
    if scope is None or path.parent.name == "quality" or owner in ("index", "page"):
        return True
    return owner not in names or owner in scope


def write_index(writer: Writer, con: duckdb.DuckDBPyConnection, warehouse: Path, event_list: list[dict],
                actor_list: list[dict], month_pages: dict[str, str]) -> None:
    """The index: counts, the timeline with its filters, the actor network and the latest events."""
    names = {a["actor_id"]: a["name"] for a in actor_list}
    with_events = [a for a in actor_list if a["events"]]
    facts = (charts.EventFacts(e["month"], e["kind"], e["actor_ids"] or [], e["countries"] or []) for e in event_list)
    earliest = con.execute("SELECT strftime(min(published_at), '%Y-%m') FROM main.documents").fetchone()[0]
    timeline = charts.timeline(facts, names, [a["actor_id"] for a in with_events[:charts.TIMELINE_ACTORS]], earliest)
    nodes = [charts.Node(a["actor_id"], a["name"], a["kind"], a["country"], a["events"], pages.actor_href(a["actor_id"]))
             for a in with_events[:charts.NETWORK_ACTORS]]
    edges = [(r["source"], r["target"], r["events"]) for r in
             rows(con, "network_edges.sql", actors=[n.actor_id for n in nodes])] if nodes else []
    dated = [e["date_start"] for e in event_list if e["date_start"] is not None]
    counts = dict(zip(("documents", "meetings", "claims"), con.execute(
        "SELECT (SELECT count(*) FROM main.documents), (SELECT count(*) FROM main.meetings), "
        "(SELECT count(*) FROM main.claims)").fetchone()))
    counts.update(events=len(event_list), actors=len(actor_list), first=min(dated, default=None),
                  last=max(dated, default=None))
    writer.write("index.html", "index.html", counts=counts, timeline=timeline, month_pages=month_pages,
                 network=charts.network(nodes, edges), network_nodes=nodes, latest=event_list[:LATEST_EVENTS],
                 event_href=pages.event_href, warehouse=str(warehouse),
                 written=dt.datetime.now().isoformat(sep=" ", timespec="seconds"))
