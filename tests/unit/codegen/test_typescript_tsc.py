"""The generated TypeScript type-checks with ``tsc --strict --noEmit`` (typescript from
the npm registry, installed once into pytest's cache); a wrong value is a type error.
Needs node and npm: without them the test skips and says so."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from evdict.codegen.clients import Client, parse_client
from evdict.codegen.command import render
from tests.conftest import EXAMPLES
from tests.unit.codegen.test_generate import SOURCES, acme_plan

pytestmark = pytest.mark.node

DECLARATIONS = """\
declare module "posthog-js" {
  const posthog: { capture(event: string, properties?: Record<string, unknown> | null): void };
  export default posthog;
}
declare module "mixpanel-browser" {
  const mixpanel: { track(event: string, properties?: Record<string, unknown>): void };
  export default mixpanel;
}
declare module "@amplitude/analytics-browser" {
  export function track(eventType: string, eventProperties?: Record<string, unknown>): unknown;
}
"""
WRAPPER = "export function track(event: string, properties: Record<string, unknown>): void {}\n"


@pytest.fixture(scope="module")
def tsc(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    npm = shutil.which("npm")
    if shutil.which("node") is None or npm is None:
        pytest.skip("node and npm are not installed: the TypeScript type check needs them")
    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    folder = Path(cache.mkdir("typescript")) if cache else tmp_path_factory.mktemp("typescript")
    binary = folder / "node_modules" / ".bin" / "tsc"
    if not binary.exists():
        subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--silent",
                "--prefix",
                folder,
                "typescript@5",
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return binary


def type_check(tsc: Path, folder: Path, *files: str) -> subprocess.CompletedProcess[str]:
    options = ["--strict", "--noEmit", "--target", "es2020", "--module", "esnext"]
    return subprocess.run(
        [tsc, *options, "--moduleResolution", "bundler", *files],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_generated_typescript_passes_tsc_strict_for_every_client(tsc: Path, tmp_path: Path) -> None:
    (tmp_path / "sdks.d.ts").write_text(DECLARATIONS, encoding="utf-8")
    (tmp_path / "tracking.ts").write_text(WRAPPER, encoding="utf-8")
    files = ["sdks.d.ts", "tracking.ts"]
    for name in [
        "segment",
        "posthog",
        "mixpanel",
        "amplitude",
        "rudderstack",
        "wrapper:./tracking:track",
    ]:
        text, _ = render(acme_plan(), "typescript", parse_client(name), SOURCES)
        # one file per client: each is a module, so their names do not clash
        module = f"events_{name.split(':')[0]}.ts"
        (tmp_path / module).write_text(text, encoding="utf-8")
        files.append(module)
    (tmp_path / "caller.ts").write_text(
        'import { trackUserSignedIn } from "./events_posthog";\n'
        'trackUserSignedIn({ user_id: "u", workspace_id: "w", auth_method: "google_sso", platform: "web_app" });\n',
        encoding="utf-8",
    )
    result = type_check(tsc, tmp_path, *files, "caller.ts")
    assert result.returncode == 0, result.stdout


def test_tsc_rejects_a_value_the_plan_does_not_allow(tsc: Path, tmp_path: Path) -> None:
    (tmp_path / "sdks.d.ts").write_text(DECLARATIONS, encoding="utf-8")
    text, _ = render(acme_plan(), "typescript", Client("posthog"), SOURCES)
    (tmp_path / "events.ts").write_text(text, encoding="utf-8")
    (tmp_path / "caller.ts").write_text(
        'import { trackUserSignedIn } from "./events";\n'
        'trackUserSignedIn({ user_id: "u", workspace_id: "w", auth_method: "fax", platform: "web_app" });\n',
        encoding="utf-8",
    )
    result = type_check(tsc, tmp_path, "sdks.d.ts", "events.ts", "caller.ts")
    assert result.returncode == 2
    assert (
        "caller.ts(2,54): error TS2322: Type '\"fax\"' is not assignable to type" in result.stdout
    )


def test_the_example_web_app_type_checks_against_its_generated_module(
    tsc: Path, tmp_path: Path
) -> None:
    web = EXAMPLES / "acme-enrich" / "codegen-app" / "web"
    (tmp_path / "sdks.d.ts").write_text(DECLARATIONS, encoding="utf-8")
    for source in web.glob("*.ts"):
        shutil.copy(source, tmp_path / source.name)
    result = type_check(tsc, tmp_path, "sdks.d.ts", "tracking.ts", "reports.ts")
    assert result.returncode == 0, result.stdout
