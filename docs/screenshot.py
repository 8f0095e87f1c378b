"""Render the README's screenshot of the HTML digest with headless Chromium.

Run: python docs/screenshot.py [OUT.png]

The digest is built from the 17 seed and dev articles, summarised by the
embedded model as recorded in cassettes/summarize (no model or network needed),
then rendered to HTML and photographed at phone width.
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

from summarizer.digest import DigestOptions, Progress, _assemble, _Job, write_outputs  # noqa: E402
from tests.conftest import cassette, gold_pairs, recorded_summarizer  # noqa: E402


def main(out: Path) -> None:
    summarizer = recorded_summarizer()
    jobs, progress = [], Progress()
    os.chdir(ROOT)  # relative paths read better in the picture
    for path, _ in gold_pairs():
        article = summarizer.prepare(path.relative_to(ROOT))
        with cassette("summarize", article.id):
            record = summarizer.summarize(article)
        jobs.append(_Job(key=article.sha256, articles=[article], record=record))
        progress.summarized += 1
        progress.tokens += record.meta.usage.total_tokens
    progress.articles = len(jobs)
    with tempfile.TemporaryDirectory() as tmp:
        options = DigestOptions(out_dir=Path(tmp), date="2026-11-23", formats=("html",))
        digest = _assemble(jobs, [], summarizer.model_label, options, progress, time.monotonic())
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
