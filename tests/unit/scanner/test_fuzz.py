"""Whatever a Python file holds, the scan never crashes: EV608 or findings, never a traceback."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from evdict.config import Config
from evdict.scanner import codec
from evdict.scanner.engine import scan_project
from evdict.scanner.frontends.python import extract

# Expressions built from the shapes the front end and the resolver read.
NAMES = st.sampled_from(["analytics", "posthog", "mp", "self", "Events", "EVENT", "props", "x"])
ATOMS = st.one_of(
    st.text(max_size=8).map(repr),
    st.integers().map(str),
    NAMES,
    st.builds(
        lambda a, b: f"{a}.{b}", NAMES, st.sampled_from(["track", "capture", "value", "name"])
    ),
    st.builds(lambda t: f'f"{t}{{x}}"', st.text(alphabet="abc_{}", max_size=5)),
)
EXPRESSIONS = st.recursive(
    ATOMS,
    lambda inner: st.one_of(
        st.builds(lambda a, b: f"{a} + {b}", inner, inner),
        st.builds(lambda a, b, c: f"{a} if {b} else {c}", inner, inner, inner),
        st.builds(lambda k, v: f"{{{k}: {v}, **{v}}}", inner, inner),
        st.builds(lambda f, a: f"{f}({', '.join(a)})", NAMES, st.lists(inner, max_size=3)),
        st.builds(lambda a: f"*{a}", inner),
        st.builds(
            lambda k, v: f"{k}={v}", st.sampled_from(["event", "properties", "distinct_id"]), inner
        ),
    ),
    max_leaves=12,
)
CALL = st.builds(
    lambda callee, args: f"{callee}({', '.join(args)})\n",
    st.sampled_from(
        ["analytics.track", "posthog.capture", "mp.track", "track_event", "self.event"]
    ),
    st.lists(EXPRESSIONS, max_size=4),
)
PREAMBLE = "import analytics\nfrom posthog import Posthog\nposthog = Posthog('k')\n"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_facts_or_a_failure(text: str) -> None:
    facts = extract(text.encode("utf-8", "surrogatepass"))
    codec.loads(codec.dumps(facts))


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_any_bytes_give_facts_or_a_failure(data: bytes) -> None:
    extract(data)


@settings(max_examples=150, deadline=None)
@given(st.lists(CALL, max_size=6), st.text(max_size=40))
def test_the_whole_scan_never_crashes(calls: list[str], tail: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        source = (
            PREAMBLE
            + "".join(calls)
            + "def f(event, **props):\n    analytics.track(u, event, props)\n"
            + tail
        )
        (root / "app.py").write_bytes(source.encode("utf-8", "surrogatepass"))
        (root / "more.py").write_text(
            "from app import f\nf('a', b=1)\n" + "".join(calls), encoding="utf-8"
        )
        previous = Path.cwd()
        os.chdir(root)
        try:
            inventory = scan_project(Config(root=root.resolve()), use_cache=False)
        finally:
            os.chdir(previous)
        assert inventory.files_scanned == 2
        for call in inventory.calls:
            assert call.dynamic is not None or len(call.events) == 1
