"""The `communique` command: run the pipeline, query the warehouse read-only."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from flows.api import prefect_api
from flows.capacity import default_processes
from flows.inputs import Tally
from flows.settings import Settings
from flows.stopping import acknowledge_stops, stopped_by
from flows.summary import RunSummary

# Quiet, offline Prefect: no telemetry, warnings only, and time for a slow first server start.
QUIET_PREFECT = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    # the flow's own progress lines (flows/pipeline.py: progress) reach the run's logs on the server
    "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL": "INFO",
    # a failed run is reported in one line by the command; Prefect's own record, traceback included,
    # stays in the API's logs (set this to WARNING to see it on the terminal too)
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
}


def quiet_prefect(settings: Settings) -> None:
    """Set Prefect's environment before it is imported; a user's own settings win."""
    for key, value in QUIET_PREFECT.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", str(settings.startup_timeout_seconds))


warehouse_option = click.option(
    "--warehouse", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="DuckDB file (default: warehouse/communique.duckdb or COMMUNIQUE_WAREHOUSE).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Turn diplomacy and politics news into a validated DuckDB warehouse of meetings and claims."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@warehouse_option
@click.option("--strict", is_flag=True, help="Exit non-zero when any input was rejected.")
@click.option("--batch-size", type=int, default=None, help="Documents per extraction task.")
@click.option("--processes", type=click.IntRange(min=1), default=None,
              help="Extraction worker processes (default COMMUNIQUE_N_PROCESS, else the usable cores and memory).")
@click.option("--dask-address", default=None, help="Run extraction on an existing Dask cluster, e.g. tcp://host:8786.")
def run(paths: tuple[Path, ...], warehouse: Path | None, strict: bool, batch_size: int | None,
        processes: int | None, dask_address: str | None) -> None:
    """Ingest PATHS (files or folders; default seeds/) and publish what was extracted."""
    settings = Settings()
    quiet_prefect(settings)
    acknowledge_stops(lambda signum: f"stopping: {signum.name} received; the run publishes nothing and is "
                                     "recorded as interrupted ...")
    from flows.inputs import CannotRun, survey
    from transforms.models import ModelNotInstalled, require
    from transforms.version import extractor_version

    target = warehouse or settings.warehouse
    inputs = [str(p) for p in paths] or ["seeds/"]
    batch_size = batch_size or settings.batch_size
    try:
        require(settings.spacy_model)
        plan = survey(inputs, target, extractor_version(settings.spacy_model), settings.max_file_bytes)
    except (ModelNotInstalled, CannotRun) as exc:
        raise click.ClickException(str(exc)) from exc
    if plan.idle:  # nothing new: recorded without Prefect, workers or the gate
        summary = record_idle_run(plan.sorter.tally, inputs, target, settings.spacy_model)
    else:
        tally = plan.sorter.tally
        workers = processes or settings.n_process or default_processes(
            tally.to_extract, tally.new_chars, batch_size, settings.batch_chars)
        summary = run_flow(inputs, target, batch_size, workers, dask_address, settings)
    click.echo("\n".join(summary.lines()))
    if summary.status != "completed":
        sys.exit(1)
    if strict and summary.tally.rejected:
        click.echo(f"error: {len(summary.tally.rejected)} inputs rejected (--strict)", err=True)
        sys.exit(2)


def record_idle_run(tally: Tally, inputs: list[str], target: Path, model: str) -> RunSummary:
    import uuid

    from transforms.version import extractor_version
    from warehouse import db

    summary = RunSummary(uuid.uuid4().hex[:12], str(target), extractor_version(model), inputs, processes=None,
                         status="completed", tally=tally)
    db.record_outside_run(target, summary.row(), f"run {summary.run_id} (pid {os.getpid()}, nothing to extract)")
    return summary


def run_flow(inputs: list[str], target: Path, batch_size: int, processes: int, dask_address: str | None,
             settings: Settings) -> RunSummary:
    """The flow, against the user's Prefect API or a temporary one; a failed or stopped run exits here."""
    from flows.pipeline import run_pipeline, task_runner
    from flows.runners import PooledThreads

    runner = task_runner(processes, dask_address, settings.spacy_model)
    try:
        with prefect_api(settings.startup_timeout_seconds, getattr(runner, "start_early", None)):
            return run_pipeline.with_options(task_runner=runner)(inputs, str(target), batch_size=batch_size)
    except BaseException as exc:  # the run failed or was stopped as a whole: say so, exit non-zero
        signum = stopped_by()
        if signum is None and not isinstance(exc, Exception):
            raise
        why = f"stopped by {signum.name}" if signum else f"failed: {exc}"
        click.echo(f"error: run {why}; a run publishes all of its rows or none", err=True)
        sys.exit(128 + signum if signum else 1)
    finally:  # workers started early for a run that failed before it adopted them
        if isinstance(runner, PooledThreads):
            runner.pool.stop()


@cli.command()
@click.argument("sql")
@warehouse_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(sql: str, warehouse: Path | None, fmt: str) -> None:
    """Run SQL against the warehouse, opened read-only: nothing can be changed from here."""
    import duckdb

    from warehouse import db

    try:
        with db.read_only(warehouse or Settings().warehouse) as con:  # closed even when the statement fails
            result = con.execute(sql)
            df = result.df() if result.description is not None else None
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    except duckdb.Error as exc:
        message = str(exc)
        if "read-only" in message or "read only" in message:
            message = "the warehouse is opened read-only by `communique query`; only reading statements are allowed"
        raise click.ClickException(message) from exc
    if df is None:
        return
    if fmt == "csv":
        click.echo(df.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(json.loads(df.to_json(orient="records", date_format="iso")), indent=2,
                              ensure_ascii=False))
    else:
        import pandas as pd

        with pd.option_context("display.max_rows", 500, "display.max_columns", 50, "display.width", 200,
                               "display.max_colwidth", 80):
            click.echo(df.to_string(index=False))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@warehouse_option
@click.option("--cron", required=True, help='Schedule, e.g. "0 * * * *" for every hour.')
@click.option("--name", default="communique-scheduled", show_default=True, help="Deployment name.")
def serve(paths: tuple[Path, ...], warehouse: Path | None, cron: str, name: str) -> None:
    """Serve the pipeline as a Prefect deployment on a schedule (needs a Prefect server; see README)."""
    settings = Settings()
    quiet_prefect(settings)
    from prefect.settings import get_current_settings

    from flows import serving
    from flows.pipeline import run_pipeline

    api_url = get_current_settings().api.url
    if not api_url:
        raise click.ClickException("serve needs a Prefect server: start one (`prefect server start`) and set "
                                   "PREFECT_API_URL, e.g. http://127.0.0.1:4200/api")
    target = (warehouse or settings.warehouse).resolve()
    inputs = [str(p.resolve()) for p in paths] or [str(Path("seeds").resolve())]
    serving.stop_on_signals()
    serving.watch(api_url)
    click.echo(f"serving deployment communique-run/{name} on {cron!r}: {' '.join(inputs)} -> {target}")
    run_pipeline.serve(name=name, cron=cron, parameters={"paths": inputs, "warehouse": str(target)})
    click.echo("serve stopped", err=True)  # Prefect's runner takes SIGTERM itself and returns here


@cli.command()
@warehouse_option
def migrate(warehouse: Path | None) -> None:
    """Bring a warehouse written by an older release up to this contract, in place (a run does it too)."""
    settings = Settings()
    target = warehouse or settings.warehouse
    from warehouse import db, migrations

    try:
        with db.read_only(target) as con:
            older = migrations.pending(con)
            migrations.refuse_newer(con)
    except (FileNotFoundError, migrations.NewerWarehouse) as exc:
        raise click.ClickException(str(exc)) from exc
    if older is None:
        click.echo(f"{target}: already at contract v{migrations.CONTRACT_VERSION}; nothing to migrate")
        return
    quiet_prefect(settings)
    from flows.pipeline import run_pipeline

    with prefect_api(settings.startup_timeout_seconds):
        summary = run_pipeline([], str(target))
    click.echo("\n".join(summary.lines()))
    if summary.status != "completed":
        sys.exit(1)


@cli.command()
@warehouse_option
def validate(warehouse: Path | None) -> None:
    """Re-check the published tables against the suites in expectations/; the results are kept (table
    validation_results, target main) and shown in the Great Expectations Data Docs. The tables are not changed."""
    import datetime as dt
    import uuid

    from warehouse import audit, db

    from warehouse.migrations import NewerWarehouse

    settings = Settings()
    target = warehouse or settings.warehouse
    try:
        con = db.read_only(target, current=True)
    except (FileNotFoundError, db.OlderWarehouse, NewerWarehouse) as exc:
        raise click.ClickException(str(exc)) from exc
    started, run_id = dt.datetime.now(), f"validate-{uuid.uuid4().hex[:12]}"
    with con:
        checks, _ = audit.check_all(con, "main")
    failed = 0
    for check in checks.values():
        for result in check.results:
            if not result["success"]:
                failed += 1
                click.echo(f"FAIL {check.table}: {result['check']} ({result['rows_failed']} of {check.rows} rows)")
    total = sum(len(c.results) for c in checks.values())
    click.echo(f"validate: {total - failed}/{total} checks passed on {sum(c.rows for c in checks.values())} "
               "published rows")
    keep_validation(target, checks, run_id, started, settings.data_docs_runs)
    if failed:
        sys.exit(1)


def keep_validation(target: Path, checks: dict, run_id: str, started, keep_runs: int) -> None:
    """Store a validation's results as a run stores its gate's: rows added through a private copy and an atomic
    rename (waiting for a run that holds the warehouse), and a Data Docs page per table."""
    from warehouse import audit, data_docs, db

    try:
        with db.writable_copy(target, f"{run_id} (pid {os.getpid()})",
                              lambda who: click.echo(f"waiting for {who} to finish with {target} ...", err=True)) as con:
            audit.record(con, checks, run_id, "main")
        click.echo(f"results: table validation_results, run_id {run_id}")
    except OSError as exc:
        click.echo(f"warning: the results were not stored in the warehouse: {exc}", err=True)
    try:
        click.echo(f"data docs: {data_docs.record(target, checks, run_id, started, 'main', keep_runs)}")
    except Exception as exc:  # noqa: BLE001 - the checks are done and shown; the pages are an extra
        click.echo(f"warning: the Great Expectations Data Docs were not updated: {type(exc).__name__}: {exc}", err=True)


@cli.command()
@warehouse_option
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the site (default: reports/<warehouse name>/ beside the warehouse).")
def report(warehouse: Path | None, output: Path | None) -> None:
    """Write the report site (timeline, actor network, a page per event and actor, data quality) and print
    the path of its index. It opens from disk, with no network."""
    from warehouse import db
    from warehouse.migrations import NewerWarehouse
    from warehouse.site import SiteNotWritable, build

    target = warehouse or Settings().warehouse
    try:
        con = db.read_only(target, current=True)
    except (FileNotFoundError, db.OlderWarehouse, NewerWarehouse) as exc:
        raise click.ClickException(str(exc)) from exc
    with con:
        try:
            built = build(con, target, output)
        except SiteNotWritable as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"{built.pages} pages in {built.seconds:.1f} s", err=True)
    click.echo(str(built.index.resolve()))


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@warehouse_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True)
def export(directory: Path, warehouse: Path | None, fmt: str) -> None:
    """Write every published table and the analysts' views to DIRECTORY as Parquet (or CSV): meetings, events
    and claims in year=/month= partitions, a _manifest.json beside them. Read-only on the warehouse; an
    export to the same DIRECTORY replaces the previous one table by table."""
    from warehouse import db
    from warehouse.export import MANIFEST, export as write

    from warehouse.migrations import NewerWarehouse

    try:
        con = db.read_only(warehouse or Settings().warehouse, current=True)
    except (FileNotFoundError, db.OlderWarehouse, NewerWarehouse) as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        with con:
            exported = write(con, directory, fmt)
    except OSError as exc:
        raise click.ClickException(f"cannot write the export in {directory}: {exc.strerror or exc}") from exc
    for table in exported:
        click.echo(f"{table.table}: {table.rows} rows, {table.files} files")
    click.echo(f"export: {directory / MANIFEST}")


SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@cli.group()
def bench() -> None:
    """Benchmarks that measure quality and speed on the shared corpora."""


@bench.command("dates")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=SHARED / "corpus" / "timebank-aquaint-platinum" / "timex_gold.jsonl", show_default=True)
@click.option("--articles", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=SHARED / "corpus" / "timebank-aquaint-platinum" / "articles.jsonl", show_default=True)
def bench_dates(gold: Path, articles: Path) -> None:
    """Accuracy of the date normalizer on TimeBank/AQUAINT DATE expressions."""
    from flows.bench_dates import bench_dates as score, format_report

    click.echo(format_report(score(gold, articles)))


@bench.command("claims")
@click.option("--split", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=SHARED / "corpus" / "polnear" / "data" / "dev", show_default=True)
@click.option("--limit", type=int, default=0, help="Score only the first N articles.")
def bench_claims(split: Path, limit: int) -> None:
    """Source, cue and content span F1 on PolNeAR (exact and overlap), via the shared scorer."""
    settings = Settings()
    quiet_prefect(settings)
    from flows.bench_claims import bench_claims as score

    with prefect_api(settings.startup_timeout_seconds):
        click.echo(score(split, SHARED / "tools" / "score_polnear.py", limit), nl=False)


@bench.command("extraction")
@click.option("--set", "sets", multiple=True, help="Only the sets whose name starts with this "
              "(seed, tests/gold, eval-dev); repeatable.")
def bench_extraction(sets: tuple[str, ...]) -> None:
    """Meetings, claims and links against every gold file (seed, tests/gold, ../shared/eval-dev), per outlet."""
    settings = Settings()
    quiet_prefect(settings)
    from flows.bench_extraction import bench_extraction as measure, format_report

    with prefect_api(settings.startup_timeout_seconds):
        rows = measure(SHARED, list(sets), progress=lambda line: click.echo(line, err=True))
    click.echo(format_report(rows))


@bench.command("focus")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path),
                default=SHARED / "corpus" / "whitehouse-briefing-room-2021-2026" / "articles.jsonl.gz")
@click.option("--limit", type=click.IntRange(min=1), default=400, show_default=True, help="First N documents of PATH.")
def bench_focus(path: Path, limit: int) -> None:
    """The lexical pre-pass against the full parse: do both give the same meetings, claims and links?"""
    from flows.bench_focus import bench_focus as measure, format_report

    click.echo(format_report(measure(path, limit, Settings().spacy_model)))


@bench.command("throughput")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path),
                default=SHARED / "corpus" / "whitehouse-briefing-room-2021-2026" / "articles.jsonl.gz")
@click.option("--limit", type=click.IntRange(min=0), default=2000, show_default=True,
              help="First N documents of PATH; 0 for all of them.")
def bench_throughput(path: Path, limit: int) -> None:
    """`communique run` as a user types it (cold, then unchanged) against bare spaCy nlp.pipe on the same
    texts with as many processes as the run chose, with peak memory."""
    from flows.bench_throughput import bench_throughput as measure, format_report

    click.echo(format_report(measure(path, limit, Settings().spacy_model)))


def main() -> None:
    cli()
