"""Bytes on the wire (compressed, everything included) and requests for a first visit to each main page.

Drives Debian's Chromium through Playwright at 360x640 with an empty cache per page, counting with CDP Network
events; layout shifts (CLS, with the nodes that moved) from a PerformanceObserver for a second after load.
With --lighthouse, also runs Lighthouse (benchmarks/node_modules) on each page: mobile, simulated slow 4G.

    .venv/bin/python benchmarks/page_weight.py [--lighthouse] [--runs 3]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.server import SignedIn, app_env, gunicorn, prepare_database, sign_in  # noqa: E402

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
PHONE = {"width": 360, "height": 640}  # the budgets are set at this size
# Layout shifts with no input just before them (what CLS counts), each with the nodes that moved.
WATCH_SHIFTS = """
window.layoutShifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    if (entry.hadRecentInput) { return; }
    window.layoutShifts.push({value: entry.value, nodes: entry.sources.map(function (source) {
      var node = source.node;
      if (!node) { return "(gone)"; }
      if (node.nodeType !== 1) { node = node.parentElement; }
      return node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") +
        (node.className && typeof node.className === "string" ? "." + node.className.split(" ").join(".") : "");
    })});
  });
}).observe({type: "layout-shift", buffered: true});
"""


def pages(me: SignedIn) -> dict[str, str]:
    f = me.family_ids[0]
    return {
        "home": "/",
        "overdose guide": "/help/overdose",
        "sign-in": "/signin",
        "sign-up": "/signup",
        "plan overview": f"/f/{f}",
        "a section": f"/f/{f}/plan/household",
        "milestones": f"/f/{f}/milestones",
        "people": f"/f/{f}/people",
        "caseload": "/caseload",  # as the bench caseworker
        "my account": "/account",
    }


def signed_out(name: str) -> bool:
    return name in ("sign-in", "sign-up")


def first_visit(browser: Any, url: str, cookie: str | None) -> dict[str, Any]:
    context = browser.new_context(viewport=PHONE)
    if cookie:
        name, value = cookie.split("=", 1)
        context.add_cookies([{"name": name, "value": value, "url": url}])
    page = context.new_page()
    page.add_init_script(WATCH_SHIFTS)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes: dict[str, int] = {}
    scripts: set[str] = set()
    hosts: set[str] = set()
    cdp.on("Network.requestWillBeSent", lambda e: hosts.add(urlsplit(e["request"]["url"]).netloc))
    cdp.on("Network.responseReceived", lambda e: scripts.add(e["requestId"]) if e["type"] == "Script" else None)
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(1000)  # anything a script shows late
    shifts = page.evaluate("window.layoutShifts")
    context.close()
    return {"bytes": sum(sizes.values()), "script bytes": sum(sizes.get(r, 0) for r in scripts),
            "requests": len(sizes), "hosts": sorted(hosts), "cls": sum(shift["value"] for shift in shifts),
            "shifted": sorted({node for shift in shifts for node in shift["nodes"]})}


def lighthouse(url: str, cookie: str | None) -> dict[str, float]:
    """Scores for one page, or {} when Lighthouse failed twice (the table then says so)."""
    with tempfile.TemporaryDirectory() as profile:
        flags = " ".join([*CHROMIUM_ARGS, "--headless=new", f"--user-data-dir={profile}"])
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json",
                   "--only-categories=performance,accessibility,best-practices", f"--chrome-flags={flags}"]
        if cookie:
            command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
        for _attempt in range(2):  # on a busy machine Chromium sometimes fails to start: try once more
            done = subprocess.run(command, env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True,
                                  text=True, check=False, timeout=300)
            if done.returncode == 0:
                break
            print(f"lighthouse failed on {url}: {done.stderr.strip()[-300:]}", file=sys.stderr)
        else:
            return {}
    report = json.loads(done.stdout)
    categories = report["categories"]
    return {
        "performance": round(100 * categories["performance"]["score"]),
        "accessibility": round(100 * categories["accessibility"]["score"]),
        "best practices": round(100 * categories["best-practices"]["score"]),
        "lcp_s": report["audits"]["largest-contentful-paint"]["numericValue"] / 1000,
        "cls": report["audits"]["cumulative-layout-shift"]["numericValue"],
    }


def measure(runs: int, with_lighthouse: bool, only: set[str] | None = None) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        prepare_database(app_env(db_url, 0), 10)
        with gunicorn(db_url) as server, sync_playwright() as p:
            me = sign_in(server)
            worker = sign_in(server, caseworker=True)
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, path in pages(me).items():
                if only and name not in only:
                    continue
                cookie = None if signed_out(name) else worker.cookie if name == "caseload" else me.cookie
                visits = [first_visit(browser, server.url + path, cookie) for _ in range(runs)]
                results[name] = {"bytes": [v["bytes"] for v in visits], "requests": visits[0]["requests"],
                                 "script bytes": [v["script bytes"] for v in visits],
                                 "cls": [v["cls"] for v in visits], "shifted": visits[0]["shifted"],
                                 "other hosts": [h for h in visits[0]["hosts"] if h and not h.startswith("localhost")]}
                if with_lighthouse:
                    scores = [s for s in (lighthouse(server.url + path, cookie) for _ in range(runs)) if s]
                    if scores:
                        results[name]["lighthouse"] = {k: [s[k] for s in scores] for k in scores[0]}
            browser.close()
    return results


def print_table(results: dict[str, Any]) -> None:
    print(f"{'page':<16} {'KB (median, min–max)':>24} {'JS KB':>6} {'requests':>9} {'other hosts':>12} {'CLS':>6}"
          "  moved")
    for name, r in results.items():
        kb = [b / 1024 for b in r["bytes"]]
        js = statistics.median(r["script bytes"]) / 1024
        print(f"{name:<16} {statistics.median(kb):>10.1f} ({min(kb):.1f}–{max(kb):.1f}) {js:>6.1f} {r['requests']:>9} "
              f"{len(r['other hosts']):>12} {statistics.median(r['cls']):>6.3f}  {' '.join(r['shifted'])}")
    if any("lighthouse" in r for r in results.values()):
        print(f"\n{'page':<16} {'performance':>12} {'accessibility':>14} {'best practices':>15} {'LCP s':>7}"
              f" {'CLS':>6}")
        for name, r in results.items():
            if "lighthouse" not in r:
                print(f"{name:<16} Lighthouse failed")
                continue
            lh = {key: statistics.median(values) for key, values in r["lighthouse"].items()}
            print(f"{name:<16} {lh['performance']:>12.0f} {lh['accessibility']:>14.0f} "
                  f"{lh['best practices']:>15.0f} {lh['lcp_s']:>7.2f} {lh['cls']:>6.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lighthouse", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--pages", help="only these pages, by name, comma-separated (e.g. 'a section,home')")
    args = parser.parse_args()
    results = measure(args.runs, args.lighthouse, set(args.pages.split(",")) if args.pages else None)
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
