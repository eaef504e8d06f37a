"""Profile one process serving the signed-in plan page and plan API read (pyinstrument, test client).

    .venv/bin/pip install pyinstrument
    .venv/bin/python benchmarks/profile_routes.py --families 100 --requests 300

Prints each route's mean CPU time a request (CPU, not wall clock: steadier on a busy machine), then its profile.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.server import BENCH_FAMILIES, BENCH_PARENT_SCRIPT, PYTHON, ROOT, app_env, prepare_database  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--families", type=int, default=100)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database", default="sqlite")
    parser.add_argument("--routes", default="plan,api,hello")
    parser.add_argument("--flat", action="store_true", help="cProfile's flat list (by own time) instead")
    parser.add_argument("--time-only", action="store_true", help="only the CPU time a request, no profile")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}" if args.database == "sqlite" else args.database
        env = app_env(url, 5000)
        prepare_database(env, args.families)
        code = subprocess.run([PYTHON, "-c", BENCH_PARENT_SCRIPT, str(BENCH_FAMILIES)], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        os.environ.update(env)
        from benchmarks.bench_app import app

        client = app.test_client()
        page = client.get("/signin/code").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token
        client.post("/signin/code", data={"code": code, "csrf_token": token.group(1)})
        home = client.get("/").get_data(as_text=True)
        family = re.findall(r"/f/([0-9a-f]{32})", home)[0]
        paths = {"plan": f"/f/{family}", "api": f"/api/v1/families/{family}/plan", "hello": "/bench/hello",
                 "guide": "/help/overdose"}
        for name in args.routes.split(","):
            path = paths[name]
            for _ in range(20):
                assert client.get(path, headers={"Accept-Encoding": "gzip"}).status_code == 200
            started = time.process_time()
            for _ in range(args.requests):
                client.get(path, headers={"Accept-Encoding": "gzip"})
            mean = (time.process_time() - started) / args.requests * 1000
            print(f"\n===== {name} {path}: {mean:.2f} ms CPU a request (unprofiled) =====")
            if args.time_only:
                continue
            print(profile(lambda: [client.get(path, headers={"Accept-Encoding": "gzip"})  # noqa: B023
                                   for _ in range(args.requests)], args.flat))


if __name__ == "__main__":
    main()
