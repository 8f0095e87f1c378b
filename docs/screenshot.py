"""Render the README's screenshot of the HTML digest with headless Chromium.

Run: python docs/screenshot.py [OUT.png]

The digest is built from the seed and dev articles, summarised by the
embedded model as recorded in cassettes/evaluate/full.yaml (no model or network needed),
as the second of two nights (half the articles arrived the night before, one
of them reprinted tonight), then rendered to HTML and photographed at phone width.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.digest import DigestOptions, link_events, write_outputs  # noqa: E402
from summarizer.history import History  # noqa: E402
from summarizer.schema import Digest, DigestStats  # noqa: E402
from tests.conftest import cassette, gold_pairs, recorded_summarizer  # noqa: E402


def main(out: Path) -> None:
    summarizer = recorded_summarizer()
    os.chdir(ROOT)  # relative paths read better in the picture
    started = time.monotonic()
    articles = [summarizer.prepare(path.relative_to(ROOT)) for path, _ in gold_pairs()]
    with cassette("evaluate", "full"):
        records = summarizer.summarize_many(articles, concurrency=1)
    done = list(zip(records, articles, strict=True))
    reprint = done[0][1].model_copy(update={"path": "inbox/reprint.txt", "id": "reprint", "sha256": "0" * 64})
    tonight = [*done, (done[0][0], reprint)]
    stats = DigestStats(articles=len(tonight), summarized=len(tonight),
                        tokens=sum(record.meta.usage.total_tokens for record, _ in tonight))
    with tempfile.TemporaryDirectory() as tmp:
        options = DigestOptions(out_dir=Path(tmp), date="2026-11-23", formats=("html",))
        with History(Path(tmp) / "state.sqlite") as history:
            link_events(done[: len(done) // 2], "2026-11-22", history)
            items = link_events(tonight, options.digest_date, history)
        stats.seconds = round(time.monotonic() - started, 1)
        digest = Digest(generated_at="2026-11-23T06:00:00+00:00", date=options.digest_date,
                        model=summarizer.model_label, items=items, stats=stats)
        page = write_outputs(digest, options)[0]
        browser = shutil.which("chromium") or "chromium"
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--hide-scrollbars", f"--user-data-dir={tmp}/p",
             "--window-size=430,1400", f"--screenshot={out.resolve()}", page.as_uri()],
            check=True, capture_output=True, timeout=120,
        )
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "digest.png")
