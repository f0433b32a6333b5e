"""How long ``evdict rename`` takes on a large plan and a code base that tracks its events.

Generates the plan of ``lint_plan.py`` (``--events`` events, one file per team) and
``--files`` Python modules, each tracking five events by literal and one through a
constant of a shared ``names.py``, then prints in one run:

  (a)  floor:       reading the plan file that defines the renamed event
  (b)  round-trip:  renaming in that file with ruamel.yaml's round-trip mode (load,
                    dump of the untouched file to check it comes back exactly, edit,
                    dump, line-by-line check, reload)
  (c)  text:        the same with exact text edits at the loader's positions (+ reload)
  (d)  dry run:     ``evdict rename OLD NEW --dry-run`` as a subprocess, scan cache warm
  (e)  cold:        (d) with ``--no-cache``
  (f)  write:       ``evdict rename OLD NEW``, scan cache warm: every file written (all or
                    nothing: temporaries, then swaps), the tree put back between runs

Each figure is the median and the best of ``--repeat`` runs. Usage::

    .venv/bin/python benchmarks/rename.py [--events 5000] [--files 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from lint_plan import generate, timed

from evdict.config import load_config
from evdict.plan.edit import rename_event
from evdict.plan.load import load_plan_files


def write_code(root: Path, names: list[str], files: int) -> None:
    package = root / "app"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    constants = "".join(f'E{index} = "{name}"\n' for index, name in enumerate(names[:50]))
    (package / "names.py").write_text(constants, encoding="utf-8")
    for number in range(files):
        calls = "".join(
            f'    analytics.track(user, "{names[(number * 5 + k) % len(names)]}", {{"n": {k}}})\n'
            for k in range(5)
        )
        (package / f"view_{number}.py").write_text(
            "import analytics\nfrom app import names\n\n\ndef view(user):\n"
            f"{calls}    analytics.track(user, names.E{number % 50})\n",
            encoding="utf-8",
        )


def cli_rename(root: Path, old: str, *options: str) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "evdict", "rename", old, "renamed_event", *options],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(completed.stderr.decode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--props", type=int, default=10)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="evdict-bench-") as tmp:
        root = Path(tmp)
        generate(root, args.events, args.props)
        config = load_config(root / "evdict.yaml")
        files = sorted((root / "tracking-plan").glob("*.yaml"))
        plan = load_plan_files(files)
        names = list(plan.events)
        write_code(root, names, args.files)
        old = names[0]  # defined by names.py (a constant) and tracked by literal
        path = Path(plan.events[old].origin.file)
        text = path.read_text(encoding="utf-8")
        print(
            f"plan: {len(names)} events in {len(files)} files; '{old}' in {path.name} "
            f"({len(text) / 1e6:.2f} MB, {text.count(chr(10))} lines); "
            f"code: {args.files + 2} Python files"
        )
        figures = {
            "(a) floor: read the plan file": timed(path.read_text, args.repeat),
            "(b) round-trip edit of that file": timed(
                lambda: rename_event(text, path.name, old, "renamed_event", ("round-trip",)),
                args.repeat,
            ),
            "(c) text edit of that file": timed(
                lambda: rename_event(text, path.name, old, "renamed_event", ("text",)),
                args.repeat,
            ),
        }
        cli_rename(root, old, "--dry-run")  # fills the scan cache
        figures["(d) evdict rename --dry-run, warm"] = timed(
            lambda: cli_rename(root, old, "--dry-run"), args.repeat
        )
        figures["(e) evdict rename --dry-run --no-cache"] = timed(
            lambda: cli_rename(root, old, "--dry-run", "--no-cache"), args.repeat
        )
        originals = {file: file.read_bytes() for file in [*files, *(root / "app").glob("*.py")]}

        def write_and_put_back() -> None:
            cli_rename(root, old)
            for file, data in originals.items():
                file.write_bytes(data)

        figures["(f) evdict rename (writes), warm"] = timed(write_and_put_back, args.repeat)
        del config
        for label, (median, best) in figures.items():
            print(f"{label:<42} median {median:7.3f} s   best {best:7.3f} s")


if __name__ == "__main__":
    main()
