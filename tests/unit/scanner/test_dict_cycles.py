"""A dict of properties merged into itself, or through another and back, or built by a
function calling itself: each read once, the scan ends with the keys it can list."""

from __future__ import annotations

from tests.conftest import RunCli, WriteFiles

CYCLES = """
    import posthog


    def send(name, extra=None):
        props = {}
        if extra:
            props.update(extra)
            extra.update(extra)
            props.update(props)
        posthog.capture("u", name, properties=props)


    def ring():
        a = {"x": 1}
        b = {**a}
        a.update(b)
        b.update(a)
        posthog.capture("u", "ring", properties=b)


    def rec(n):
        return {**rec(n - 1), "n": n}


    def use():
        send("sent", {"k": 1})
        posthog.capture("u", "rec", properties=rec(3))
    """


def test_dicts_made_of_themselves_are_read_once(write: WriteFiles, run: RunCli) -> None:
    write(**{"app/cycles.py": CYCLES})
    result = run("scan", "--no-cache")
    assert result.exit_code == 0
    partial = " (+ properties not visible here)"
    assert result.output.splitlines() == [
        f"app/cycles.py:18:5: ring [posthog] x{partial}",
        f"app/cycles.py:26:5: sent [inferred send] k{partial}",
        f"app/cycles.py:27:5: rec [posthog] n{partial}",
        "3 tracking calls (3 events) in 1 file.",
    ]
