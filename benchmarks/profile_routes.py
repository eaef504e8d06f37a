"""Profile one process serving the main routes: plan page, plan API read, section save, caseload, guide (pyinstrument).

    .venv/bin/pip install pyinstrument
    .venv/bin/python benchmarks/profile_routes.py --families 100 --requests 300
    .venv/bin/python benchmarks/profile_routes.py --time-only --routes hello,plan,api,save,caseload,guide

With --time-only, prints each route's CPU time a request (CPU, not wall clock: steadier on a busy machine; the
least of several rounds) and its ratio to hello; otherwise each route's profile. "save" is a real PUT of the
household section with the version the last answer gave, as in throughput.py.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.server import (  # noqa: E402
    BENCH_CASELOAD,
    BENCH_CASEWORKER_SCRIPT,
    BENCH_FAMILIES,
    BENCH_PARENT_SCRIPT,
    PYTHON,
    ROOT,
    app_env,
    prepare_database,
)


def profile(work: Callable[[], object], flat: bool) -> str:
    if flat:
        profiler = cProfile.Profile()
        profiler.runcall(work)
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(70)
        return out.getvalue()
    from pyinstrument import Profiler

    sampler = Profiler(interval=0.0005)
    with sampler:
        work()
    return str(sampler.output_text(unicode=False, color=False))


def signed_in_client(app: Flask, code: str) -> FlaskClient:
    client = app.test_client()
    page = client.get("/signin/code").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    client.post("/signin/code", data={"code": code, "csrf_token": token.group(1)})
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--families", type=int, default=100)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database", default="sqlite")
    parser.add_argument("--routes", default="plan,api,hello")
    parser.add_argument("--flat", action="store_true", help="cProfile's flat list (by own time) instead")
    parser.add_argument("--time-only", action="store_true", help="only the CPU time a request, no profile")
    parser.add_argument("--rounds", type=int, default=5, help="with --time-only: turns each route takes")
    parser.add_argument("--show-statements", action="store_true", help="with --time-only: print each route's SQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}" if args.database == "sqlite" else args.database
        env = app_env(url, 5000)
        prepare_database(env, args.families)
        code = subprocess.run([PYTHON, "-c", BENCH_PARENT_SCRIPT, str(BENCH_FAMILIES)], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        os.environ.update(env)
        from benchmarks.bench_app import app

        client = signed_in_client(app, code)
        worker_code = subprocess.run([PYTHON, "-c", BENCH_CASEWORKER_SCRIPT, str(BENCH_CASELOAD)], cwd=ROOT, env=env,
                                     capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        worker = signed_in_client(app, worker_code)
        home = client.get("/").get_data(as_text=True)
        family = re.findall(r"/f/([0-9a-f]{32})", home)[0]
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', home)
        assert csrf, "no CSRF token on the home page"
        gets = {"plan": f"/f/{family}", "api": f"/api/v1/families/{family}/plan", "hello": "/bench/hello",
                "guide": "/help/overdose", "caseload": "/caseload"}
        routes = {name: Route(f"/api/v1/families/{family}/plan/household", client, csrf.group(1)) if name == "save"
                  else Route(gets[name], worker if name == "caseload" else client)
                  for name in args.routes.split(",")}
        for route in routes.values():
            for _ in range(20):
                assert route.send() < 300
        if args.time_only:
            print_cpu_times(app, routes, args.requests, args.rounds, args.show_statements)
            return
        for name, route in routes.items():
            print(f"\n===== {name} {route.path} =====")
            print(profile(lambda: [route.send() for _ in range(args.requests)], args.flat))  # noqa: B023


@dataclass
class Route:
    """One route as the benchmark asks for it: a gzipped GET, or (with a CSRF token) a versioned save."""

    path: str
    client: FlaskClient
    csrf: str = ""
    version: int = 0

    def send(self) -> int:
        if not self.csrf:
            return self.client.get(self.path, headers={"Accept-Encoding": "gzip"}).status_code
        answer = self.client.put(self.path, headers={"X-CSRFToken": self.csrf}, json={
            "version": self.version, "data": {"our_words": f"Saved by the benchmark, save {self.version}."}})
        if answer.status_code == 409:  # the first save learns the version, as each wrk connection does
            self.version = answer.get_json()["current"]["version"]
            return self.send()
        self.version = answer.get_json()["version"]
        return answer.status_code


def statements_a_request(app: Flask, route: Route, show: bool = False) -> int:
    """In the steady state: after one request has filled what the process keeps; with show, prints each."""
    from sqlalchemy import event

    from harm.extensions import db

    route.send()
    sent: list[str] = []
    with app.app_context():
        engine = db.engine

    def note(*args: object) -> None:
        sent.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", note)
    try:
        route.send()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    if show:
        print(f"--- {route.path}", *(f"  {' '.join(statement.split())[:300]}" for statement in sent), sep="\n")
    return len(sent)


def print_cpu_times(app: Flask, routes: dict[str, Route], requests: int, rounds: int, show: bool) -> None:
    """The routes take turns, `rounds` times; the least CPU time a round is the steadiest on a busy machine."""
    times: dict[str, list[float]] = {name: [] for name in routes}
    statements = {name: statements_a_request(app, route, show) for name, route in routes.items()}
    for _ in range(rounds):
        for name, route in routes.items():
            started = time.process_time()
            for _ in range(requests):
                route.send()
            times[name].append((time.process_time() - started) / requests * 1000)
    bare = min(times["hello"]) if "hello" in times else None
    for name, found in times.items():
        ratio = f"  ratio to hello {bare / min(found):.2f}" if bare else ""
        print(f"{name:10} {routes[name].path:55} least {min(found):6.2f} ms, median {statistics.median(found):6.2f} ms"
              f" CPU a request{ratio}; {statements[name]} SQL statements")

if __name__ == "__main__":
    main()
