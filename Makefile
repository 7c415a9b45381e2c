# The two set-up commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
# .venv runs the hall (runtime dependencies only: what production runs and the benchmark
# measures); .venv-test adds the test tools.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_VENV := .venv-test
TBIN := $(TEST_VENV)/bin
TEST_STAMP := $(TEST_VENV)/.installed
# motcua[eventlet] pins gunicorn < 26, so it lives in its own venv for its smoke test.
EVENTLET_VENV := .venv-eventlet
EVENTLET_STAMP := $(EVENTLET_VENV)/.installed
RUN_PACKAGES := python3-venv espeak-ng libespeak-ng1 fonts-dejavu-core
TEST_PACKAGES := $(RUN_PACKAGES) chromium chromium-driver faketime nginx-light
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test bench lint format messages system-run system-test clean

# Several processes (MOTCUA_REDIS_URL set) need the Redis client, an extra that a commune's
# single process does without.
REDIS_EXTRA = $(BIN)/pip install -q -c constraints.txt -e '.[redis]'
# The benchmark's server runs on the lean runtime venv; scaled out, on the test venv (which
# has the Redis client), so .venv stays what a commune installs.
BENCH_PYTHON = $(if $(findstring --scale-out,$(BENCH_ARGS)),$(TBIN),$(BIN))/python

run: system-run $(STAMP)
	$(if $(MOTCUA_REDIS_URL),$(REDIS_EXTRA))
	$(BIN)/motcua init
	$(BIN)/motcua serve --host $(HOST) --port $(PORT)

test: system-test $(TEST_STAMP) $(EVENTLET_STAMP)
	$(TBIN)/ruff check .
	$(TBIN)/ruff format --check .
	$(TBIN)/pytest

bench: system-run $(STAMP) $(TEST_STAMP)
	$(TBIN)/python bench/run.py --server-python $(BENCH_PYTHON) $(BENCH_ARGS)

lint: $(TEST_STAMP)
	$(TBIN)/ruff check --fix .
	$(TBIN)/ruff format .

messages: $(TEST_STAMP)
	$(TBIN)/python scripts/messages.py

system-run:
	@scripts/system-packages.sh $(RUN_PACKAGES)

system-test:
	@scripts/system-packages.sh $(TEST_PACKAGES)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e .
	touch $@

$(TEST_STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(TEST_VENV)
	$(TBIN)/pip install -q --upgrade pip
	$(TBIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $@

$(EVENTLET_STAMP): pyproject.toml constraints-eventlet.txt
	$(PYTHON) -m venv $(EVENTLET_VENV)
	$(EVENTLET_VENV)/bin/pip install -q --upgrade pip
	$(EVENTLET_VENV)/bin/pip install -q -c constraints-eventlet.txt -e '.[eventlet]'
	touch $@

clean:
	rm -rf $(VENV) $(TEST_VENV) $(EVENTLET_VENV) .pytest_cache .ruff_cache
