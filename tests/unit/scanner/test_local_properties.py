"""Properties a call sends through a local dict (object) the function builds first:
``properties = {...}; track(user, "name", properties)`` (edX ecommerce's shape), read as
far as the code shows them (``props["email"] = ...`` too), and still partial."""

from __future__ import annotations

from tests.conftest import RunCli, WriteFiles

PYTHON = """
    import analytics

    PROPS = {"module_level": 1}


    def checkout(user, order, props):
        properties = {"checkout_id": order.number, "step": 1}
        if user.is_authenticated:
            properties["email"] = user.email
        analytics.track(user.id, "checkout_step_completed", properties)
        properties["step"] = 2
        analytics.track(user.id, "checkout_step_viewed", properties)


    def rebound(user, order):
        properties = {"a": 1}
        properties = {"b": 2}
        analytics.track(user.id, "rebound_sent", properties)


    def given(user, props):
        analytics.track(user.id, "given_sent", props)


    def merged(user, **kwargs):
        properties = {"source": "web"}
        properties.update(kwargs)
        analytics.track(user.id, "merged_sent", properties)
    """

JAVASCRIPT = """
    import posthog from "posthog-js";

    export function exported(id) {
      const props = { orderId: id, format: "csv" };
      posthog.capture("report_exported", props);
    }

    export function given(props) {
      posthog.capture("given_sent", props);
    }

    export function nested() {
      function props() {
        return { hidden: 1 };
      }
      posthog.capture("nested_sent", props);
    }

    export function built() {
      const props = makeProps();
      posthog.capture("built_sent", props);
    }
    """


def test_a_local_dict_shows_its_entries(write: WriteFiles, run: RunCli) -> None:
    write(**{"app/checkout.py": PYTHON, "web/report.js": JAVASCRIPT})
    result = run("scan", "--no-cache")
    assert result.exit_code == 0
    partial = " (+ properties not visible here)"
    assert result.output.splitlines() == [
        f"web/report.js:5:3: report_exported [posthog] orderId, format{partial}",
        f"web/report.js:9:3: given_sent [posthog] no properties{partial}",
        # A nested function and a call's result are no object literal.
        f"web/report.js:16:3: nested_sent [posthog] no properties{partial}",
        f"web/report.js:21:3: built_sent [posthog] no properties{partial}",
        # Each key once, wherever the function writes it.
        f"app/checkout.py:10:5: checkout_step_completed [segment] checkout_id, step, email{partial}",
        f"app/checkout.py:12:5: checkout_step_viewed [segment] checkout_id, step, email{partial}",
        # Bound twice in a row: the later dict is sent. A parameter's is not known.
        f"app/checkout.py:18:5: rebound_sent [segment] b{partial}",
        f"app/checkout.py:22:5: given_sent [segment] no properties{partial}",
        f"app/checkout.py:28:5: merged_sent [segment] source{partial}",
        "9 tracking calls (8 events) in 2 files.",
    ]


def test_a_wrapper_parameter_given_an_empty_default_is_still_the_callers(
    write: WriteFiles, run: RunCli
) -> None:
    """haystack's ``event_properties = event_properties or {}`` before the SDK call, and
    ``props = {"source": "web", **props}``."""
    source = """
        import posthog


        def send_event(event_name, event_properties=None):
            event_properties = event_properties or {}
            posthog.capture("u", event_name, properties=event_properties)


        def send_checked(event_name, props=None):
            if props is None:
                props = dict()
            posthog.capture("u", event_name, properties=props)


        def send_loaded(event_name, props=None):
            props = load(props)
            posthog.capture("u", event_name, properties=props)


        def send_merged(event_name, props=None):
            props = props or {}
            props = {"source": "web", **props}
            posthog.capture("u", event_name, properties=props)


        def send_merged_twice(event_name, props):
            props = {"a": 1, **props}
            props = {"b": 2, **props}
            posthog.capture("u", event_name, properties=props)


        send_event("run_started", {"steps": 3})
        send_checked("run_checked", {"steps": 3})
        send_loaded("run_loaded", {"steps": 3})
        send_merged("run_merged", {"steps": 3})
        send_merged_twice("run_merged_twice", {"steps": 3})
        """
    write(**{"app.py": source})
    assert run("scan", "--no-cache").output.splitlines() == [
        "app.py:32:1: run_started [inferred send_event] steps",
        "app.py:33:1: run_checked [inferred send_checked] steps",
        # Rebound to what another function makes of it: not the caller's dict.
        "app.py:34:1: run_loaded [inferred send_loaded] no properties"
        " (+ properties not visible here)",
        # The caller's dict with what the wrapper adds to it.
        "app.py:35:1: run_merged [inferred send_merged] steps, source",
        # Rebound twice, each time spreading itself: the caller's dict and both keys.
        "app.py:36:1: run_merged_twice [inferred send_merged_twice] steps, a, b",
        "5 tracking calls (5 events) in 1 file.",
    ]
