# Developer shortcuts. The README's two commands need none of these.
PY := .venv/bin/python
PORT := 8765

.PHONY: setup test lint schemas cassettes bench

setup:
	python3 -m venv .venv && .venv/bin/pip install -e '.[dev,local]'

test:
	$(PY) -m pytest

lint:
	.venv/bin/ruff check .

schemas:
	.venv/bin/summarizer schema --write schemas

# Re-record every cassette against the embedded model served on 127.0.0.1: the full and
# model-alone evaluation rows over the 29 articles, the injection article and the mode ladder.
# Needs the [local] extra; about 45 minutes on 2 idle cores (the model-alone row re-types its
# quotes). SUMMARIZER_RECORD_MODE=new_episodes keeps what is recorded and adds what is missing.
cassettes:
	rm -rf cassettes/evaluate cassettes/llm
	.venv/bin/summarizer serve --port $(PORT) & pid=$$!; \
	until curl -sf http://127.0.0.1:$(PORT)/v1/models >/dev/null; do sleep 1; kill -0 $$pid || exit 1; done; \
	SUMMARIZER_RECORD=1 SUMMARIZER_RECORD_URL=http://127.0.0.1:$(PORT)/v1 $(PY) -m pytest tests/test_evaluate.py -q -s; \
	rc=$$?; kill $$pid; wait $$pid; exit $$rc

bench:
	$(PY) benchmarks/clean_bench.py
	$(PY) benchmarks/local_model_bench.py
	$(PY) benchmarks/digest_scale_bench.py
