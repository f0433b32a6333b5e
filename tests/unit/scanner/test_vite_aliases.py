"""Vite's ``resolve.alias`` read as import paths: what is read, what is left, and the
workspace's use of it when no tsconfig declares the alias."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evdict.scanner.vite_aliases import vite_aliases
from evdict.scanner.workspace import Workspace

CONFIG = b"""\
import path, { resolve } from 'path';
import { fileURLToPath, URL } from 'node:url';

const base = './src';

export default defineConfig({
  resolve: {
    alias: {
      dashboard: path.resolve('./app/javascript/dashboard'),
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '~/': `${path.resolve(__dirname, 'src')}/`,
      shared: resolve(__dirname, 'app', 'shared'),
      root: path.join(__dirname),
      vue: 'vue/dist/vue.esm-bundler.js',
      lib: path.resolve(base),
      abs: path.resolve('/usr/lib/node'),
      other: os.resolve('./x'),
    },
  },
  test: { alias: [
    { find: 'widget', replacement: path.resolve(__dirname, '../widget/src') },
    { find: /^#(.*)$/, replacement: path.resolve('./hash') },
  ] },
});
"""


def test_the_aliases_written_as_paths_from_the_config_folder() -> None:
    assert vite_aliases(CONFIG, "vite.config.ts") == (
        ("dashboard", ("app/javascript/dashboard",)),
        ("dashboard/*", ("app/javascript/dashboard/*",)),
        ("@", ("src",)),
        ("@/*", ("src/*",)),
        ("shared", ("app/shared",)),
        ("shared/*", ("app/shared/*",)),
        ("root", ("",)),
        ("root/*", ("*",)),
        ("widget", ("../widget/src",)),
        ("widget/*", ("../widget/src/*",)),
    )


def test_a_vite_alias_resolves_when_no_tsconfig_declares_it(tmp_path: Path) -> None:
    (tmp_path / "web").mkdir()
    (tmp_path / "web/vite.config.js").write_bytes(CONFIG)
    (tmp_path / "typed").mkdir()
    (tmp_path / "typed/vite.config.mts").write_bytes(CONFIG)
    (tmp_path / "typed/tsconfig.json").write_text(
        '{"compilerOptions": {"paths": {"@/*": ["./lib/*"]}}}'
    )
    files = {
        "web/app/javascript/dashboard/composables/index.js": "web.dashboard.composables",
        "web/app/javascript/dashboard/components/Reply.vue": "web.dashboard.reply",
        "web/src/track.ts": "web.src.track",
        "widget/src/sdk.js": "widget.sdk",
        "typed/lib/track.ts": "typed.lib.track",
        "typed/src/track.ts": "typed.src.track",
        "typed/src/page.vue": "typed.src.page",
        "plain/src/page.vue": "plain.page",
    }
    workspace = Workspace(tmp_path, files)
    reply = "web.dashboard.reply"
    assert workspace.module(reply, "dashboard/composables") == "web.dashboard.composables"
    assert workspace.module(reply, "dashboard/composables/index") == "web.dashboard.composables"
    assert workspace.module(reply, "@/track") == "web.src.track"
    assert workspace.module(reply, "widget/sdk") == "widget.sdk"  # beside the app, in the root
    assert workspace.module(reply, "dashboardx/composables") is None
    assert workspace.module(reply, "vue") is None
    # A tsconfig's paths come first; an app without a Vite config has no alias.
    assert workspace.module("typed.src.page", "@/track") == "typed.lib.track"
    assert workspace.module("plain.page", "@/track") is None


def test_an_alias_leaving_the_root_resolves_nothing(tmp_path: Path) -> None:
    (tmp_path / "vite.config.ts").write_text(
        "export default { resolve: { alias: { up: path.resolve(__dirname, '../outside') } } }"
    )
    workspace = Workspace(tmp_path, {"src/main.ts": "main"})
    assert workspace.module("main", "up/x") is None


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(config=st.text(max_size=300), specifier=st.text(max_size=40))
def test_any_vite_config_text_is_read_without_an_exception(
    tmp_path: Path, config: str, specifier: str
) -> None:
    (tmp_path / "vite.config.js").write_text(config, encoding="utf-8", errors="surrogatepass")
    workspace = Workspace(tmp_path, {"app/main.ts": "app.main", "lib/index.ts": "lib"})
    found = workspace.module("app.main", specifier)
    assert found is None or found in ("app.main", "lib")
