from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from evdict.cachestore import mark_cache_dir
from evdict.config import load_config
from evdict.fileio import splice
from tests.conftest import WriteFiles


def test_mark_cache_dir_writes_markers_once(tmp_path: Path) -> None:
    cache = tmp_path / ".evdict_cache"
    mark_cache_dir(cache)
    (cache / ".gitignore").write_text("*\n# kept\n", encoding="utf-8")
    mark_cache_dir(cache)
    assert (cache / ".gitignore").read_text(encoding="utf-8") == "*\n# kept\n"
    assert (
        (cache / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172")
    )


def test_a_warm_lint_answers_grammar_without_loading_the_lexicon(write: WriteFiles) -> None:
    root = write(**{"events.yaml": "events:\n  weekly_login: {}\n  report_exported: {}\n"})
    probe = (
        "import sys; from evdict.api import Options, lint; "
        "r = lint(Options(select=('EV102',))); "
        "print(sorted(d.message for d in r.diagnostics)); print('lemminflect' in sys.modules)"
    )

    def run() -> list[str]:
        completed = subprocess.run(
            [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
        )
        return completed.stdout.splitlines()

    cold, warm = run(), run()
    assert cold[0] == warm[0]
    assert "weekly_login" in warm[0]
    assert (cold[1], warm[1]) == ("True", "False")
    assert list(load_config(start=root).cache_root.glob("lexicon-*.json"))


def test_splice_makes_edits_last_first_and_refuses_overlaps() -> None:
    assert splice("a_b_c", [(0, 1, "x"), (4, 5, "zz")]) == "x_b_zz"
    assert splice(b"a_b_c", [(2, 3, b"")]) == b"a__c"
    with pytest.raises(ValueError, match="two edits overlap"):
        splice("abcdef", [(0, 3, "x"), (2, 4, "y")])
