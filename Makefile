# Family Plan: `make run` to try it, `make test` to check it. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := app.py

.PHONY: run test lint typecheck translations extract-messages update-messages clean fuzz load audit

# What the app needs to run (make run); the test tools come on top for make test.
$(BIN)/.installed-app: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 'setuptools>=78.1.1'  # the venv's own 65.x has known vulnerabilities
	$(BIN)/pip install --quiet -e .
	touch $@

$(BIN)/.installed: $(BIN)/.installed-app
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Only compiled catalogues are read; a .po alone would silently show English.
translations: $(BIN)/.installed-app
	@if ls harm/translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel compile -d harm/translations; \
	else echo "No translated catalogues yet: English only."; fi

extract-messages: $(BIN)/.installed-app
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 --omit-header --sort-by-file -o harm/translations/messages.pot .

# Merge new and changed strings from messages.pot into every catalogue (changed ones come back fuzzy).
update-messages: $(BIN)/.installed-app
	$(BIN)/pybabel update -i harm/translations/messages.pot -d harm/translations --ignore-obsolete

run: $(BIN)/.installed-app translations
	$(BIN)/flask db upgrade
	$(BIN)/flask demo create
	$(BIN)/flask reminders public-key >/dev/null  # VAPID keys for push, made once into instance/
	$(BIN)/flask run --host localhost --port 5000  # prints http://localhost:5000: passkeys need localhost, not 127.0.0.1

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports  # features depend one way (the contracts in pyproject.toml)
	$(BIN)/vulture

typecheck: $(BIN)/.installed
	$(BIN)/mypy

# The whole suite on SQLite (browser tests included); then, when TEST_POSTGRES_URL is set,
# every non-browser test that uses the database again on PostgreSQL (marked `db` by tests/conftest.py,
# automatically, for every test that uses the database_url fixture). REQUIRE_POSTGRES=1 / REQUIRE_BROWSER=1 /
# REQUIRE_REDIS=1 turn a missing database, browser or redis-server into a failure (CI sets them).
# The non-browser tests run in TEST_WORKERS pytest-xdist processes (CI has 2 cores), each with its own
# database (on PostgreSQL <name>_gw0, <name>_gw1, made by tests/conftest.py: the role needs CREATEDB);
# the browser tests run after them, also in TEST_WORKERS processes, each with its own app server, SQLite file and
# Chromium (tests/browser/conftest.py picks a free port per process). TEST_WORKERS=0: one process.
TEST_WORKERS ?= 2
PYTEST := $(BIN)/pytest -q -p no:cacheprovider
test: $(BIN)/.installed node_modules/.installed translations lint typecheck
	$(PYTEST) -n $(TEST_WORKERS) -m "not browser"
	$(PYTEST) -n $(TEST_WORKERS) -m browser tests/browser
	@if [ -n "$$TEST_POSTGRES_URL" ]; then \
		echo "== the database tests on PostgreSQL =="; \
		TEST_DATABASE_URL="$$TEST_POSTGRES_URL" $(PYTEST) -n $(TEST_WORKERS) -m "db and not browser"; \
	elif [ "$$REQUIRE_POSTGRES" = "1" ]; then \
		echo "REQUIRE_POSTGRES=1 but TEST_POSTGRES_URL is not set" >&2; exit 1; \
	else echo "TEST_POSTGRES_URL not set: PostgreSQL run skipped (CI runs it)."; fi

# A bigger fuzzing budget, the load test (PostgreSQL), and known-vulnerable packages.
FUZZ_EXAMPLES ?= 300
fuzz: $(BIN)/.installed translations
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q -p no:cacheprovider tests/security/test_fuzz_api.py

$(BIN)/.installed-extras: $(BIN)/.installed
	$(BIN)/pip install --quiet -e '.[test,load,audit]'
	touch $@

load: $(BIN)/.installed-extras translations
	$(BIN)/python benchmarks/load.py $(LOAD_FLAGS)

# pip-audit asks PyPI for /pypi/NAME/VERSION/json (or osv.dev); where PyPI answers only /pypi/NAME/json, as on
# our machines, tools/pypi_audit.py reads the advisories there. Elsewhere: make audit AUDIT_TOOL=pip-audit.
# Either way a package that cannot be looked up fails the audit instead of passing silently. Held-back pins
# (no advisories for their version here): deprecated (limits), jsonschema-rs (schemathesis caps it below 0.61),
# textstat (tests only: 0.7.8 is pinned because newer ones download a corpus, see shared TOOLCHAIN.md).
AUDIT_TOOL ?= pypi_audit
AUDIT_SERVICE ?= pypi
AUDIT_ACCEPT ?= deprecated==1.3.1 jsonschema-rs==0.60.3 textstat==0.7.8
audit: $(BIN)/.installed-extras
ifeq ($(AUDIT_TOOL),pip-audit)
	$(BIN)/pip-audit --strict --progress-spinner off --skip-editable --vulnerability-service $(AUDIT_SERVICE)
else
	$(BIN)/python tools/pypi_audit.py $(addprefix --accept-unchecked ,$(AUDIT_ACCEPT))
endif

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache

# ---- Benchmarks (not part of CI; see benchmarks/README.md) ----
.PHONY: bench
benchmarks/node_modules/.installed: benchmarks/package.json
	cd benchmarks && npm install --no-audit --no-fund --silent
	touch $@

bench: $(BIN)/.installed benchmarks/node_modules/.installed translations
	@command -v wrk >/dev/null || apt-get install -y wrk
	$(BIN)/python benchmarks/run_all.py
