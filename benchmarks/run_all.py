"""`make bench`: every benchmark, written to benchmarks/RESULTS.md as Markdown tables.

Environment: BENCH_SIZES (default "100 10000 100000"), BENCH_RUNS (3), BENCH_SECONDS (5),
BENCH_POSTGRES_URL (a PostgreSQL database the benchmark may fill, one schema `bench_<size>` a size;
without it only SQLite is measured), BENCH_SQLITE_DIR (keep one SQLite file a size there instead of a
fresh one each run).

    .venv/bin/python benchmarks/run_all.py --seed-only   # fill the databases now, measure later
"""
from __future__ import annotations

import datetime
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import page_weight, throughput  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def spread(values: list[float], digits: int = 1) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def throughput_table(result: dict[str, Any]) -> list[str]:
    routes = result["routes"]
    bare = statistics.median(routes["bare hello"]["rps"])
    lines = [
        f"### {result['database']}, {result['families']:,} families",
        "",
        f"{result['connections']} connections, {result['runs']} runs of {result['seconds']} s; "
        "median (min–max). Ratio: median requests/s over the bare route's.",
        "",
        "| route | req/s | p50 ms | p95 ms | p99 ms | ratio to bare | non-2xx |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, f in routes.items():
        lines.append(f"| {name} | {spread(f['rps'], 0)} | {spread(f['p50'])} | {spread(f['p95'])} | "
                     f"{spread(f['p99'])} | {statistics.median(f['rps']) / bare:.2f} | {f['non2xx']} |")
    lines += ["", "Worker memory (RSS) after the load: "
              + ", ".join(f"{mb:.0f} MB" for mb in result["worker_rss_mb"]), ""]
    return lines


def growth_table(results: list[dict[str, Any]]) -> list[str]:
    """p95 of each route at each size, and the largest size's p95 over the smallest's (target: 1.2 or less)."""
    results = sorted(results, key=lambda r: r["families"])
    first, last = results[0], results[-1]
    sizes = " | ".join(f"p95 ms at {r['families']:,}" for r in results)
    lines = [f"### Growth, {first['database']}", "",
             f"| route | {sizes} | {last['families']:,} / {first['families']:,} |",
             "|---|" + "---|" * (len(results) + 1)]
    for name in first["routes"]:
        p95s = [statistics.median(r["routes"][name]["p95"]) for r in results]
        ratio = f"{p95s[-1] / p95s[0]:.2f}" if p95s[0] else "n/a"
        lines.append(f"| {name} | " + " | ".join(f"{v:.1f}" for v in p95s) + f" | {ratio} |")
    return lines + [""]


def for_size(database: str, size: int) -> str:
    """SQLite: a fresh file each time, or one a size in BENCH_SQLITE_DIR. PostgreSQL: one schema a size in the
    database given. A kept database is seeded only with what it lacks."""
    if database == "sqlite":
        kept = os.environ.get("BENCH_SQLITE_DIR")
        return f"sqlite:///{Path(kept).resolve() / f'bench_{size}.sqlite'}" if kept else database
    from sqlalchemy import create_engine, make_url, text

    schema = f"bench_{size}"
    engine = create_engine(database)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
    engine.dispose()
    url = make_url(database).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def page_table(results: dict[str, Any]) -> list[str]:
    lines = ["| page | KB transferred | of it JavaScript | requests | other hosts | performance | accessibility "
             "| best practices | LCP s | CLS |", "|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        lh = r.get("lighthouse", {})

        def cell(key: str, digits: int = 0, lh: dict[str, Any] = lh) -> str:
            return spread(lh[key], digits) if key in lh else "n/a"

        lines.append(f"| {name} | {spread([b / 1024 for b in r['bytes']])} | "
                     f"{spread([b / 1024 for b in r['script bytes']])} | {r['requests']} | "
                     f"{len(r['other hosts'])} | {cell('performance')} | {cell('accessibility')} | "
                     f"{cell('best practices')} | {cell('lcp_s', 2)} | {cell('cls', 3)} |")
    return lines + [""]


def seed_only(databases: list[str], sizes: list[int]) -> None:
    from benchmarks.server import app_env, prepare_database

    for database in databases:
        for size in sizes:
            url = for_size(database, size)
            if url == "sqlite":
                sys.exit("--seed-only keeps SQLite files only with BENCH_SQLITE_DIR set")
            started = time.monotonic()
            prepare_database(app_env(url, 0), size)
            print(f"{url.split('@')[-1]}: {size:,} families ready in {time.monotonic() - started:.0f} s")


def main() -> None:
    sizes = [int(n) for n in os.environ.get("BENCH_SIZES", "100 10000 100000").split()]
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    seconds = int(os.environ.get("BENCH_SECONDS", "5"))
    databases = ["sqlite"] + ([os.environ["BENCH_POSTGRES_URL"]] if os.environ.get("BENCH_POSTGRES_URL") else [])
    if "--seed-only" in sys.argv:
        seed_only(databases, sizes)
        return
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; "
        f"{os.cpu_count()} CPUs, {platform.python_implementation()} {platform.python_version()}; "
        "gunicorn -w 2 on 127.0.0.1, load from wrk on the same machine.",
        "",
        "## Page weight and Lighthouse (first visit, mobile, simulated slow 4G)",
        "",
    ]
    pages = page_weight.measure(runs, with_lighthouse=True)
    page_weight.print_table(pages)
    lines += page_table(pages)
    lines += ["## Throughput, latency and memory, by database size", ""]
    for database in databases:
        by_size = []
        for size in sizes:
            result = throughput.measure(for_size(database, size), size, runs, seconds, 32)
            throughput.print_table(result)
            lines += throughput_table(result)
            by_size.append(result)
            RESULTS.write_text("\n".join(lines) + "\n")  # keep what is done if a later size fails
        lines += growth_table(by_size)
        print("\n".join(growth_table(by_size)))
    RESULTS.write_text("\n".join(lines) + "\n")
    print(f"\nWritten to {RESULTS}")


if __name__ == "__main__":
    main()
