"""``evdict init`` writes its files all or nothing, and drafts no name a plan cannot hold."""

from __future__ import annotations

import pytest

import evdict.commands.init as init
from evdict.config import load_config
from evdict.plan.load import load_plan_files
from tests.conftest import RunCli, WriteFiles, fail_at_swap

SURROGATES = {
    "app/track.py": """\
        import analytics

        analytics.track(user, "bad\\udcff_name")
        analytics.track(user, "good_name", {"pr\\udcffop": 1, "plan": "pro"})
        """,
}


def test_a_lone_surrogate_in_a_name_is_reported_not_drafted(write: WriteFiles, run: RunCli) -> None:
    root = write(**SURROGATES)
    result = run("init", "--from-code")
    assert result.exit_code == 0, result.output
    assert (
        "  - app/track.py:3 (segment): the event name 'bad\\udcff_name' holds a lone surrogate"
        " (not text a plan can hold): not drafted, fix the name in the code\n"
        "  - app/track.py:4 (segment): the property name 'pr\\udcffop' holds a lone surrogate"
        " (not text a plan can hold): not drafted, fix it in the code\n"
    ) in result.output
    plan = load_plan_files([root / "tracking-plan/events.yaml"])
    assert list(plan.events) == ["good_name"]
    assert list(plan.properties) == ["plan"]
    assert load_config(root / "evdict.yaml").plan


@pytest.mark.parametrize("nth", [1, 2])
def test_ctrl_c_while_writing_leaves_the_folder_as_it_was(
    write: WriteFiles, run: RunCli, monkeypatch: pytest.MonkeyPatch, nth: int
) -> None:
    root = write(**{"app/track.py": 'import analytics\nanalytics.track(u, "a_b")\n'})
    fail_at_swap(monkeypatch, nth, KeyboardInterrupt())
    result = run("init", "--from-code")
    monkeypatch.undo()
    assert result.exit_code == 130
    put_back = " (1 file(s) put back)" if nth == 2 else ""
    assert result.stderr == f"evdict: interrupted: nothing was changed{put_back}\n"
    assert sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if ".evdict_cache" not in path.parts
    ) == ["app", "app/track.py"]


def test_a_config_that_appears_meanwhile_is_never_overwritten(
    write: WriteFiles, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(**{"app/track.py": 'import analytics\nanalytics.track(u, "a_b")\n'})
    real = init.draft_plan

    def draft_then_a_config(*args: object, **kwargs: object) -> init.Draft:
        (root / "evdict.yaml").write_text("# mine\n", encoding="utf-8")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(init, "draft_plan", draft_then_a_config)
    result = run("init", "--from-code")
    assert result.exit_code == 2
    assert result.stderr == (
        "evdict: error: cannot write evdict.yaml (it was created meanwhile): nothing was changed\n"
    )
    assert (root / "evdict.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert not (root / "tracking-plan").exists()
