"""The package installs: its wheel serves the app with nothing from the checkout, and it declares what it imports."""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from importlib.metadata import distribution, packages_distributions
from pathlib import Path

from cryptography.fernet import Fernet

from tests.security.live import free_port

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "harm"


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def build_wheel(work: Path) -> Path:
    """The wheel from a copy of the sources, so the build leaves nothing in the checkout."""
    source = work / "source"
    shutil.copytree(PACKAGE, source / "harm", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", source)
    # No build isolation: the build needs only setuptools, which the test environment has; nothing is downloaded.
    run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", work / "dist", source, cwd=work)
    return next((work / "dist").glob("family_plan-*.whl"))


def fresh_venv(work: Path, wheel: Path) -> Path:
    """A virtualenv outside the checkout holding the wheel; its dependencies are read from this environment.

    The dependencies' folder is a plain path entry, not a site folder, so its .pth files (among them the
    checkout's editable install) are never run: `harm` can only come from the wheel.
    """
    venv = work / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=work)
    python = venv / "bin" / "python"
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=work).strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel,
        cwd=work)
    run(sys.executable, "-m", "pip", "--python", python, "check", cwd=work)  # every declared dependency is there
    return python


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - our local server
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_the_wheel_carries_the_app_and_serves_it_from_a_fresh_virtualenv(tmp_path):
    assert list(PACKAGE.glob("translations/*/LC_MESSAGES/messages.mo")), "run `make translations` first"
    wheel = build_wheel(tmp_path)
    python = fresh_venv(tmp_path, wheel)
    where = run(python, "-c", "import harm; print(harm.__file__)", cwd=tmp_path).strip()
    assert Path(where).is_relative_to(tmp_path / "venv")

    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("FLASK_", "PYTHON"))}
    env.update(FAMILY_PLAN_ENV="production", SECRET_KEY=Fernet.generate_key().decode() * 2,
               DATABASE_URL=f"sqlite:///{tmp_path / 'family_plan.sqlite'}", WEBAUTHN_RP_ID="localhost",
               WEBAUTHN_ORIGIN=f"http://localhost:{port}", VAULT_KEYS=Fernet.generate_key().decode(),
               SINGLE_PROCESS="1")
    run(python, "-m", "flask", "--app", "harm", "db", "upgrade", cwd=tmp_path, env=env)
    log = (tmp_path / "gunicorn.log").open("wb")
    server = subprocess.Popen([python, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}",
                               "harm:create_app()"], cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                status, home = get(base + "/")
                break
            except (urllib.error.URLError, OSError):
                assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
                time.sleep(0.2)
        assert status == 200 and "Family Plan" in home
        stylesheet = home.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        assert get(base + stylesheet)[0] == 200  # a hashed static file, read from the package
        status, guide = get(base + "/help/naloxone")
        assert status == 200 and "naloxone" in guide.lower()
        status, openapi = get(base + "/api/v1/openapi.json")
        assert status == 200 and '"openapi"' in openapi
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def third_party_imports() -> dict[str, set[str]]:
    """Top-level modules imported by the app's code (harm/ and app.py), outside the standard library."""
    found: dict[str, set[str]] = {}
    for path in [*PACKAGE.rglob("*.py"), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "harm":
                    found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def test_every_third_party_import_is_a_declared_dependency():
    requirements = [text for text in distribution("family-plan").requires or [] if "extra ==" not in text]
    declared = {normal(re.split(r"[^\w.-]", text, maxsplit=1)[0]) for text in requirements}
    providers = packages_distributions()
    undeclared = {module: sorted(paths) for module, paths in third_party_imports().items()
                  if not {normal(name) for name in providers.get(module, [module])} & declared}
    assert undeclared == {}
