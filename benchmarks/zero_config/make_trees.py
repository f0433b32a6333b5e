"""Write the benchmark's product trees from bare git snapshots (what ``fetch`` brings).

Each product's tree is its recorded commit, written blob by blob: symlinks and blobs
missing from a snapshot (large media the snapshots leave out) are skipped and counted.
A product with ``extract`` in ``products.json`` gets only those paths (a folder, a
file, or a glob of root files such as ``*.json``); the others get their whole tree.

    python3 make_trees.py --mirror /work/.mirror --out /work/products [--product NAME]

A snapshot of ``owner/name`` is looked for at ``MIRROR/owner+name/repo`` (``mirror``
in ``products.json`` names another repository holding the same commit, as for a fork).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import subprocess
from pathlib import Path, PurePosixPath
from typing import Any

HERE = Path(__file__).parent


def wanted(path: str, extract: list[str]) -> bool:
    """Whether ``path`` is under one of ``extract``'s folders or matches a root glob."""
    for entry in extract:
        if "*" in entry:
            if "/" not in path and fnmatch.fnmatchcase(path, entry):
                return True
        elif path == entry.rstrip("/") or path.startswith(entry.rstrip("/") + "/"):
            return True
    return False


def write_tree(git_dir: Path, commit: str, out: Path, extract: list[str] | None) -> tuple[int, int]:
    """Write ``commit``'s regular files into ``out``; return (written, skipped)."""
    listing = subprocess.run(
        ["git", "--git-dir", str(git_dir), "ls-tree", "-r", "-z", commit],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8", "surrogateescape")
    entries = []
    for record in filter(None, listing.split("\0")):
        meta, path = record.split("\t", 1)
        mode, kind, sha = meta.split()
        if (
            kind == "blob"
            and mode in ("100644", "100755")
            and (extract is None or wanted(path, extract))
        ):
            entries.append((path, sha))
    batch = subprocess.Popen(
        ["git", "--git-dir", str(git_dir), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert batch.stdin is not None and batch.stdout is not None
    written = skipped = 0
    for path, sha in entries:
        batch.stdin.write(sha.encode() + b"\n")
        batch.stdin.flush()
        header = batch.stdout.readline().split()
        if header[-1] == b"missing":
            skipped += 1
            continue
        data = batch.stdout.read(int(header[2]))
        batch.stdout.read(1)
        target = out / PurePosixPath(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    batch.stdin.close()
    batch.wait()
    return written, skipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, required=True, help="folder of bare snapshots")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the trees in")
    parser.add_argument("--product", action="append", help="only this product (repeatable)")
    args = parser.parse_args()
    products: list[dict[str, Any]] = json.loads((HERE / "products.json").read_text())["products"]
    for product in products:
        if args.product and product["name"] not in args.product:
            continue
        out = args.out / product["name"]
        if out.exists():
            print(f"{product['name']}: {out} exists, left as it is")
            continue
        repo = product.get("mirror", product["repo"])
        git_dir = args.mirror / repo.replace("/", "+") / "repo"
        written, skipped = write_tree(git_dir, product["commit"], out, product.get("extract"))
        print(f"{product['name']}: {written} files written, {skipped} missing from the snapshot")


if __name__ == "__main__":
    main()
