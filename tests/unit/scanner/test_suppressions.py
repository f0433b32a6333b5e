"""``# evdict: ignore[...]`` in code: where it applies, and EV901 when it applies nowhere."""

from __future__ import annotations

from pathlib import Path

from evdict.api import Options, check
from evdict.config import load_config
from tests.conftest import WriteFiles

PLAN = """
events:
  report_exported:
    properties:
      report_id: {type: string, required: true}
"""


def findings(root: Path, *codes: str, paths: tuple[str, ...] = ()) -> list[str]:
    options = Options(select=codes or ("EV6", "EV9"), paths=tuple(Path(p) for p in paths))
    result = check(options, load_config(root / "evdict.yaml"))
    return [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in result.diagnostics]


def project(write: WriteFiles, source: str) -> Path:
    return write(**{"evdict.yaml": "plan: [events.yaml]\n", "events.yaml": PLAN, "app.py": source})


def test_on_the_line_the_line_above_or_the_first_line_of_the_call(write: WriteFiles) -> None:
    root = project(
        write,
        """
        import analytics

        analytics.track(uid, "legacy_one")  # evdict: ignore[EV601]
        # evdict: ignore[EV601]
        analytics.track(uid, "legacy_two")
        analytics.track(  # evdict: ignore[EV6]
            uid,
            "legacy_three",
        )
        # evdict: ignore
        analytics.track(
            uid,
            "legacy_four",
        )
        analytics.track(uid, "legacy_five")
        """,
    )
    assert findings(root, "EV601", "EV901") == [
        "app.py:15:22: EV601 event `legacy_five` is not declared in the plan"
    ]


def test_a_code_is_suppressed_only_by_its_own_code_or_prefix(write: WriteFiles) -> None:
    root = project(
        write,
        """
        import analytics

        analytics.track(uid, "report_exported", {})  # evdict: ignore[EV601]
        """,
    )
    assert findings(root) == [
        "app.py:3:1: EV604 event `report_exported` is missing required property `report_id`",
        "app.py:3:46: EV901 'evdict: ignore[EV601]' suppresses nothing",
    ]


def test_file_ignore_covers_the_whole_file(write: WriteFiles) -> None:
    root = project(
        write,
        """
        # evdict: file-ignore[EV601, EV604]
        import analytics

        analytics.track(uid, "legacy_event")
        analytics.track(uid, "report_exported")
        """,
    )
    assert findings(root) == []


def test_an_unused_suppression_is_ev901_unless_its_rules_did_not_run(write: WriteFiles) -> None:
    root = project(
        write,
        """
        import analytics

        # evdict: ignore[EV606]
        analytics.track(uid, "report_exported", {"report_id": rid})
        """,
    )
    assert findings(root) == ["app.py:3:1: EV901 'evdict: ignore[EV606]' suppresses nothing"]
    assert findings(root, "EV601", "EV901") == []


def test_suppressions_of_files_outside_paths_are_not_judged(write: WriteFiles) -> None:
    root = project(
        write,
        "import analytics\n\n# evdict: ignore[EV601]\nanalytics.track(u, 'report_exported', {'report_id': r})\n",
    )
    write(**{"other.py": "x = 1\n"})
    assert findings(root, paths=("other.py",)) == []
    assert findings(root, paths=("app.py",)) == [
        "app.py:3:1: EV901 'evdict: ignore[EV601]' suppresses nothing"
    ]


def test_the_directive_reads_the_same_in_python_and_javascript(write: WriteFiles) -> None:
    # One grammar for both front ends: `ignore-...` is another word, not a suppression.
    root = write(
        **{
            "evdict.yaml": "plan: [events.yaml]\n",
            "events.yaml": PLAN,
            "app.py": """
            import analytics

            analytics.track(uid, "legacy_py")  # evdict: ignore-later
            analytics.track(uid, "quiet_py")  # evdict: IGNORE[ev601]
            """,
            "web.js": """
            import posthog from "posthog-js";

            posthog.capture("legacy_js"); // evdict: ignore-later
            posthog.capture("quiet_js"); // evdict: IGNORE[ev601]
            """,
        }
    )
    assert findings(root, "EV601") == [
        "app.py:3:22: EV601 event `legacy_py` is not declared in the plan",
        "web.js:3:17: EV601 event `legacy_js` is not declared in the plan",
    ]
