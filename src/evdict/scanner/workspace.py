"""Which file a JS/TS import names, the way Node and TypeScript resolve it, without
``node_modules``: relative specifiers, the ``paths`` and ``baseUrl`` of the nearest
``tsconfig.json`` (``extends`` followed; the one SvelteKit or Nuxt generates, git-ignored,
read as its aliases), then the aliases of the nearest ``vite.config`` (``resolve.alias``), and the packages of an npm, yarn or pnpm
workspace by their ``package.json`` ``name`` (a deep import is the file under the
package's folder; a bare one its entry: ``exports``, ``module``, ``main``, ``types``,
else ``index``, a built ``dist/`` path read back as its ``src/`` source).

Only the files say: a package outside the workspace globs, an alias no tsconfig
declares, a file that is not among the scanned sources resolves to nothing (the
resolver then reads the specifier as before). The JSON and YAML files are read when
first needed and once per scan (:class:`Workspace` lives as long as the scan's group);
nothing is imported or run.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evdict.globs import glob_regex
from evdict.scanner.manifests import dependencies
from evdict.scanner.vite_aliases import CONFIG_NAMES, vite_aliases
from evdict.yamlsource import load_yaml

_SUFFIXES = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".vue", ".svelte")
_COMPILED = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}
"""A compiled suffix written in an import (TS's ESM style ``"./events.js"``) -> the source's."""
_BUILT = frozenset(("dist", "build", "lib", "out"))
_FLAVOURS = frozenset(("esm", "cjs", "es", "mjs", "types", "src"))
_CONDITIONS = ("source", "import", "module", "default", "require", "node", "browser", "types")
_CONFIGS = ("tsconfig.json", "jsconfig.json")
_NODE_BUILTINS = frozenset(
    (
        "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants",
        "crypto", "dgram", "diagnostics_channel", "dns", "domain", "events", "fs", "http",
        "http2", "https", "inspector", "module", "net", "os", "path", "perf_hooks", "process",
        "punycode", "querystring", "readline", "repl", "stream", "string_decoder", "sys",
        "timers", "tls", "trace_events", "tty", "url", "util", "v8", "vm", "wasi",
        "worker_threads", "zlib",
    )
)  # fmt: skip
_MAX_DEPTH = 16
_MAX_CONFIG_BYTES = 1 << 20
_GENERATED_PATHS = {
    ".svelte-kit": (("$lib", ("src/lib",)), ("$lib/*", ("src/lib/*",))),
    ".nuxt": tuple(
        (alias, targets)
        for short, long, source in (("~", "~~", "app"), ("@", "@@", "app"))
        for alias, targets in (
            (short, (source, "")),
            (f"{short}/*", (f"{source}/*", "*")),
            (long, ("",)),
            (f"{long}/*", ("*",)),
        )
    ),
}
"""The ``paths`` of the tsconfig a framework generates in its build folder (git ignores
it), relative to the app's folder: SvelteKit's ``$lib``; Nuxt's ``~``/``@`` (the source
folder: ``app/`` in Nuxt 4, the app's own folder before) and ``~~``/``@@`` (the app's
folder). Aliases added in ``svelte.config.js`` or ``nuxt.config.ts`` are code, not read;
a ``vite.config`` file's ``resolve.alias`` is read as data (:mod:`evdict.scanner.vite_aliases`)."""
# JSON with comments and trailing commas (tsconfig): a string is kept, the rest dropped.
_JSONC = re.compile(r'("(?:\\.|[^"\\])*")|//[^\n]*|/\*.*?\*/|,(?=\s*[}\]])', re.DOTALL)


def parse_jsonc(text: str) -> Any:
    """JSON that may hold ``//`` and ``/* */`` comments and trailing commas."""
    return json.loads(_JSONC.sub(lambda match: match.group(1) or "", text))


@dataclass(frozen=True, slots=True)
class TsConfig:
    """What resolution needs of a tsconfig (its ``extends`` merged in): ``paths`` and
    the folder its targets are relative to, and ``baseUrl`` (folders relative to the
    scan root)."""

    paths: tuple[tuple[str, tuple[str, ...]], ...] = ()
    paths_base: str = ""
    base_url: str | None = None

    def candidates(self, specifier: str) -> Iterator[str]:
        """The paths a non-relative specifier may name, in TypeScript's order: the
        targets of the ``paths`` pattern that matches with the longest prefix, then
        the specifier under ``baseUrl``."""
        best: tuple[int, str, tuple[str, ...]] | None = None
        for pattern, targets in self.paths:
            if "*" not in pattern:
                if pattern == specifier:
                    best = (len(pattern) + 1, "", targets)
                    break
                continue
            prefix, _, suffix = pattern.partition("*")
            if (
                specifier.startswith(prefix)
                and specifier.endswith(suffix)
                and len(specifier) >= len(prefix) + len(suffix)
                and (best is None or len(prefix) > best[0])
            ):
                best = (len(prefix), specifier[len(prefix) : len(specifier) - len(suffix)], targets)
        if best is not None:
            base = self.base_url if self.base_url is not None else self.paths_base
            for target in best[2]:
                found = _join(base, target.replace("*", best[1], 1))
                if found is not None:
                    yield found
        if self.base_url is not None:
            found = _join(self.base_url, specifier)
            if found is not None:
                yield found


class Workspace:
    """The JS/TS layout of the project at ``root``; ``files`` maps each source (path
    relative to the root) to its module name. Every answer is memoised."""

    def __init__(self, root: Path, files: Mapping[str, str]) -> None:
        self.root = root
        self.files = files
        self.paths = {module: rel for rel, module in files.items()}
        self._packages: dict[str, str] | None = None
        self._json: dict[str, Any] = {}
        self._configs: dict[str, TsConfig | None] = {}
        self._nearest: dict[str, TsConfig | None] = {}
        self._vite: dict[str, TsConfig | None] = {}
        self._found: dict[tuple[str, str], str | None] = {}
        self._dependencies: dict[str, frozenset[str]] = {}

    # --- the resolver's questions ---------------------------------------------------------

    def module(self, importer: str, specifier: str) -> str | None:
        """The module (by name) that ``specifier``, imported by module ``importer``,
        names; None when no scanned source is that file."""
        rel = self.paths.get(importer)
        if rel is None:
            return None
        folder = posixpath.dirname(rel)
        key = (folder, specifier)
        if key not in self._found:
            found = self.file(folder, specifier)
            self._found[key] = self.files.get(found) if found is not None else None
        return self._found[key]

    def package_names(self, module: str) -> tuple[str, ...]:
        """The names of the workspace packages whose folder holds ``module``: what an
        import of it by package name writes."""
        rel = self.paths.get(module)
        if rel is None:
            return ()
        return tuple(
            name
            for name, folder in self.packages().items()
            if folder and rel.startswith(folder + "/")
        )

    def dependency(self, importer: str, specifier: str) -> bool:
        """Whether a bare ``specifier`` names a package, not a file: a Node built-in
        (``events``, ``node:fs``) or a dependency a ``package.json`` from the importer's
        folder up to the root lists (``react``, ``@sentry/node/types``)."""
        if specifier.startswith((".", "/", "@/", "~/", "#", "$")):
            return False
        parts = specifier.split("/")
        name = "/".join(parts[:2]) if specifier.startswith("@") else parts[0]
        if name.startswith("node:") or name in _NODE_BUILTINS:
            return True
        rel = self.paths.get(importer)
        return (
            rel is not None
            and name in self._declared(posixpath.dirname(rel))
            and name not in self.packages()  # the workspace's own, a file of the project
        )

    def _declared(self, folder: str) -> frozenset[str]:
        """The dependencies the ``package.json`` files of ``folder`` and above list from
        a registry (a ``file:`` one is the project's own code)."""
        found = self._dependencies.get(folder)
        if found is None:
            above = self._declared(posixpath.dirname(folder)) if folder else frozenset()
            listed = dependencies(self.json(_join(folder, "package.json")))
            found = above | {name for name, version in listed if not _local(version)}
            self._dependencies[folder] = found
        return found

    def file(self, folder: str, specifier: str) -> str | None:
        """The source file (relative to the root) ``specifier`` names from ``folder``."""
        if specifier in (".", "..") or specifier.startswith(("./", "../")):
            return self.source(_join(folder, specifier))
        if specifier.startswith("/") or ":" in specifier.partition("/")[0]:
            return None  # an absolute path, a URL or ``node:fs``
        for config in (self.tsconfig(folder), self.vite_config(folder)):
            if config is not None:
                for candidate in config.candidates(specifier):
                    found = self.source(candidate)
                    if found is not None:
                        return found
        return self.package_file(specifier)

    # --- files ----------------------------------------------------------------------------

    def source(self, path: str | None) -> str | None:
        """The scanned source a path names: as written, with a source suffix for a
        compiled one (``events.js`` -> ``events.ts``), with a suffix added, or a
        folder's ``index``."""
        if path is None:
            return None
        if path in self.files:
            return path
        stem, suffix = posixpath.splitext(path)
        if stem.endswith(".d") and suffix in (".ts", ".mts", ".cts"):
            path = stem[:-2]  # a declaration file: the module it declares
        for replacement in _COMPILED.get(suffix, ()):
            if stem + replacement in self.files:
                return stem + replacement
        for candidate in (path, f"{path}/index" if path else "index"):
            for added in _SUFFIXES:
                if candidate + added in self.files:
                    return candidate + added
        return None

    def built_source(self, folder: str, path: str) -> str | None:
        """A package's built entry (``dist/index.js``, ``dist/esm/index.mjs``) read back
        as its source (``src/index.ts``) when the built file is not a scanned source."""
        parts = (_join("", path) or "").split("/")
        if len(parts) < 2 or parts[0] not in _BUILT:
            return None
        rest = parts[1:]
        tails = [rest]
        if len(rest) > 1 and rest[0] in _FLAVOURS:
            tails.append(rest[1:])
        for tail in tails:
            found = self.source(_join(folder, "/".join(["src", *tail])))
            if found is not None:
                return found
        return None

    # --- workspace packages ------------------------------------------------------------------

    def packages(self) -> dict[str, str]:
        """Package name -> folder, for the workspace's packages (the root's
        ``package.json`` ``workspaces``, ``pnpm-workspace.yaml`` ``packages``)."""
        if self._packages is None:
            globs = self.workspace_globs()
            self._packages = {}
            if globs:
                include = [glob_regex(glob, folder=True) for glob in globs if glob[:1] != "!"]
                exclude = [glob_regex(glob[1:], folder=True) for glob in globs if glob[:1] == "!"]
                for folder in sorted(self.folders()):
                    if not any(p.fullmatch(folder) for p in include) or any(
                        p.fullmatch(folder) for p in exclude
                    ):
                        continue
                    manifest = self.json(_join(folder, "package.json"))
                    name = manifest.get("name") if isinstance(manifest, dict) else None
                    if isinstance(name, str) and name and name not in self._packages:
                        self._packages[name] = folder
        return self._packages

    def workspace_globs(self) -> list[str]:
        globs: list[str] = []
        manifest = self.json("package.json")
        declared = manifest.get("workspaces") if isinstance(manifest, dict) else None
        if isinstance(declared, dict):  # yarn: ``{"packages": [...], "nohoist": [...]}``
            declared = declared.get("packages")
        if isinstance(declared, list):
            globs.extend(glob for glob in declared if isinstance(glob, str))
        try:
            text = (self.root / "pnpm-workspace.yaml").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        if text:
            data = load_yaml(text, "pnpm-workspace.yaml").data
            listed = data.get("packages") if isinstance(data, dict) else None
            if isinstance(listed, list):
                globs.extend(glob for glob in listed if isinstance(glob, str))
        return [_clean(glob) for glob in globs if _clean(glob)]

    def folders(self) -> set[str]:
        """Every folder that holds a scanned source, and their ancestors (a package
        with no source is nothing an import can reach)."""
        found: set[str] = set()
        for rel in self.files:
            folder = posixpath.dirname(rel)
            while folder and folder not in found:
                found.add(folder)
                folder = posixpath.dirname(folder)
        return found

    def package_file(self, specifier: str) -> str | None:
        """A workspace package's file: a deep import's under its folder (or its
        ``exports`` subpath), a bare import's entry."""
        parts = specifier.split("/")
        size = 2 if specifier.startswith("@") else 1
        name, rest = "/".join(parts[:size]), "/".join(parts[size:])
        folder = self.packages().get(name)
        if folder is None:
            return None
        manifest = self.json(_join(folder, "package.json"))
        manifest = manifest if isinstance(manifest, dict) else {}
        exports = manifest.get("exports")
        subpath = f"./{rest}" if rest else "."
        targets: list[str] = []
        if isinstance(exports, dict) and any(key.startswith(".") for key in exports):
            targets.extend(_subpath_targets(exports, subpath))
        elif not rest:
            targets.extend(_conditions(exports))
        if rest:
            targets.append(rest)
        else:
            for key in ("module", "main", "types", "typings"):
                value = manifest.get(key)
                if isinstance(value, str):
                    targets.append(value)
            targets.extend(("index", "src/index"))
        for target in targets:
            found = self.source(_join(folder, target)) or self.built_source(folder, target)
            if found is not None:
                return found
        return None

    # --- tsconfig ----------------------------------------------------------------------------

    def tsconfig(self, folder: str) -> TsConfig | None:
        """The tsconfig (or jsconfig) nearest above ``folder``, inside the root."""
        return self._nearest_config(folder, _CONFIGS, self._nearest, self._read_tsconfig)

    def _read_tsconfig(self, folder: str, name: str) -> TsConfig | None:
        return self.config(f"{folder}/{name}" if folder else name, frozenset())

    def _nearest_config(
        self,
        folder: str,
        names: Sequence[str],
        memo: dict[str, TsConfig | None],
        read: Callable[[str, str], TsConfig | None],
    ) -> TsConfig | None:
        """What ``read`` makes of the first of ``names`` in ``folder`` or the nearest
        folder above it holding one, inside the root; memoised per folder in ``memo``."""
        if folder in memo:
            return memo[folder]
        name = next((name for name in names if (self.root / folder / name).is_file()), None)
        if name is not None:
            found = read(folder, name)
        else:
            found = (
                self._nearest_config(posixpath.dirname(folder), names, memo, read)
                if folder
                else None
            )
        memo[folder] = found
        return found

    def config(self, path: str, seen: frozenset[str]) -> TsConfig | None:
        """One tsconfig file, its ``extends`` chain merged under it."""
        if path in self._configs:
            return self._configs[path]
        if path in seen:
            return None
        data = self.json(path)
        if not isinstance(data, dict):
            self._configs[path] = None
            return None
        folder = posixpath.dirname(path)
        merged = TsConfig(paths_base=folder)
        extends = data.get("extends")
        for base in [extends] if isinstance(extends, str) else extends or []:
            if isinstance(base, str):
                inherited = self.extended(folder, base, seen | {path})
                if inherited is not None:
                    merged = inherited
        options = data.get("compilerOptions")
        if isinstance(options, dict):
            base_url = options.get("baseUrl")
            if isinstance(base_url, str):
                merged = TsConfig(merged.paths, merged.paths_base, _join(folder, base_url))
            paths = options.get("paths")
            if isinstance(paths, dict):
                table = tuple(
                    (pattern, tuple(t for t in targets if isinstance(t, str)))
                    for pattern, targets in paths.items()
                    if isinstance(targets, list)
                )
                merged = TsConfig(table, folder, merged.base_url)
        self._configs[path] = merged
        return merged

    def extended(self, folder: str, base: str, seen: frozenset[str]) -> TsConfig | None:
        """The config an ``extends`` names: a relative file, or a workspace package's."""
        path: str | None
        if base.startswith(("./", "../")):
            path = _join(folder, base)
        else:
            parts = base.split("/")
            size = 2 if base.startswith("@") else 1
            package = self.packages().get("/".join(parts[:size]))
            if package is None:
                return None  # a config from node_modules (``@tsconfig/node20``): not read
            path = _join(package, "/".join(parts[size:]) or "tsconfig.json")
        if path is None:
            return None
        if not path.endswith(".json") and not (self.root / path).is_file():
            path += ".json"
        generated = _GENERATED_PATHS.get(posixpath.basename(posixpath.dirname(path)))
        if generated is not None and not (self.root / path).is_file():
            # Written on ``svelte-kit sync`` / ``nuxi prepare``, absent from a checkout.
            return TsConfig(generated, posixpath.dirname(posixpath.dirname(path)))
        return self.config(path, seen)

    def vite_config(self, folder: str) -> TsConfig | None:
        """The aliases of the Vite config nearest above ``folder``, inside the root, as
        ``paths`` (:mod:`evdict.scanner.vite_aliases`); None when there is none."""
        return self._nearest_config(folder, CONFIG_NAMES, self._vite, self._read_vite_config)

    def _read_vite_config(self, folder: str, name: str) -> TsConfig | None:
        path = self.root / folder / name
        try:
            if path.stat().st_size <= _MAX_CONFIG_BYTES:
                return TsConfig(vite_aliases(path.read_bytes(), name), folder)
        except OSError:
            pass
        return None

    def json(self, path: str | None) -> Any:
        """A JSON (or JSONC) file under the root, None when absent or unreadable."""
        if path is None:
            return None
        if path not in self._json:
            try:
                text = (self.root / path).read_text(encoding="utf-8-sig")
                self._json[path] = parse_jsonc(text)
            except (OSError, UnicodeDecodeError, ValueError, RecursionError):
                self._json[path] = None
        return self._json[path]


def _local(version: Any) -> bool:
    """A dependency on the project's own code (``"core": "file:../core"``)."""
    return not isinstance(version, str) or version.startswith(
        ("file:", "link:", "workspace:", "portal:", "./", "../", "/")
    )


def _join(folder: str | None, path: str) -> str | None:
    """``folder/path`` normalised, relative to the root; None when it leaves the root."""
    if folder is None:
        return None
    joined = (
        posixpath.normpath(posixpath.join(folder, path)) if folder else posixpath.normpath(path)
    )
    if joined == ".":
        return ""
    if joined.startswith(("../", "/")) or joined == "..":
        return None
    return joined


def _subpath_targets(exports: dict[str, Any], subpath: str) -> list[str]:
    """The targets ``exports`` gives ``subpath``: its own entry, else the pattern's
    (``"./*": "./src/*.ts"``) whose text before the ``*`` is the longest that fits,
    the ``*`` replaced by what it stands for (Node's subpath patterns)."""
    if subpath in exports:
        return _conditions(exports[subpath])
    best: tuple[str, str] | None = None
    for key in exports:
        prefix, star, suffix = key.partition("*")
        if (
            star
            and subpath.startswith(prefix)
            and subpath.endswith(suffix)
            and len(subpath) >= len(prefix) + len(suffix)
            and (best is None or len(prefix) > len(best[0].partition("*")[0]))
        ):
            best = (key, subpath[len(prefix) : len(subpath) - len(suffix)])
    if best is None:
        return []
    key, part = best
    return [target.replace("*", part) for target in _conditions(exports[key])]


def _conditions(value: Any, depth: int = 0) -> list[str]:
    """The targets of an ``exports`` entry: a string, conditions (nested), or a list;
    nothing below ``_MAX_DEPTH`` (real manifests nest two or three levels)."""
    if isinstance(value, str):
        return [value]
    if depth >= _MAX_DEPTH:
        return []
    if isinstance(value, list):
        return [target for item in value for target in _conditions(item, depth + 1)]
    if isinstance(value, dict):
        keys = [key for key in _CONDITIONS if key in value]
        keys.extend(key for key in value if key not in keys)
        return [target for key in keys for target in _conditions(value[key], depth + 1)]
    return []


def _clean(glob: str) -> str:
    glob = glob.strip()
    negated = glob.startswith("!")
    body = glob[1:] if negated else glob
    while body.startswith("./"):
        body = body[2:]
    body = body.rstrip("/")
    return f"!{body}" if negated and body else body
