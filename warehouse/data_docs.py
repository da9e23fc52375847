"""Great Expectations Data Docs beside the warehouse: every gate's results (and every `communique validate`'s)
kept in a file data context, <warehouse folder>/gx/<warehouse stem>/, and rendered by GX's own site builder.

The gate validates each table in parts, in an ephemeral context (warehouse/audit.py). A part's results are
summarized here as they come, counts and a sample of unexpected values, never the per-row lists (a gate over
a million rows would keep them all), and added up over the parts: what is stored is one validation result per
table and run, as if the table had been validated at once. The context keeps the results of the last
`keep_runs` runs: GX's index reads every stored result each time it is built, and only the new results and
changed suites are rendered again.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import html
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from great_expectations.data_context import FileDataContext

    from warehouse.audit import TableCheck

SITE = "local_site"
KEEP_RUNS = 20  # runs (and validations) whose results stay in the context and its Data Docs
SAMPLE = 20  # unexpected values kept per check, as GX's SUMMARY result format keeps
PER_ROW = ("unexpected_list", "unexpected_index_list", "unexpected_index_query", "partial_unexpected_index_list")
COUNTS = ("element_count", "unexpected_count", "missing_count")
# GX's index view with plain-HTML rows beside its script-drawn tables: it lists the results offline too
OFFLINE_VIEW = {"module_name": "warehouse.data_docs_view", "class_name": "OfflineIndexPageView"}
TARGETS = {"staging": "a run's staged rows, before publishing", "main": "the published tables (communique validate)"}


def root(warehouse: Path) -> Path:
    """The warehouse's file data context: one per warehouse, so two warehouses in one folder keep theirs apart."""
    return warehouse.parent / "gx" / warehouse.stem


def index_page(warehouse: Path) -> Path:
    """Where GX writes the Data Docs index of `warehouse` (its default place in a file context)."""
    return root(warehouse) / "uncommitted" / "data_docs" / SITE / "index.html"


def summarize(result: Any) -> dict:
    """One expectation's result on one part, as JSON, without what grows with the rows. The sampled unexpected
    values come from articles and GX writes them into its pages as they are: they are kept HTML-escaped."""
    entry = result.to_json_dict()
    for key in PER_ROW:
        entry["result"].pop(key, None)
    found = entry["result"]
    if "partial_unexpected_list" in found:
        found["partial_unexpected_list"] = _escaped(found["partial_unexpected_list"])
    for count in found.get("partial_unexpected_counts", []):
        count["value"] = _escaped(count["value"])
    entry["expectation_config"]["kwargs"].pop("batch_id", None)  # the part's own, temporary data source
    return entry


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


def merge(whole: dict[str, dict], part: dict[str, dict]) -> None:
    """Add a part's summarized results (check -> result) to the table's: counts add up (a key's copies all
    fall in one part, so uniqueness counts too), samples fill up to SAMPLE, the first failure's error stays."""
    for check, entry in part.items():
        if check not in whole:
            whole[check] = entry
            continue
        total = whole[check]
        total["success"] = total["success"] and entry["success"]
        if entry["exception_info"].get("raised_exception") and not total["exception_info"].get("raised_exception"):
            total["exception_info"] = entry["exception_info"]
        if "element_count" in total["result"] and "element_count" in entry["result"]:
            _add_counts(total["result"], entry["result"])


def _add_counts(total: dict, part: dict) -> None:
    for key in COUNTS:
        if key in total:
            total[key] += part.get(key, 0)
    total["partial_unexpected_list"] = (total.get("partial_unexpected_list", [])
                                        + part.get("partial_unexpected_list", []))[:SAMPLE]
    counted: dict[str, dict] = {}
    for item in total.get("partial_unexpected_counts", []) + part.get("partial_unexpected_counts", []):
        key = json.dumps(item["value"], sort_keys=True, default=str)
        counted.setdefault(key, {"value": item["value"], "count": 0})["count"] += item["count"]
    total["partial_unexpected_counts"] = sorted(counted.values(), key=lambda c: -c["count"])[:SAMPLE]
    rows, missing = total["element_count"], total.get("missing_count", 0)
    share = (lambda n, of: 100 * n / of if of else None)  # noqa: E731 - GX's own percentages, over the sums
    total["unexpected_percent"] = share(total["unexpected_count"], rows - missing)
    if "missing_count" in total:
        total.update(missing_percent=share(missing, rows),
                     unexpected_percent_total=share(total["unexpected_count"], rows),
                     unexpected_percent_nonmissing=share(total["unexpected_count"], rows - missing))


def suite_result(check: TableCheck, run_name: str, run_time: dt.datetime, target: str, warehouse: Path):
    """A table's merged results as GX's ExpectationSuiteValidationResult: its Data Docs page."""
    import great_expectations as gx
    from great_expectations.core.expectation_validation_result import ExpectationSuiteValidationResultSchema

    results = list(check.gx.values())
    passed = sum(r["success"] for r in results)
    spec = {"data_asset_name": check.table, "schema": target, "checked": TARGETS[target], "rows": check.rows,
            "parts": check.parts, "warehouse": str(warehouse)}
    return ExpectationSuiteValidationResultSchema().load({
        "success": all(r["success"] for r in results), "results": results, "suite_name": check.table,
        "suite_parameters": {},
        "statistics": {"evaluated_expectations": len(results), "successful_expectations": passed,
                       "unsuccessful_expectations": len(results) - passed,
                       "success_percent": 100 * passed / len(results) if results else None},
        "meta": {"great_expectations_version": gx.__version__, "validation_time": run_time.isoformat(),
                 "run_id": _run_id(run_name, run_time).to_json_dict(), "batch_spec": spec,
                 "active_batch_definition": {"datasource_name": "communique", "data_connector_name": "fluent",
                                             "data_asset_name": check.table, "batch_identifiers": {}}},
    })


def record(warehouse: Path, checks: dict[str, TableCheck], run_name: str, run_time: dt.datetime, target: str,
           keep_runs: int = KEEP_RUNS) -> Path:
    """Store one validation result per table of this run, forget runs older than the last `keep_runs`, and
    rebuild the Data Docs for what changed. Returns the index page."""
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    from warehouse.audit import load_suites

    run_time = run_time.astimezone(dt.timezone.utc)
    with _file_context(root(warehouse)) as context:
        changed = _store_suites(context, load_suites())
        store = context.validation_results_store
        new = []
        for check in checks.values():
            key = ValidationResultIdentifier(expectation_suite_identifier=ExpectationSuiteIdentifier(check.table),
                                             run_id=_run_id(run_name, run_time), batch_identifier=f"{target}-{check.table}")
            store.set(key, suite_result(check, run_name, run_time, target, warehouse))
            new.append(key)
        _forget_old_runs(store, keep_runs)
        if not index_page(warehouse).exists():  # a new site: every suite gets its page
            changed = [ExpectationSuiteIdentifier(name) for name in load_suites()]
        context.build_data_docs(site_names=[SITE], resource_identifiers=[*changed, *new])
        for folder in (root(warehouse) / "uncommitted" / "validations", index_page(warehouse).parent / "validations"):
            _remove_empty_folders(folder)
    return index_page(warehouse)


def _run_id(run_name: str, run_time: dt.datetime):
    from great_expectations.core.run_identifier import RunIdentifier

    return RunIdentifier(run_name=run_name, run_time=run_time)


def _store_suites(context: FileDataContext, suites: dict[str, dict]) -> list:
    """Copy the suites of expectations/ into the context when they changed; returns the changed ones' keys.
    (The files in expectations/ stay the source: the gate reads them, not the context.)"""
    from great_expectations.core.expectation_suite import ExpectationSuite
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

    changed = []
    stored = {key.name for key in context.expectations_store.list_keys()}
    for name, spec in suites.items():
        digest = hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16]
        if name in stored and context.suites.get(name).meta.get("communique_digest") == digest:
            continue
        context.suites.add_or_update(ExpectationSuite(name=name, expectations=spec["expectations"],
                                                      meta={**spec.get("meta", {}), "communique_digest": digest}))
        changed.append(ExpectationSuiteIdentifier(name))
    return changed


def _forget_old_runs(store: Any, keep_runs: int) -> None:
    """Remove the results of every run but the last `keep_runs` (GX then removes their pages from the site)."""
    keys = store.list_keys()
    runs = sorted({(k.run_id.run_time, k.run_id.run_name) for k in keys}, reverse=True)
    for key in keys:
        if (key.run_id.run_time, key.run_id.run_name) not in runs[:keep_runs]:
            store.remove_key(key)


def _remove_empty_folders(folder: Path) -> None:
    """GX removes a forgotten result's file, and its page, but leaves their run's folders behind."""
    for path in sorted(folder.glob("**/"), key=lambda p: len(p.parts), reverse=True):
        if path != folder and not any(path.iterdir()):
            path.rmdir()


@contextlib.contextmanager
def _file_context(path: Path) -> Iterator[FileDataContext]:
    """The file data context at `path` (created on first use, without how-to buttons), locked against another
    process writing it. GX makes every context it returns the process's current one: the gate's ephemeral
    context is made current again afterwards."""
    import great_expectations as gx
    from great_expectations.data_context.data_context.context_factory import project_manager

    from warehouse import audit

    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    path.mkdir(parents=True, exist_ok=True)
    with open(path / "communique.lock", "a") as lock, audit.GX_LOCK:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            previous = project_manager.get_current_project()
        except Exception:  # noqa: BLE001 - none yet
            previous = None
        new = not (path / "great_expectations.yml").exists()
        try:
            context = gx.get_context(mode="file", context_root_dir=str(path))
            if new:
                site = dict(context.variables.data_docs_sites[SITE], show_how_to_buttons=False)
                site["site_index_builder"] = {"class_name": "DefaultSiteIndexBuilder", "view": OFFLINE_VIEW}
                context.update_data_docs_site(SITE, site)
            yield context
        finally:
            project_manager.set_project(previous)
