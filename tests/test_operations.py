"""Operations as an analyst meets them: runs killed at any moment, readers during runs, a scheduled
deployment on a real Prefect server. These run the `communique` command in separate processes."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, SEEDS, SHARED, read_only_folder

BIN = Path(sys.executable).parent
TABLES = ("documents", "actors", "meetings", "meeting_participants", "meeting_topics", "claims")


def env(tmp: Path, **extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    return {**base, "PREFECT_HOME": str(tmp / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **extra}


def statuses(path: Path) -> list[str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [status for status, in con.execute("select status from runs order by started_at").fetchall()]
    finally:
        con.close()


def counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in TABLES}
    finally:
        con.close()


def communique(*args: str, tmp: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([str(BIN / "communique"), *args], cwd=ROOT, env=env(tmp), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True, **kwargs)


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 White House readouts (CC0), read from the shared corpus at test time."""
    source = SHARED / "corpus" / "whitehouse-meeting-readouts" / "articles.jsonl"
    if not source.exists():
        pytest.skip("shared corpus not available")
    path = tmp_path_factory.mktemp("corpus") / "readouts.jsonl"
    path.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[:120]), encoding="utf-8")
    return path


def processes_of(session: int) -> list[str]:
    """Command lines of the live processes in a session (exited ones waiting to be reaped are not running)."""
    listing = subprocess.run(["ps", "-s", str(session), "-ww", "-o", "stat=,args="], capture_output=True, text=True)
    return [line.split(None, 1)[-1] for line in listing.stdout.splitlines() if line.strip() and not line.startswith("Z")]


def kill_when(process: subprocess.Popen, marker: str | None, delay: float) -> str:
    """SIGKILL the run `delay` seconds after it printed `marker`, or after it started when there is none
    (the whole process group, as a crash would)."""
    seen: list[str] = []
    if marker is not None:
        for line in process.stdout:
            seen.append(line)
            if marker in line:
                break
        else:
            pytest.fail(f"the run ended before printing {marker!r}: {''.join(seen)[-500:]}")
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return "".join(seen)


def test_operations_sigkill_at_any_moment_leaves_main_as_before(articles: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    first = communique("run", str(SEEDS), "--warehouse", str(warehouse), tmp=tmp_path)
    assert first.wait() == 0, first.stdout.read()
    before = counts(warehouse)
    moments = [(None, 3.0), ("40 documents extracted", 0.0), ("validating", 0.0)]  # start, mid-extraction, gate
    for marker, delay in moments:
        run = communique("run", str(SEEDS), str(articles), "--warehouse", str(warehouse), "--batch-size", "20",
                         tmp=tmp_path)
        output = kill_when(run, marker, delay)
        assert counts(warehouse) == before, f"after a kill at {marker!r}: {output[-500:]}"
    final = communique("run", str(SEEDS), str(articles), "--warehouse", str(warehouse), tmp=tmp_path)
    assert final.wait() == 0
    clean = tmp_path / "clean.duckdb"
    reference = communique("run", str(SEEDS), str(articles), "--warehouse", str(clean), tmp=tmp_path)
    assert reference.wait() == 0
    assert counts(warehouse) == counts(clean)
    assert counts(clean)["documents"] == 121
    assert not list(tmp_path.glob("*.tmp"))


def test_operations_sigterm_stops_the_run_and_everything_it_started(articles: Path, tmp_path: Path) -> None:
    """`kill PID` (not the whole group): the run ends, and its Prefect server and workers with it.
    While it ran, it had one Prefect server, not one per thread that reports to the API."""
    warehouse, log = tmp_path / "w.duckdb", tmp_path / "run.log"
    with open(log, "w") as out:
        run = subprocess.Popen([str(BIN / "communique"), "run", str(articles), "--warehouse", str(warehouse),
                                "--processes", "2", "--batch-size", "20"], cwd=ROOT, env=env(tmp_path),
                               stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        for _ in range(600):
            if "documents extracted" in log.read_text() or run.poll() is not None:
                break
            time.sleep(0.2)
        running = processes_of(run.pid)
        os.kill(run.pid, signal.SIGTERM)
        assert run.wait(timeout=60) != 0, log.read_text()
    time.sleep(2)
    left = processes_of(run.pid)
    if left:
        os.killpg(run.pid, signal.SIGKILL)  # do not leave them behind for the rest of the suite
    assert left == [], f"still running after the run was killed: {left}"
    # one API server for the run: Prefect's own threads (log and event forwarding) must not start another
    assert sum("prefect.server.api.server:create_app" in line for line in running) == 1, running
    assert counts(warehouse)["documents"] == 0 and not list(tmp_path.glob("*.tmp"))
    assert statuses(warehouse) == ["interrupted"]


def test_operations_ctrl_c_is_acknowledged_at_once_and_stops_every_process(articles: Path, tmp_path: Path) -> None:
    """Ctrl-C in a terminal signals the whole process group: workers, Prefect's server and the command. The
    command says so within a second, reports its flow run, stops what it started without waiting for
    running batches, and records the run as interrupted."""
    warehouse, log = tmp_path / "w.duckdb", tmp_path / "run.log"
    as_in_a_terminal = "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"
    with open(log, "w") as out:
        run = subprocess.Popen([sys.executable, "-c", as_in_a_terminal, str(BIN / "communique"), "run", str(articles),
                                "--warehouse", str(warehouse), "--batch-size", "20"],
                               cwd=ROOT, env=env(tmp_path), stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        for _ in range(600):
            if "documents extracted" in log.read_text() or run.poll() is not None:
                break
            time.sleep(0.2)
        os.killpg(run.pid, signal.SIGINT)
        signalled = time.monotonic()
        while "stopping: SIGINT received" not in log.read_text() and time.monotonic() - signalled < 5:
            time.sleep(0.05)
        acknowledged = time.monotonic() - signalled
        try:
            assert run.wait(timeout=30) == 128 + signal.SIGINT, log.read_text()
        finally:
            time.sleep(1)
            left = processes_of(run.pid)
            if left:
                os.killpg(run.pid, signal.SIGKILL)
    assert acknowledged < 1, f"{acknowledged:.1f} s before a word: {log.read_text()}"
    assert left == [], f"still running after Ctrl-C: {left}"
    output = log.read_text()
    assert "error: run stopped by SIGINT" in output and "Traceback" not in output, output
    assert statuses(warehouse) == ["interrupted"] and counts(warehouse)["documents"] == 0
    assert not list(tmp_path.glob("*.tmp"))


def test_operations_workers_are_gone_before_validation(articles: Path, tmp_path: Path) -> None:
    """Validation needs memory of its own; the extraction workers have nothing left to do by then."""
    run = communique("run", str(articles), "--warehouse", str(tmp_path / "w.duckdb"), "--batch-size", "20",
                     tmp=tmp_path)  # no --processes: as many as the usable cores (six batches to share)
    seen, running = [], []
    for line in run.stdout:
        seen.append(line)
        if "documents extracted" in line and not running:
            running = processes_of(run.pid)
        if "validating staged rows" in line:
            validating = processes_of(run.pid)
            break
    else:
        pytest.fail("the run never validated: " + "".join(seen)[-500:])
    assert run.wait(timeout=120) == 0, "".join(seen + run.stdout.readlines())[-500:]
    workers = [p for p in running if "multiprocessing.spawn" in p]
    cores = len(os.sched_getaffinity(0))
    assert len(workers) == (min(cores, 6) if cores > 1 else 0), running
    assert any("communique run" in p for p in validating), validating  # seen while the run was validating
    assert [p for p in validating if "multiprocessing.spawn" in p] == [], validating


def test_operations_run_succeeds_while_an_analyst_reads(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    assert communique("run", str(SEEDS), "--warehouse", str(warehouse), tmp=tmp_path).wait() == 0
    reader = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys\n"
         f"con = duckdb.connect({str(warehouse)!r}, read_only=True)\n"
         "q = 'select count(*) from documents'\n"
         "print(con.execute(q).fetchall()[0][0], flush=True)\n"
         "sys.stdin.readline()\n"
         "print(con.execute(q).fetchall()[0][0], flush=True)\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "1"
    fixture = ROOT / "tests" / "fixtures" / "articles.jsonl"
    run = communique("run", str(fixture), "--warehouse", str(warehouse), tmp=tmp_path)
    output = run.communicate(timeout=300)[0]
    assert run.returncode == 0, output
    reader.stdin.write("\n")
    reader.stdin.flush()
    assert reader.stdout.readline().strip() == "1"  # the analyst's session still reads the file it opened
    assert reader.wait(timeout=30) == 0
    assert counts(warehouse)["documents"] == 7


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, tmp_path: Path) -> subprocess.Popen:
    """A real `prefect server start`, once it answers."""
    server = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                              env=env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    for _ in range(120):
        try:
            if json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2).read()) is True:
                return server
        except OSError:
            time.sleep(1)
    os.killpg(server.pid, signal.SIGKILL)
    pytest.fail("prefect server start did not answer within two minutes")


def test_operations_serve_on_a_real_prefect_server(tmp_path: Path) -> None:
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    server = start_server(port, tmp_path)
    served = None
    try:
        client_env = {**env(tmp_path), "PREFECT_API_URL": api}
        warehouse = tmp_path / "served.duckdb"
        log = open(tmp_path / "serve.log", "w")
        served = subprocess.Popen([str(BIN / "communique"), "serve", str(SEEDS), "--cron", "0 0 1 1 *",
                                   "--warehouse", str(warehouse)], cwd=ROOT, env=client_env,
                                  stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 120
        while True:  # the deployment exists once `serve` has registered it
            listed = subprocess.run([str(BIN / "prefect"), "deployment", "ls"], env=client_env,
                                    capture_output=True, text=True)
            if "communique-scheduled" in listed.stdout or time.time() > deadline:
                break
            time.sleep(2)
        triggered = subprocess.run([str(BIN / "prefect"), "deployment", "run", "communique-run/communique-scheduled",
                                    "--watch", "--watch-timeout", "300"], env=client_env, capture_output=True,
                                   text=True, timeout=400)
        assert triggered.returncode == 0, (tmp_path / "serve.log").read_text()[-3000:]
        assert "Completed" in triggered.stdout
        assert counts(warehouse)["meetings"] >= 1
        os.killpg(served.pid, signal.SIGTERM)  # as `docker stop` or systemd would
        stopping = time.monotonic()
        served.wait(timeout=60)
        assert time.monotonic() - stopping < 10
        output = (tmp_path / "serve.log").read_text()
        assert output.strip().splitlines()[-1] == "serve stopped" and "Traceback" not in output, output[-2000:]
    finally:
        for process in (served, server):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)


def test_operations_read_only_folder_fails_before_anything_starts(tmp_path: Path) -> None:
    with read_only_folder(tmp_path) as folder:
        started = time.monotonic()
        run = communique("run", str(SEEDS), "--warehouse", str(folder / "w.duckdb"), tmp=tmp_path)
        output = run.communicate(timeout=60)[0]
        took = time.monotonic() - started
    assert run.returncode == 1, output
    assert took < 3, f"{took:.1f} s to refuse"
    assert "cannot write in" in output and "Traceback" not in output and len(output.strip().splitlines()) == 1


def test_operations_a_second_run_says_which_run_it_waits_for(articles: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    first = communique("run", str(articles), "--warehouse", str(warehouse), "--batch-size", "20", tmp=tmp_path)
    for line in first.stdout:
        if "documents extracted" in line:
            break
    second = communique("run", str(SEEDS), "--warehouse", str(warehouse), tmp=tmp_path)
    waited = [line for line in second.stdout if "waiting for run" in line]
    assert first.wait(timeout=300) == 0 and second.wait(timeout=300) == 0
    assert waited and f"pid {first.pid}" in waited[0], waited
    assert statuses(warehouse) == ["completed", "completed"]


def test_operations_serve_stops_within_seconds_once_its_server_is_gone(tmp_path: Path) -> None:
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    server = start_server(port, tmp_path)
    served = subprocess.Popen([str(BIN / "communique"), "serve", str(SEEDS), "--cron", "0 0 1 1 *", "--warehouse",
                               str(tmp_path / "w.duckdb")], cwd=ROOT, env={**env(tmp_path), "PREFECT_API_URL": api},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        for line in served.stdout:
            if "being served" in line:
                break
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        gone = time.monotonic()
        output = served.communicate(timeout=30)[0]
        took = time.monotonic() - gone
    finally:
        for process in (served, server):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
    assert took < 10, f"{took:.1f} s to stop"
    assert served.returncode == 1 and "Traceback" not in output, output
    assert output.strip().splitlines()[-1].startswith("error: the Prefect server"), output
