"""Known vulnerabilities in the installed packages, read from PyPI's JSON API (`make audit`).

pip-audit's PyPI service asks for /pypi/NAME/VERSION/json and its OSV service asks osv.dev. Where only
/pypi/NAME/json answers (a PyPI mirror, or a machine that reaches PyPI and nothing else), that page still lists
the known vulnerabilities of the newest release. So each installed package is checked at its own version when
PyPI has that page, else against the newest release when that is the one installed. A package that can be
checked neither way fails the audit, as with `pip-audit --strict`: an unchecked package never passes silently.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

PYPI = "https://pypi.org/pypi"
OWN_PROJECT = "family-plan"


@dataclass
class Finding:
    name: str
    version: str
    checked: str = ""  # "own version", "newest release", or "" when it could not be checked
    newest: str = ""
    vulnerabilities: list[dict[str, Any]] = field(default_factory=list)


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed() -> dict[str, str]:
    """Every distribution in this environment, but the project itself."""
    found = {normalized(d.metadata["Name"]): d.version for d in metadata.distributions() if d.metadata["Name"]}
    found.pop(OWN_PROJECT, None)
    return found


def fetch(url: str) -> dict[str, Any] | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310 - a fixed https address
            return json.loads(answer.read())  # type: ignore[no-any-return]
    except (urllib.error.URLError, OSError, ValueError):
        return None


def check(base: str, name: str, version: str) -> Finding:
    finding = Finding(name, version)
    page = fetch(f"{base}/{name}/{version}/json")
    if page is not None:
        finding.checked = "own version"
    else:
        page = fetch(f"{base}/{name}/json")
        if page is None:
            return finding
        finding.newest = page["info"]["version"]
        if finding.newest != version:
            return finding
        finding.checked = "newest release"
    finding.vulnerabilities = [v for v in page.get("vulnerabilities") or [] if not v.get("withdrawn")]
    return finding


def report(findings: list[Finding], accepted: set[str]) -> int:
    vulnerable = [f for f in findings if f.vulnerabilities]
    unchecked = [f for f in findings if not f.checked and f"{f.name}=={f.version}" not in accepted]
    for finding in vulnerable:
        for vulnerability in finding.vulnerabilities:
            fixed = ", ".join(vulnerability.get("fixed_in") or []) or "no fix yet"
            print(f"VULNERABLE {finding.name} {finding.version}: {vulnerability.get('id')} (fixed in {fixed})")
    for finding in findings:
        if not finding.checked and finding not in unchecked:
            print(f"ACCEPTED   {finding.name} {finding.version}: unchecked, accepted by --accept-unchecked")
    for finding in unchecked:
        why = f"PyPI's newest is {finding.newest}" if finding.newest else "PyPI did not answer"
        print(f"UNCHECKED  {finding.name} {finding.version}: no advisories for this version here ({why})")
    by_how = {how: sum(f.checked == how for f in findings) for how in ("own version", "newest release")}
    print(f"{len(findings)} packages: {by_how['own version']} checked at their own version, "
          f"{by_how['newest release']} as PyPI's newest release, {len(unchecked)} unchecked; "
          f"{sum(len(f.vulnerabilities) for f in vulnerable)} known vulnerabilities in {len(vulnerable)} packages")
    return 1 if vulnerable or unchecked else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pypi", default=PYPI, help="PyPI's JSON API (default: %(default)s)")
    parser.add_argument("--accept-unchecked", action="append", default=[], metavar="NAME==VERSION",
                        help="a pin held back by another package, that PyPI here has no advisories for (repeatable)")
    args = parser.parse_args()
    packages = sorted(installed().items())
    with ThreadPoolExecutor(max_workers=8) as pool:
        findings = list(pool.map(lambda item: check(args.pypi.rstrip("/"), *item), packages))
    return report(findings, {normalized(pin.split("==")[0]) + "==" + pin.split("==")[-1]
                             for pin in args.accept_unchecked})


if __name__ == "__main__":
    sys.exit(main())
