"""The SDKs a project's manifests list (scanner/manifests.py): every format read, a file
governed by its folder's and its ancestors' manifests, and whatever a manifest holds,
it is read within bounds or left out, never a traceback."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.scanner.manifests import MAX_MANIFEST_BYTES, Listed, Manifests, python_manifest
from tests.conftest import WriteFiles


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "pyproject.toml",
            """
            [project]
            dependencies = ["posthog>=3.0; python_version >= '3.9'", "requests"]
            [project.optional-dependencies]
            seg = ["Segment_Analytics.Python[extra]==2.3"]
            [dependency-groups]
            dev = ["pytest", {include-group = "seg"}]
            [tool.poetry.dependencies]
            mixpanel = "^4.10"
            [tool.poetry.group.tracking.dependencies]
            snowplow-tracker = "*"
            [tool.pdm.dev-dependencies]
            lint = ["ruff"]
            [tool.uv]
            dev-dependencies = ["amplitude-analytics"]
            """,
            [
                "posthog",
                "requests",
                "amplitude-analytics",
                "Segment_Analytics.Python",
                "pytest",
                "ruff",
                "mixpanel",
                "snowplow-tracker",
            ],
        ),
        (
            "setup.cfg",
            """
            [options]
            install_requires =
                rudder-sdk-python>=2
                requests
            [options.extras_require]
            heap = heapapi
            """,
            ["rudder-sdk-python", "requests", "heapapi"],
        ),
        (
            "Pipfile",
            """
            [packages]
            posthog = "*"
            [dev-packages]
            pytest = "*"
            """,
            ["posthog", "pytest"],
        ),
        (
            "requirements-prod.txt",
            """
            # pinned
            mixpanel==4.10.1  # via -r base.in
            -r base.txt
            --index-url https://example.com/simple
            -e git+https://example.com/acme/tools.git#egg=acme-tools
            https://example.com/wheels/posthog-3.0-py3-none-any.whl
            """,
            ["mixpanel"],
        ),
    ],
)
def test_every_python_manifest_format_names_its_requirements(
    name: str, text: str, expected: list[str]
) -> None:
    assert python_manifest(name, textwrap.dedent(text)) == expected


def test_a_file_is_governed_by_its_folder_and_every_folder_above(write: WriteFiles) -> None:
    root = write(
        **{
            "package.json": '{"devDependencies": {"@segment/analytics-next": "1"}}',
            "apps/web/package.json": """
                {"dependencies": {"posthog-js": "1", "react": "18"},
                 "peerDependencies": {"mixpanel-browser": "2"},
                 "optionalDependencies": {"@amplitude/analytics-node": "1"}}
            """,
            "apps/api/package.json": '{"dependencies": {"posthog-node": "1"}}',
            "requirements.txt": "PostHog==3.0\n",  # names compare as PyPI does
            "requirements/base.in": "Segment_Analytics.Python\n",
            "requirements/notes.md": "mixpanel\n",
        }
    )
    manifests = Manifests(root)
    assert manifests.sdks("apps/web/src/a.ts", "javascript") == {
        "posthog",
        "mixpanel",
        "amplitude",
        "segment",
    }
    assert manifests.sdks("apps/api/a.ts", "javascript") == {"posthog", "segment"}
    assert manifests.sdks("tools/a.js", "javascript") == {"segment"}
    assert manifests.sdks("app/a.py", "python") == {"posthog", "segment"}
    assert manifests.listed(["apps/api/a.ts", "main.py"]) == [
        Listed("posthog", "javascript", "posthog-node", "apps/api/package.json"),
        Listed("segment", "javascript", "@segment/analytics-next", "package.json"),
        Listed("posthog", "python", "posthog", "requirements.txt"),
        Listed("segment", "python", "segment-analytics-python", "requirements/base.in"),
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("package.json", '{"dependencies": {"posthog-js": "1",'),  # truncated JSON
        ("package.json", '["posthog-js"]'),  # not an object
        ("package.json", '{"dependencies": ["posthog-js"]}'),  # not a mapping
        ("pyproject.toml", '[project\ndependencies = ["posthog"]'),  # not TOML
        ("pyproject.toml", 'project = "posthog"'),  # not a table
        ("pyproject.toml", '[project]\ndependencies = "posthog"'),  # not a list
        ("Pipfile", "[packages\nposthog = '*'"),
        ("setup.cfg", "[options\ninstall_requires = posthog"),
        ("requirements.txt", b"posthog\xff\xfe\n"),  # not UTF-8
        ("requirements.txt", "posthog\n" + "#" * MAX_MANIFEST_BYTES),  # too large
        ("package.json", "[" * 200_000),  # nested past the parser's recursion limit
        ("pyproject.toml", "a = " + "[" * 200_000),
    ],
)
def test_a_manifest_that_cannot_be_read_says_nothing(
    write: WriteFiles, name: str, content: str | bytes
) -> None:
    root = write(**{name: content})
    manifests = Manifests(root)
    assert manifests.sdks("a.py", "python") == frozenset()
    assert manifests.sdks("a.ts", "javascript") == frozenset()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_manifest_that_is_no_regular_file_is_never_opened(write: WriteFiles) -> None:
    # A FIFO would block the read forever; a symlink to a regular file is read.
    root = write(**{"real.json": '{"dependencies": {"posthog-node": "1"}}'})
    os.mkfifo(root / "requirements.txt")
    (root / "package.json").symlink_to(root / "real.json")
    manifests = Manifests(root)
    assert manifests.sdks("a.py", "python") == frozenset()
    assert manifests.sdks("a.ts", "javascript") == {"posthog"}


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(
        ["package.json", "pyproject.toml", "setup.cfg", "Pipfile", "requirements.txt"]
    ),
    content=st.one_of(
        st.binary(max_size=200),
        st.text(alphabet='[]{}"=:,\n #-.posthgjnfa01', max_size=200),
    ),
)
def test_whatever_a_manifest_holds_it_is_read_or_left_out(
    tmp_path_factory: pytest.TempPathFactory, name: str, content: bytes | str
) -> None:
    root = tmp_path_factory.mktemp("manifest")
    path = root / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    language = "javascript" if name == "package.json" else "python"
    assert Manifests(root).sdks("a", language) <= {"posthog"}


def test_the_root_itself_may_be_unreadable(tmp_path: Path) -> None:
    assert Manifests(tmp_path / "missing").sdks("a/b.py", "python") == frozenset()
