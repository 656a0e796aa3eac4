# Akhbar: the commands a newcomer and CI run. Everything installs into .venv; nothing needs the network
# except PyPI for the first install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# three rounds of the 0 ms runs, medians reported (the machine's speed moves 10 % within minutes); ~30 min.
# BENCH_ARGS=--quick for a 4-minute smoke run
BENCH_ARGS ?= --repeat 3

.PHONY: install demo test bench eval eval-language eval-entities eval-dates eval-quotes mine-names mine-words train-person-model clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/akhbar demo --output demo-output

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python -m bench.run_bench $(BENCH_ARGS)

eval: eval-language eval-entities eval-dates eval-quotes

eval-language: $(STAMP)
	$(BIN)/python -m bench.eval_language

eval-entities: $(STAMP)
	$(BIN)/python -m bench.eval_entities

eval-dates: $(STAMP)
	$(BIN)/python -m bench.eval_dates

eval-quotes: $(STAMP)
	$(BIN)/python -m bench.eval_quotes

# Regenerates transforms/data/ner_*_mined.tsv from ../shared/corpora (5-7 minutes; skips when absent).
mine-names: $(STAMP)
	$(BIN)/python -m bench.mine_names

# Regenerates the generated word lists (common words for persons, common nouns for organizations) from
# ../shared/corpora; run after mine-names.
mine-words: $(STAMP)
	$(BIN)/python -m bench.mine_common_words
	$(BIN)/python -m bench.mine_org_nouns

# Retrains transforms/data/ner_person_model.tsv on silver labels from ../shared/corpora (about 7 minutes;
# the same rules give the same file); run after mine-names when the rules or lists change.
train-person-model: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[train]"
	$(BIN)/python -m bench.train_person_model

clean:
	rm -rf demo-output build dist *.egg-info
