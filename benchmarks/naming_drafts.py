"""Naming findings on the plans `evdict init --from-code` drafts for real products.

Usage::

    python benchmarks/naming_drafts.py --trees /work/products \\
        [--evdict PATH_TO_EVDICT] [--baseline PATH_TO_OTHER_EVDICT] [--product NAME ...]

For each product of ``zero_config/products.json`` whose tree is in ``--trees`` (its
``tree`` subfolder when it has one), the scan root is copied to a temporary folder,
``evdict init --from-code`` drafts a config and a plan there, and ``evdict lint
--select EV1`` counts the naming findings of the draft, by rule. The config init writes
holds the code to its own convention (the case, word order and category it finds), so
what the lint flags is what strays from that convention, or what init could not tell.
A finding on a vendor's own name, or one per name because the convention was missed, is
noise a new user reads first. With ``--baseline`` a second evdict (another checkout's
venv) runs on the same copies in the same run, and both columns are printed.

The trees are never written to; the copies are deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

PRODUCTS = Path(__file__).parent / "zero_config" / "products.json"
CONFIG_FILES = ("evdict.yaml", "evdict.yml", ".evdict.yaml")


def naming_findings(evdict: str, tree: Path) -> Counter[str] | str:
    """EV1xx findings by rule on the plan init drafts for a copy of ``tree``, or why
    there are none (an evdict that fails on the product)."""
    with tempfile.TemporaryDirectory(prefix="evdict-naming-") as folder:
        copy = Path(folder) / tree.name
        shutil.copytree(tree, copy, symlinks=True, ignore=shutil.ignore_patterns(".git"))
        for name in CONFIG_FILES:
            (copy / name).unlink(missing_ok=True)
        drafted = subprocess.run(
            [evdict, "init", "--from-code"], cwd=copy, capture_output=True, check=False
        )
        if drafted.returncode != 0:
            return f"init failed (exit {drafted.returncode})"
        linted = subprocess.run(
            [evdict, "lint", "--select", "EV1", "--format", "json", "--no-cache"],
            cwd=copy,
            capture_output=True,
            text=True,
            check=False,
        )
        report = json.loads(linted.stdout)
        return Counter(finding["code"] for finding in report["diagnostics"])


def shown(counts: Counter[str] | str) -> str:
    if isinstance(counts, str):
        return counts
    by_rule = " ".join(f"{code}:{count}" for code, count in sorted(counts.items()))
    return f"{sum(counts.values()):4} {by_rule}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--trees", type=Path, required=True)
    parser.add_argument("--evdict", default="evdict")
    parser.add_argument("--baseline", help="another evdict to compare with, in the same run")
    parser.add_argument("--product", action="append", help="only these products")
    args = parser.parse_args()
    products = json.loads(PRODUCTS.read_text(encoding="utf-8"))["products"]
    totals: Counter[str] = Counter()
    base_totals: Counter[str] = Counter()
    print(f"{'product':22} {'baseline':28} {'evdict':28}" if args.baseline else "product")
    for product in products:
        name = product["name"]
        tree = args.trees / name / product.get("tree", "")
        if (args.product and name not in args.product) or not tree.is_dir():
            continue
        now = naming_findings(args.evdict, tree)
        if args.baseline:
            before = naming_findings(args.baseline, tree)
            # Totals over the products both evdicts draft, so the two columns compare.
            if not isinstance(before, str) and not isinstance(now, str):
                base_totals.update(before)
                totals.update(now)
            print(f"{name:22} {shown(before):28} {shown(now):28}")
        else:
            if not isinstance(now, str):
                totals.update(now)
            print(f"{name:22} {shown(now)}")
    if args.baseline:
        print(f"{'total':22} {shown(base_totals):28} {shown(totals):28}")
    else:
        print(f"{'total':22} {shown(totals)}")


if __name__ == "__main__":
    main()
