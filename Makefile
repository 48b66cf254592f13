# latent — build, test and run. Every target that builds first installs the
# Debian packages the project needs (scripts/install-deps), so a fresh machine
# with only Swift works.

SWIFT        ?= swift
CONFIG       ?= release
BUILD_FLAGS  := -c $(CONFIG)
BIN          := .build/$(CONFIG)/latent

# Libraries the code links, and tools the tests drive.
DEB_BUILD    := pkg-config libopenblas-dev libncursesw5-dev libpng-dev libturbojpeg0-dev
DEB_TEST     := imagemagick libsixel-bin tmux
DEB_PACKAGES := $(DEB_BUILD) $(DEB_TEST)

.PHONY: all deps build run test test-full bench clean

all: build

deps:
	@scripts/install-deps $(DEB_PACKAGES)

build: deps
	$(SWIFT) build $(BUILD_FLAGS) --product latent

## Opens the program (the explorer on the bundled model, once it exists).
run: build
	$(BIN) $(ARGS)

## Every module's tests, on data the tests make themselves (plus ../shared/datasets when present).
test: deps
	$(SWIFT) test $(BUILD_FLAGS)

## The slow and data-hungry checks as well.
test-full: deps
	LATENT_TEST_FULL=1 $(SWIFT) test $(BUILD_FLAGS)

## Speed: sgemm, training and decode, on 1 and 2 threads.
bench: build
	$(BIN) bench $(ARGS)

clean:
	rm -rf .build
