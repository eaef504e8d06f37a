"""A web server process loads only what serving needs: migrations and push sending stay in their commands."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Alembic and Mako (Flask-Migrate), requests and urllib3 (the push sender), pywebpush and aiohttp:
# together about 25 MB in every server process, which never migrates or sends a push.
NOT_FOR_SERVING = ["alembic", "mako", "flask_migrate", "requests", "urllib3", "pywebpush", "aiohttp"]


def test_a_web_server_process_does_not_load_migrations_or_the_push_sender(tmp_path: Path) -> None:
    script = (
        "import json, sys\n"
        "from harm import create_app\n"
        "app = create_app()\n"
        "app.test_client().get('/help/overdose')\n"
        f"print(json.dumps(sorted(m for m in {NOT_FOR_SERVING!r} if m in sys.modules)))\n"
    )
    env = {"FAMILY_PLAN_ENV": "testing", "SECRET_KEY": "x" * 48, "PATH": "/usr/bin:/bin",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'app.sqlite'}"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_flask_db_still_migrates(tmp_path: Path) -> None:
    env = {"FAMILY_PLAN_ENV": "testing", "SECRET_KEY": "x" * 48, "PATH": "/usr/bin:/bin",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'app.sqlite'}"}
    flask = [sys.executable, "-m", "flask", "--app", "harm", "db"]
    subprocess.run([*flask, "upgrade"], cwd=ROOT, env=env, capture_output=True, timeout=120, check=True)
    current = subprocess.run([*flask, "current"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                             check=True)
    assert "(head)" in current.stdout
