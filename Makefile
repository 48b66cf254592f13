# latent — build, test and run. Every target that builds first installs the
# Debian packages the project needs (scripts/install-deps), so a fresh machine
# with only Swift works. `make test-pytorch` checks the PyTorch route (tools/pytorch)
# and installs torch for it; `make test` never needs torch.

SWIFT        ?= swift
CONFIG       ?= release
BUILD_FLAGS  := -c $(CONFIG)
# One build runs on any x86-64 CPU: latent's own kernels come in several instruction-set
# levels chosen at run time (Package.swift). CPU=native compiles the Swift modules that
# compute for exactly this CPU (the manifest reads LATENT_TARGET_CPU, so it is evaluated
# afresh then).
ifdef CPU
export LATENT_TARGET_CPU := $(CPU)
BUILD_FLAGS += --manifest-cache none
endif
BIN          := .build/$(CONFIG)/latent

# Libraries the code links, and tools the tests drive.
DEB_BUILD    := pkg-config libopenblas-dev libncursesw5-dev libpng-dev libturbojpeg0-dev libgif-dev
DEB_TEST     := imagemagick libsixel-bin tmux ffmpeg
DEB_PACKAGES := $(DEB_BUILD) $(DEB_TEST)

# The PyTorch route (tools/pytorch), for test-pytorch only. The +cpu build is the
# one that imports on machines without GPU libraries (a plain `torch` is a CUDA build).
PYTHON       ?= python3
PIP_PYTORCH  := torch==2.13.0+cpu safetensors pillow pytest

.PHONY: all deps build run test test-full lint format fuzz docs test-pytorch bench bench-compare bench-sixel clean

all: build

deps:
	@scripts/install-deps $(DEB_PACKAGES)

build: deps
	$(SWIFT) build $(BUILD_FLAGS) --product latent

## Opens the explorer on the bundled model (Models/faces64.safetensors); ARGS="…" for others.
run: build
	$(BIN) $(if $(ARGS),$(ARGS),explore --model Models/faces64.safetensors)

## Every module's tests, on data the tests make themselves (plus ../shared/datasets when present),
## then each fuzz target for 3 seconds (skipped when the toolchain has no libFuzzer).
test: build lint
	$(SWIFT) test $(BUILD_FLAGS)
	scripts/fuzz --seconds 3 --jobs 2 --skip-if-unavailable

## Part of `test`: every Swift file formatted as .swift-format says (`make format` fixes it),
## and every target in Package.swift declaring exactly the modules its files import.
lint:
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Sources Tests Fuzz
	scripts/check-package

## Formats every Swift file with .swift-format (swift format comes with the Swift toolchain).
format:
	$(SWIFT) format format --in-place --recursive --parallel Package.swift Sources Tests Fuzz

## Every fuzz target in Fuzz/Targets for SECONDS each (default 60; JOBS at a time, default 1;
## TARGETS="png jpeg" for some), built with libFuzzer and AddressSanitizer apart from the normal
## build: prints each target's runs and findings, fails on a crash (docs/fuzzing.md).
fuzz: deps
	scripts/fuzz --seconds $(or $(SECONDS),60) --jobs $(or $(JOBS),1) $(TARGETS)

## The slow and data-hungry checks as well.
test-full: build
	LATENT_TEST_FULL=1 $(SWIFT) test $(BUILD_FLAGS)

## The explorer's key tables in README.md and docs/explorer.md (between <!-- keys:begin -->
## and <!-- keys:end -->), regenerated from LatentUI's KeyBinding.table: the test that
## checks them writes them instead when LATENT_UPDATE_DOCS=1.
docs: deps
	LATENT_UPDATE_DOCS=1 $(SWIFT) test $(BUILD_FLAGS) --filter KeyTableDocsTests

## PyTorch parity (not part of `test`): decode and one training step agree with
## Swift on conv64 and mlp, model files go both ways, and train.py's file loads here;
## export.py converts PyTorch-VAE's VanillaVAE and pythae's CelebA VAE, checked both ways.
## Installs torch (CPU build), safetensors, pillow and pytest when missing.
test-pytorch: build
	@$(PYTHON) -c "import torch, safetensors, PIL, pytest" 2>/dev/null \
	  || $(PYTHON) -m pip install $(PIP_PYTORCH)
	PYTHONDONTWRITEBYTECODE=1 LATENT=$(BIN) $(PYTHON) -m pytest -p no:cacheprovider -p no:benchmark -v -s tools/pytorch/test_parity.py tools/pytorch/test_import.py

## Speed: sgemm, training and decode, on 1 and 2 threads.
bench: build
	$(BIN) bench $(ARGS)

## The same figures beside PyTorch's (CPU build), measured alternately in one run.
bench-compare: build
	@$(PYTHON) -c "import torch" 2>/dev/null || $(PYTHON) -m pip install $(PIP_PYTORCH)
	$(PYTHON) tools/bench/compare.py --latent $(BIN) $(ARGS)

## `latent show --graphics sixel` against img2sixel as whole processes, alternately,
## with both outputs decoded by ImageMagick (IMAGE=face.png, else a 256×256 colour face).
bench-sixel: build
	$(PYTHON) tools/bench/sixel_compare.py --latent $(BIN) $(if $(IMAGE),--image $(IMAGE))

clean:
	rm -rf .build
