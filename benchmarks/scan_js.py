"""How long scanning a JavaScript/TypeScript tree takes, against its floors.

Collects a tree of a few thousand JS/TS files by unpacking npm packages with
``npm pack`` (the TypeScript compiler, MUI and Ant Design: about 6,000 source files)
into a cache folder that later runs reuse, copies the JS fixture app of the tests in
so there are tracking calls to find, wrappers to infer and constants to import, then
prints in one run:

  (a) read floor:   reading every source file (warm file cache)
  (b) cold scan:    ``scan_project`` with an empty scan cache: discover, prefilter,
                    parse the candidates, resolve (in-process, start-up excluded);
                    (b') ``evdict scan`` as a subprocess, start-up included
  (c) warm scan:    the same again, the scan cache filled; (c') ``evdict scan``
  (d) parse all:    tree-sitter parsing every source file, one process: what a scan
                    that parsed everything would cost at least
  (e) extract all:  the JS/TS front end (parse and facts) on every source file

Each figure is the median of ``--repeat`` runs. Usage::

    .venv/bin/python benchmarks/scan_js.py [--corpus DIR] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from timing import timed

from evdict.config import Config
from evdict.scanner.engine import scan_project
from evdict.scanner.frontends.javascript import extract, grammar_for, parse_tree_only

PACKAGES = ("typescript@5.6.3", "@mui/material@6.1.6", "antd@5.21.6")
FIXTURE_APP = (
    Path(__file__).resolve().parents[1] / "tests" / "unit" / "scanner" / "fixtures" / "js" / "app"
)
DEFAULT_CORPUS = Path(tempfile.gettempdir()) / "evdict-bench-js"
MAX_FILE_SIZE = 1_000_000


def collect(corpus: Path) -> None:
    """Unpack the npm packages into ``corpus`` (once) and copy the fixture app in."""
    packages = corpus / "packages"
    if not packages.is_dir():
        download = corpus / "download"
        download.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", "--silent", *PACKAGES], cwd=download, check=True)
        staging = corpus / "staging"
        for archive in sorted(download.glob("*.tgz")):
            target = staging / archive.name.removesuffix(".tgz")
            target.mkdir(parents=True, exist_ok=True)
            with tarfile.open(archive) as tar:
                tar.extractall(target, filter="data")
        staging.rename(packages)
    shutil.copytree(FIXTURE_APP, corpus / "app", dirs_exist_ok=True)


def sources(corpus: Path) -> list[Path]:
    return sorted(
        path
        for path in corpus.rglob("*")
        if path.is_file() and grammar_for(path.suffix) and path.stat().st_size <= MAX_FILE_SIZE
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus: Path = args.corpus
    collect(corpus)
    files = sources(corpus)
    datas = [(path.read_bytes(), path.name) for path in files]
    total = sum(len(data) for data, _ in datas)
    print(f"corpus: {corpus}: {len(files)} JS/TS files, {total / 1e6:.1f} MB")

    def read_all() -> None:
        for path in files:
            path.read_bytes()

    cache_dir = Path(tempfile.mkdtemp(prefix="evdict-bench-cache-"))
    config = Config.from_data(
        {
            "sources": {"include": ["**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"], "exclude": []},
            "cache_dir": str(cache_dir),
        },
        corpus,
    )

    def cold() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)
        scan_project(config, jobs=2)

    def warm() -> None:
        scan_project(config, jobs=2)

    config_file = corpus / "evdict.yaml"
    config_file.write_text(
        'sources: {include: ["**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"], exclude: []}\n'
        f"cache_dir: {cache_dir}\n",
        encoding="utf-8",
    )
    evdict = [sys.executable, "-m", "evdict", "scan", "--config", str(config_file), "--jobs", "2"]

    def cli() -> None:
        subprocess.run(evdict, cwd=corpus, check=True, stdout=subprocess.DEVNULL)

    def cli_cold() -> None:
        shutil.rmtree(cache_dir, ignore_errors=True)
        cli()

    floor = timed(read_all, args.repeat)
    cold_time = timed(cold, args.repeat)
    inventory = scan_project(config, jobs=2)
    warm_time = timed(warm, args.repeat)
    cli_cold_time = timed(cli_cold, args.repeat)
    cli_warm_time = timed(cli, args.repeat)
    parse_time = timed(lambda: [parse_tree_only(d, name) for d, name in datas], args.repeat)
    extract_time = timed(lambda: [extract(d, name) for d, name in datas], args.repeat)
    failures = sum(1 for d, name in datas if not parse_tree_only(d, name))
    shutil.rmtree(cache_dir, ignore_errors=True)

    print(f"(a) read floor:   {floor:7.3f} s")
    print(
        f"(b) cold scan:    {cold_time:7.3f} s  ({inventory.files_parsed} files parsed, "
        f"{len(inventory.calls)} tracking calls, {len(inventory.wrappers)} wrappers inferred)"
    )
    print(f"(b') evdict scan cold: {cli_cold_time:6.3f} s  (start-up included)")
    print(f"(c) warm scan:    {warm_time:7.3f} s")
    print(f"(c') evdict scan warm: {cli_warm_time:6.3f} s  (start-up included)")
    print(f"(d) parse all:    {parse_time:7.3f} s  ({failures} files with a syntax error)")
    print(f"(e) extract all:  {extract_time:7.3f} s")


if __name__ == "__main__":
    main()
