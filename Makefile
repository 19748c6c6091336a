# The two commands a newcomer runs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= out
EXAMPLES := $(wildcard examples/*.yaml)

.PHONY: demo test system-deps bench template clean

$(STAMP): pyproject.toml
	./scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

system-deps:
	./scripts/system-deps.sh

## demo: set everything up and draft every bundled example in Dutch and English (.docx and .pdf in out/)
demo: $(STAMP) system-deps
	mkdir -p $(OUT)
	@for f in $(EXAMPLES); do \
	  for lang in nl en; do \
	    name=$$(basename $$f .yaml)-$$lang; \
	    echo "== $$f ($$lang)"; \
	    $(BIN)/bbm draft $$f --lang $$lang -o $(OUT)/$$name.docx --force --pdf --quiet || exit 1; \
	  done; \
	done
	@echo "== review of a drafted agreement, as the review job reads any agreement"
	$(BIN)/bbm review $(OUT)/kaliber-knoopwerk-nl.docx --annotate $(OUT)/kaliber-knoopwerk-nl-reviewed.docx \
	  --format html -o $(OUT)/kaliber-knoopwerk-nl-review.html --force || test $$? -eq 1
	@echo "drafts, an annotated copy and a review report in $(OUT)/"

## test: set everything up and run all tests (LibreOffice tests included)
test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/draft_bench.py
	$(BIN)/python bench/check_bench.py
	$(BIN)/python bench/review_bench.py
	$(BIN)/python bench/pdf_libraries.py

template: $(STAMP)
	$(BIN)/python templates/build_template.py

clean:
	rm -rf $(OUT) build dist .pytest_cache
