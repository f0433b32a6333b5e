"""The site is written inside --out only: never through a link, never deleting a file
evdict did not write, and no page of an entry replaces one of the site's own pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import evdict.transaction
from evdict.anchored import Place, write_temporary
from evdict.docs.output import MANIFEST, SiteOutput, UnsafeOutputError
from evdict.docs.slugs import assign_slugs
from tests.conftest import RunCli, WriteFiles, fail_at_swap

PLAN = "events:\n  a_created: {description: An a was created.}\n"


@pytest.fixture
def project(write: WriteFiles) -> Path:
    return write(**{"evdict.yaml": "plan: [events.yaml]\n", "events.yaml": PLAN})


def test_a_linked_events_folder_is_refused_and_nothing_is_written_there(
    project: Path, run: RunCli
) -> None:
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    (project / "site").mkdir()
    (project / "site" / "events").symlink_to(elsewhere)
    result = run("docs", "--out", "site", "--no-scan")
    assert result.exit_code == 2
    assert result.stderr == (
        "evdict: error: site/events is a symbolic link: evdict writes no file through a link; "
        "remove it and build again\n"
    )
    assert list(elsewhere.iterdir()) == []


def test_a_linked_index_page_is_refused_and_its_target_kept(project: Path, run: RunCli) -> None:
    victim = project / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / "index.html").symlink_to(victim)
    result = run("docs", "--out", "site", "--no-scan")
    assert result.exit_code == 2
    assert "site/index.html is a symbolic link" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_a_linked_manifest_is_not_written_through(project: Path, run: RunCli) -> None:
    victim = project / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (project / "site").mkdir()
    (project / "site" / MANIFEST).symlink_to(victim)
    result = run("docs", "--out", "site", "--no-scan")
    assert result.exit_code == 2
    assert f"site/{MANIFEST} is a symbolic link" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_a_manifest_naming_a_file_under_a_linked_folder_deletes_nothing(
    project: Path, run: RunCli
) -> None:
    outside = project / "outside"
    (outside / "events").mkdir(parents=True)
    precious = outside / "events" / "precious.html"
    precious.write_text("mine\n", encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / "linked").symlink_to(outside)
    (site / MANIFEST).write_text(
        "linked/events/precious.html\n../outside/events/precious.html\n"
        f"{outside}/events/precious.html\n",
        encoding="utf-8",
    )
    assert run("docs", "--out", "site", "--no-scan").exit_code == 0
    assert precious.read_text(encoding="utf-8") == "mine\n"


def test_a_manifest_deletes_only_files_shaped_as_evdict_writes_them(
    project: Path, run: RunCli
) -> None:
    site = project / "site"
    (site / "events").mkdir(parents=True)
    for name in ("CNAME", "notes.txt", "events/old_event.html", "events/hand.txt"):
        (site / name).write_text("x\n", encoding="utf-8")
    elsewhere = project / "target.html"
    elsewhere.write_text("linked\n", encoding="utf-8")
    (site / "events" / "linked.html").symlink_to(elsewhere)
    (site / MANIFEST).write_text(
        "CNAME\nnotes.txt\nevents/old_event.html\nevents/hand.txt\nevents/linked.html\n",
        encoding="utf-8",
    )
    assert run("docs", "--out", "site", "--no-scan").exit_code == 0
    assert not (site / "events" / "old_event.html").exists()  # a page an old build wrote
    assert {"CNAME", "notes.txt"} <= {path.name for path in site.iterdir()}
    assert (site / "events" / "hand.txt").is_file()
    assert (site / "events" / "linked.html").is_symlink()
    assert elsewhere.read_text(encoding="utf-8") == "linked\n"


def test_the_output_folder_itself_may_be_a_link(project: Path, run: RunCli) -> None:
    real = project / "real-site"
    real.mkdir()
    (project / "site").symlink_to(real)
    assert run("docs", "--out", "site", "--no-scan").exit_code == 0
    assert (real / "events" / "a_created.html").is_file()


def test_site_output_refuses_a_link_in_a_nested_folder(tmp_path: Path) -> None:
    (tmp_path / "out" / "events").mkdir(parents=True)
    (tmp_path / "out" / "events" / "deep").symlink_to(tmp_path)
    with pytest.raises(UnsafeOutputError):
        SiteOutput(tmp_path / "out").write("events/deep/page.html", "x")


def test_a_shared_property_named_index_keeps_the_properties_listing(
    write: WriteFiles, run: RunCli
) -> None:
    write(
        **{
            "evdict.yaml": "plan: [events.yaml]\n",
            "events.yaml": "properties:\n  index: {type: integer, description: Position.}\n"
            "events:\n  a_created:\n    description: An a was created.\n"
            "    properties: {index: {}}\n",
        }
    )
    assert run("docs", "--out", "site", "--no-scan").exit_code == 0
    listing = Path("site/properties/index.html").read_text(encoding="utf-8")
    assert "<title>Shared properties" in listing
    pages = [path.name for path in Path("site/properties").iterdir()]
    own = [name for name in pages if name.startswith("index-")]
    assert len(own) == 1 and "Position." in Path("site/properties", own[0]).read_text("utf-8")


def test_reserved_slugs_are_hashed_and_others_stay_clean() -> None:
    slugs = assign_slugs(["index", "plan", "Index"], reserved={"index"})
    assert slugs["plan"] == "plan"
    assert slugs["index"].startswith("index-") and slugs["Index"].startswith("index-")
    assert len(set(slugs.values())) == 3


def test_a_linked_events_folder_as_the_user_runs_it(project: Path) -> None:
    (project / "site").mkdir()
    (project / "site" / "events").symlink_to(project)
    done = subprocess.run(
        [sys.executable, "-m", "evdict", "docs", "--out", "site", "--no-scan"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("evdict: error: site/events is a symbolic link")
    assert "Traceback" not in done.stderr
    assert not (project / "a_created.html").exists()


def _site(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("nth", [1, 4, 7])
def test_ctrl_c_during_a_rebuild_leaves_the_previous_site_whole(
    project: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch, nth: int
) -> None:
    (project / "events.yaml").write_text(
        "events:\n  a_created: {description: An a.}\n  b_created: {description: A b.}\n",
        encoding="utf-8",
    )
    assert run("docs", "--out", "site", "--no-scan").exit_code == 0
    before = _site(project / "site")
    (project / "events.yaml").write_text(
        "events:\n  a_created: {description: An a, again.}\n  c_created: {description: A c.}\n",
        encoding="utf-8",
    )
    fail_at_swap(monkeypatch, nth, KeyboardInterrupt())
    result = run("docs", "--out", "site", "--no-scan")
    monkeypatch.undo()
    assert result.exit_code == 130
    put_back = f" ({nth - 1} file(s) put back)" if nth > 1 else ""
    assert result.stderr == f"evdict: interrupted: nothing was changed{put_back}\n"
    assert _site(project / "site") == before  # the stale page kept, no temporary left
    assert run("docs", "--out", "site", "--no-scan").exit_code == 0
    after = _site(project / "site")
    assert "events/b_created.html" not in after and "events/c_created.html" in after


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="Windows checks paths instead")
def test_a_folder_swapped_for_a_link_while_the_site_is_written_is_refused(
    project: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = project / "outside"
    outside.mkdir()
    assert run("docs", "--out", "site", "--no-scan").exit_code == 0
    real = write_temporary

    def then_a_link(place: Place, data: bytes, mode: int, **kwargs: object) -> Place:
        events = project / "site" / "events"
        if not events.is_symlink():  # after the site was planned, before it is written
            events.rename(project / "events-moved")
            events.symlink_to(outside, target_is_directory=True)
        return real(place, data, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(evdict.transaction, "write_temporary", then_a_link)
    result = run("docs", "--out", "site", "--no-scan")
    monkeypatch.undo()
    assert result.exit_code == 2
    assert result.stderr == (
        f"evdict: error: cannot write {Path('site/events/a_created.html')} "
        f"({Path('site/events')} "
        "is a symbolic link: evdict writes nothing through a link): nothing was changed\n"
    )
    assert list(outside.iterdir()) == []


def test_a_page_over_a_source_the_scan_reads_is_refused(write: WriteFiles, run: RunCli) -> None:
    source = "import posthog from 'posthog-js';\nposthog.capture('a_created');\n"
    write(
        **{
            "evdict.yaml": "plan: [events.yaml]\n",
            "events.yaml": PLAN,
            "web/assets/search.js": source,
        }
    )
    result = run("docs", "--out", "web", "--no-scan")
    assert result.exit_code == 2
    assert result.stderr == (
        f"evdict: error: --out {Path('web/assets/search.js')} is a source file the scan "
        "reads: evdict never writes over a file it reads; choose another path\n"
    )
    assert Path("web/assets/search.js").read_text(encoding="utf-8") == source
    assert not Path("web/index.html").exists()
