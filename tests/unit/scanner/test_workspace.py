"""JS/TS import resolution helpers (:mod:`evdict.scanner.workspace`); the fixture
projects ``workspace_npm``, ``workspace_pnpm`` and ``tsconfig_paths`` cover the whole."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evdict.scanner.workspace import TsConfig, Workspace, parse_jsonc


def test_jsonc_keeps_strings_and_drops_comments_and_trailing_commas() -> None:
    text = '{\n  // a comment\n  "url": "https://x.io/*", /* more */ "list": [1, 2,],\n}'
    assert parse_jsonc(text) == {"url": "https://x.io/*", "list": [1, 2]}


def test_paths_pick_the_longest_prefix_then_base_url() -> None:
    config = TsConfig(
        (("@/*", ("src/*",)), ("@/lib/*", ("lib/*", "vendor/*"))), "app", base_url="app/root"
    )
    assert list(config.candidates("@/lib/x")) == [
        "app/root/lib/x",
        "app/root/vendor/x",
        "app/root/@/lib/x",
    ]
    assert list(TsConfig((("~/*", ("./src/*",)),), "web").candidates("~/a")) == ["web/src/a"]
    assert list(TsConfig((("~/*", ("../../x/*",)),), "web").candidates("~/a")) == []


def test_workspace_globs_and_entries(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(
        '{"workspaces": {"packages": ["./libs/**", "!libs/skip"]}}'
    )
    for folder, manifest in {
        "libs/a": '{"name": "@x/a", "exports": {".": {"types": "./dist/a.d.ts", "import": "./dist/esm/a.mjs"}}}',
        "libs/deep/b": '{"name": "b", "main": "lib/index.js"}',
        "libs/skip": '{"name": "skipped"}',
    }.items():
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "package.json").write_text(manifest)
    files = {
        "libs/a/src/a.ts": "libs.a.src.a",
        "libs/deep/b/src/index.ts": "libs.deep.b.src",
        "libs/deep/b/src/util.ts": "libs.deep.b.src.util",
        "libs/skip/index.ts": "libs.skip",
        "app/main.ts": "app.main",
    }
    workspace = Workspace(tmp_path, files)
    assert workspace.packages() == {"@x/a": "libs/a", "b": "libs/deep/b"}
    assert workspace.module("app.main", "@x/a") == "libs.a.src.a"
    assert workspace.module("app.main", "b") == "libs.deep.b.src"
    assert workspace.module("app.main", "b/src/util.js") == "libs.deep.b.src.util"
    assert workspace.module("app.main", "skipped") is None
    assert workspace.module("app.main", "../outside") is None
    assert workspace.package_names("libs.deep.b.src.util") == ("b",)


def test_sveltekit_lib_alias_when_its_generated_config_is_absent(tmp_path: Path) -> None:
    for app in ("site", "synced", "plain"):
        (tmp_path / app / "src/lib").mkdir(parents=True)
    (tmp_path / "site/tsconfig.json").write_text('{"extends": "./.svelte-kit/tsconfig.json"}')
    (tmp_path / "synced/jsconfig.json").write_text('{"extends": "./.svelte-kit/tsconfig"}')
    (tmp_path / "synced/.svelte-kit").mkdir()
    (tmp_path / "synced/.svelte-kit/tsconfig.json").write_text(
        '{"compilerOptions": {"paths": {"$lib/*": ["../src/shared/*"]}}}'
    )
    files = {
        f"{app}/src/{name}.ts": f"{app}.{name}"
        for app in ("site", "synced", "plain")
        for name in ("lib/analytics", "shared/analytics", "page")
    }
    workspace = Workspace(tmp_path, files)
    assert workspace.module("site.page", "$lib/analytics") == "site.lib/analytics"
    # A synced app's generated config is read as it is; an app without one has no alias.
    assert workspace.module("synced.page", "$lib/analytics") == "synced.shared/analytics"
    assert workspace.module("plain.page", "$lib/analytics") is None


def test_nuxt_aliases_when_its_generated_config_is_absent(tmp_path: Path) -> None:
    for app in ("v3", "v4"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "tsconfig.json").write_text('{"extends": "./.nuxt/tsconfig.json"}')
    files = {
        "v3/services/amp.js": "v3.services.amp",
        "v3/pages/index.vue": "v3.pages.index",
        "v4/app/services/amp.ts": "v4.app.services.amp",
        "v4/app/pages/index.vue": "v4.app.pages.index",
        "v4/server/utils.ts": "v4.server.utils",
    }
    workspace = Workspace(tmp_path, files)
    for alias in ("@/services/amp", "~/services/amp", "~~/services/amp", "@@/services/amp"):
        assert workspace.module("v3.pages.index", alias) == "v3.services.amp"
    # Nuxt 4's source folder is app/; ``~~`` and ``@@`` stay the app's own folder.
    assert workspace.module("v4.app.pages.index", "~/services/amp") == "v4.app.services.amp"
    assert workspace.module("v4.app.pages.index", "@/services/amp") == "v4.app.services.amp"
    assert workspace.module("v4.app.pages.index", "~~/server/utils") == "v4.server.utils"
    assert workspace.module("v4.app.pages.index", "~~/services/amp") is None


def test_hostile_manifests_resolve_nothing_and_never_raise(tmp_path: Path) -> None:
    # Nested past the recursion limit, an `exports` deeper still, and a workspace glob
    # of repeated `**` that would backtrack exponentially over a deep folder.
    (tmp_path / "package.json").write_text(
        '{"workspaces": ["' + "**/" * 40 + 'z"], "nested": ' + "[" * 50_000 + "]" * 50_000 + "}"
    )
    deep = tmp_path / "/".join("abcdefghijklmnopqrstuvwxyz") / "pkg"
    deep.mkdir(parents=True)
    (deep / "package.json").write_text(
        '{"name": "p", "exports": ' + '{"import": ' * 5_000 + '"./x.js"' + "}" * 5_000 + "}"
    )
    (tmp_path / "tsconfig.json").write_text("[" * 50_000)
    workspace = Workspace(tmp_path, {"app/main.ts": "app.main"})
    assert workspace.module("app.main", "p") is None
    assert workspace.module("app.main", "~/x") is None


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    manifest=st.text(max_size=300),
    tsconfig=st.text(max_size=300),
    pnpm=st.text(max_size=200),
    specifier=st.text(max_size=40),
)
def test_any_manifest_text_is_read_without_an_exception(
    tmp_path: Path, manifest: str, tsconfig: str, pnpm: str, specifier: str
) -> None:
    (tmp_path / "package.json").write_text(manifest, encoding="utf-8", errors="surrogatepass")
    (tmp_path / "tsconfig.json").write_text(tsconfig, encoding="utf-8", errors="surrogatepass")
    (tmp_path / "pnpm-workspace.yaml").write_text(pnpm, encoding="utf-8", errors="surrogatepass")
    workspace = Workspace(tmp_path, {"app/main.ts": "app.main", "lib/index.ts": "lib"})
    found = workspace.module("app.main", specifier)
    assert found is None or found in ("app.main", "lib")


def test_a_bare_import_of_a_builtin_or_a_registry_dependency_names_a_package(
    tmp_path: Path,
) -> None:
    (tmp_path / "package.json").write_text(
        '{"workspaces": ["packages/*"], "dependencies": {"react": "^18"}}'
    )
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "package.json").write_text(
        '{"dependencies": {"@sentry/node": "8", "core": "file:../core", "@acme/ui": "*"},'
        ' "devDependencies": {"dayjs": "1"}, "peerDependencies": {"odd": 3}}'
    )
    (tmp_path / "packages" / "ui").mkdir(parents=True)
    (tmp_path / "packages" / "ui" / "package.json").write_text('{"name": "@acme/ui"}')
    files = {
        "app/main.ts": "app.main",
        "lib/other.ts": "lib.other",
        "packages/ui/index.ts": "packages.ui",
    }
    workspace = Workspace(tmp_path, files)
    packages = ("react", "react/jsx-runtime", "@sentry/node/types", "dayjs", "events", "node:fs")
    assert [workspace.dependency("app.main", name) for name in packages] == [True] * 6
    # The project's own code: a `file:` dependency, a workspace package, an alias, a
    # relative import; a name no manifest lists; a version that is no string.
    own = ("core/util/posthog", "@acme/ui", "@/lib/x", "~/x", "./react", "lodash", "odd")
    assert [workspace.dependency("app.main", name) for name in own] == [False] * 7
    # A file outside app/ is governed by the root's manifest only.
    assert (
        workspace.dependency("lib.other", "react"),
        workspace.dependency("lib.other", "dayjs"),
    ) == (
        True,
        False,
    )
