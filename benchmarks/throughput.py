"""Throughput and latency of the main routes, side by side with a bare "hello", in one gunicorn run.

    .venv/bin/python benchmarks/throughput.py --families 100 --database sqlite
    .venv/bin/python benchmarks/throughput.py --families 100000 --database postgresql+psycopg://fp:fp@127.0.0.1/db

Prints one line per route: requests/s, p50/p95/p99 in ms, ratio to the bare route (median of --runs runs,
with min and max), then the resident memory of each gunicorn worker after the load.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.server import SignedIn, gunicorn, prepare_database, sign_in  # noqa: E402

LUA = Path(__file__).resolve().parent / "request.lua"
# Measured signed in as the bench caseworker (server.BENCH_CASEWORKER_SCRIPT), the others as the bench parent.
CASELOAD_PATH: str | None = "/caseload"


@dataclass
class Target:
    name: str
    method: str
    paths: list[str]
    as_caseworker: bool = False


@dataclass
class Figures:
    rps: list[float] = field(default_factory=list)
    p50: list[float] = field(default_factory=list)
    p95: list[float] = field(default_factory=list)
    p99: list[float] = field(default_factory=list)
    non2xx: int = 0


def targets(me: SignedIn) -> list[Target]:
    family = me.family_ids[0]
    found = [
        Target("bare hello", "GET", ["/bench/hello"]),
        Target("plan page", "GET", [f"/f/{family}"]),
        Target("plan API read", "GET", [f"/api/v1/families/{family}/plan"]),
        Target("section save (PUT)", "PUT", [f"/api/v1/families/{f}/plan/household" for f in me.family_ids]),
        Target("public guide", "GET", ["/help/overdose"]),
    ]
    if CASELOAD_PATH:
        found.insert(4, Target("caseload page", "GET", [CASELOAD_PATH], as_caseworker=True))
    return found


def run_wrk(url: str, target: Target, me: SignedIn, connections: int, seconds: int) -> dict[str, float]:
    # A save needs its own family per connection (one connection per thread), so saves never collide.
    threads = min(connections, len(target.paths)) if target.method == "PUT" else 2
    env = dict(os.environ, BENCH_COOKIE=me.cookie, BENCH_CSRF=me.csrf_token, BENCH_METHOD=target.method,
               BENCH_PATHS=" ".join(target.paths))
    # wrk's own 2 s timeout drops (and so never counts) the slowest answers on a busy machine: wait longer.
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
                          "-s", str(LUA),
                          url], env=env, capture_output=True, text=True, check=True).stdout
    match = re.search(r"BENCH p50=(\d+) p95=(\d+) p99=(\d+) requests=(\d+) non2xx=(\d+) errors=(\d+) seconds=([\d.]+)",
                      out)
    if not match:
        raise RuntimeError(f"wrk printed no figures:\n{out}")
    p50, p95, p99, requests, non2xx, _errors, elapsed = (float(v) for v in match.groups())
    return {"rps": requests / elapsed, "p50": p50 / 1000, "p95": p95 / 1000, "p99": p99 / 1000, "non2xx": non2xx}


def database_url(choice: str, workdir: Path) -> str:
    return f"sqlite:///{workdir / 'bench.sqlite'}" if choice == "sqlite" else choice


def measure(db: str, families: int, runs: int, seconds: int, connections: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url(db, Path(tmp))
        from benchmarks.server import app_env

        prepare_database(app_env(url, 0), families)
        with gunicorn(url) as server:
            me = sign_in(server)
            worker = sign_in(server, caseworker=True)
            results: dict[str, Figures] = {}
            for target in targets(me):
                who = worker if target.as_caseworker else me
                figures = results.setdefault(target.name, Figures())
                run_wrk(server.url + target.paths[0], target, who, connections, 1)  # warm up
                for _ in range(runs):
                    one = run_wrk(server.url + target.paths[0], target, who, connections, seconds)
                    figures.rps.append(one["rps"])
                    figures.p50.append(one["p50"])
                    figures.p95.append(one["p95"])
                    figures.p99.append(one["p99"])
                    figures.non2xx += int(one["non2xx"])
            rss = server.worker_rss_mb()
    return {"database": "sqlite" if url.startswith("sqlite") else "postgresql", "families": families, "runs": runs,
            "seconds": seconds, "connections": connections,
            "routes": {name: asdict(f) for name, f in results.items()}, "worker_rss_mb": rss}


def spread(values: list[float], digits: int = 1) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def print_table(result: dict[str, object]) -> None:
    routes: dict[str, dict[str, list[float]]] = result["routes"]  # type: ignore[assignment]
    bare = statistics.median(routes["bare hello"]["rps"])
    print(f"\n{result['database']}, {result['families']} families, {result['connections']} connections, "
          f"{result['runs']} runs x {result['seconds']} s (median (min–max))")
    print(f"{'route':<20} {'req/s':>22} {'p50 ms':>18} {'p95 ms':>18} {'p99 ms':>18} {'ratio':>6} {'non-2xx':>8}")
    for name, f in routes.items():
        ratio = statistics.median(f["rps"]) / bare
        print(f"{name:<20} {spread(f['rps'], 0):>22} {spread(f['p50']):>18} {spread(f['p95']):>18} "
              f"{spread(f['p99']):>18} {ratio:>6.2f} {int(f['non2xx']):>8}")  # type: ignore[arg-type]
    rss = ", ".join(f"{mb:.0f} MB" for mb in result["worker_rss_mb"])  # type: ignore[attr-defined]
    print(f"worker memory after the load: {rss}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--families", type=int, default=100)
    parser.add_argument("--database", default="sqlite",
                        help="'sqlite' (a fresh file) or a database URL (kept: seeding adds only what is missing)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = measure(args.database, args.families, args.runs, args.seconds, args.connections)
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
