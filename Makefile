# growth_portal: every set-up step a fresh clone needs. `make run` and `make test` are enough.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
PYTEST_ARGS ?=
LIGHTHOUSE_ARGS ?=
NODE_STAMP := node_modules/.package-lock.json

.PHONY: install run serve serve-proxy migrate demo test test-load lint format clean backup \
	restore lighthouse screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py rebuild_search_index

# Local development server on SQLite (or DATABASE_URL) with the demo content.
run: demo
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production: gunicorn with whitenoise, every setting from the environment (README, "Running in
# production"). Run `make migrate` first when the code brings new migrations.
serve: install
	$(BIN)/python manage.py check --deploy
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn --config python:growth_portal.gunicorn_conf

# `make serve` behind Varnish (deploy/varnish/default.vcl) on loopback: Varnish on
# VARNISH_LISTEN (127.0.0.1:6081) in front of gunicorn on GUNICORN_BIND (127.0.0.1:8000), which
# purges it after every change; Ctrl-C stops both (README, "Behind a reverse proxy (Varnish)").
# Varnish accepts purges only on its purge socket, VARNISH_PURGE_LISTEN (127.0.0.1:6091):
# gunicorn gets DJANGO_PAGE_CACHE_PURGE_URLS=http://127.0.0.1:6091/ unless it is set.
serve-proxy: install
	$(BIN)/python manage.py check --deploy
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python -m tools.varnish

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Load and database-failure tests against a real gunicorn on loopback, and Varnish in front of
# it (tests/load/).
test-load: install
	$(BIN)/python -m pytest -m load tests/load $(PYTEST_ARGS)

# Lighthouse (npm, package.json) from the lock file; again whenever the lock file changes.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

# Lighthouse scores of every page type at mobile and desktop settings on a throwaway
# production-like site; fails when a target is missed (tools/lighthouse.py).
lighthouse: install $(NODE_STAMP)
	$(BIN)/python -m tools.lighthouse $(LIGHTHOUSE_ARGS)

# Full-page PNGs of the main page types at 375 and 1280 px in screenshots/ (tools/screenshots.py).
screenshots: install
	$(BIN)/python -m tools.screenshots

# Database and uploaded files in one archive under backups/ (or BACKUP=path).
backup: install
	$(BIN)/python manage.py backup_site $(if $(BACKUP),--output "$(BACKUP)")

# Into an empty database and media folder: make restore BACKUP=backups/….tar.gz
restore: install
	@test -n "$(BACKUP)" || { echo "Give the archive: make restore BACKUP=backups/<file>.tar.gz"; exit 2; }
	$(BIN)/python manage.py restore_site "$(BACKUP)"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles node_modules lighthouse-reports screenshots
