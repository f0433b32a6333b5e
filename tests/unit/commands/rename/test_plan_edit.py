"""Renaming an event in one plan file's text: exact results, both ways of editing."""

from __future__ import annotations

import textwrap

import pytest

from evdict.errors import PlanEditError
from evdict.plan.edit import METHODS, Method, rename_event
from evdict.plan.edit_data import renamed_data
from evdict.plan.load import parse_document

PLAN = """\
# events.yaml: the plan
events:
  # the main one
  contact_enriched:   # trailing comment
    description: A contact row was enriched.
    status: active      # planned | active | deprecated
    properties:
      workspace_id: {required: true}   # reuse

  "enrichment_done":
    status: deprecated
    deprecated: {since: "2026-09", replaced_by: contact_enriched}
  flowy: {description: 'x', owner: team}

funnels:
  activation:
    steps:
      - signup_completed
      - {event: contact_enriched, within: 30d}   # second
"""


def edit(text: str, old: str, new: str, method: Method | None = None) -> str:
    """The edited text, by ``method`` alone (or the default order)."""
    methods = (method,) if method else METHODS
    result = rename_event(textwrap.dedent(text), "events.yaml", old, new, methods)
    assert result is not None
    return result.after


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    old_lines, new_lines = before.splitlines(), after.splitlines()
    return (
        [line for line in old_lines if line not in new_lines],
        [line for line in new_lines if line not in old_lines],
    )


@pytest.mark.parametrize("method", METHODS)
def test_a_block_event_its_references_and_nothing_else(method: Method) -> None:
    after = edit(PLAN, "contact_enriched", "contact_updated", method)
    removed, added = changed_lines(PLAN, after)
    # The text edit keeps the spacing before a comment, ruamel its column.
    spacing = "   " if method == "text" else "    "
    assert removed == [
        "  contact_enriched:   # trailing comment",
        '    deprecated: {since: "2026-09", replaced_by: contact_enriched}',
        "      - {event: contact_enriched, within: 30d}   # second",
    ]
    assert added == [
        f"  contact_updated:{spacing}# trailing comment",
        "    renamed_from: [contact_enriched]",
        '    deprecated: {since: "2026-09", replaced_by: contact_updated}',
        f"      - {{event: contact_updated, within: 30d}}{spacing}# second",
    ]
    lines = after.splitlines()
    assert lines[lines.index("    status: active      # planned | active | deprecated") + 1] == (
        "    renamed_from: [contact_enriched]"
    )


def test_text_edit_is_exactly_the_minimal_edit() -> None:
    after = edit(PLAN, "contact_enriched", "contact_updated", "text")
    expected = (
        PLAN.replace("contact_enriched:", "contact_updated:")
        .replace("replaced_by: contact_enriched", "replaced_by: contact_updated")
        .replace("event: contact_enriched", "event: contact_updated")
        .replace(
            "deprecated\n    properties:",
            "deprecated\n    renamed_from: [contact_enriched]\n    properties:",
        )
    )
    assert after == expected


@pytest.mark.parametrize("method", METHODS)
def test_quotes_of_a_key_are_kept(method: Method) -> None:
    after = edit(PLAN, "enrichment_done", "enrichment_finished", method)
    assert changed_lines(PLAN, after) == (
        ['  "enrichment_done":'],
        ['  "enrichment_finished":', "    renamed_from: [enrichment_done]"],
    )
    assert after.splitlines()[11] == "    renamed_from: [enrichment_done]"


@pytest.mark.parametrize("method", METHODS)
def test_a_flow_event_gains_the_entry_at_its_end(method: Method) -> None:
    after = edit(PLAN, "flowy", "flow_seen", method)
    assert changed_lines(PLAN, after) == (
        ["  flowy: {description: 'x', owner: team}"],
        ["  flow_seen: {description: 'x', renamed_from: [flowy], owner: team}"],
    )


def test_a_flow_event_gains_the_entry_after_description() -> None:
    text = "events:\n  a_b: {description: x, owner: o}  # c\n"
    result = rename_event(text, "events.yaml", "a_b", "a_c")
    assert result is not None
    assert result.after == "events:\n  a_c: {description: x, renamed_from: [a_b], owner: o}  # c\n"
    # ruamel would write "} # c": the comment must not move, so the text edit is used.
    assert result.method == "text"


@pytest.mark.parametrize("method", METHODS)
def test_an_existing_block_renamed_from_list_is_appended_to(method: Method) -> None:
    block = """\
        events:
          a_done:
            renamed_from:
              - z_done   # first name
            owner: me
        """
    assert edit(block, "a_done", "b_done", method) == textwrap.dedent(block).replace(
        "a_done:", "b_done:"
    ).replace("# first name\n", "# first name\n      - a_done\n")


def test_an_existing_flow_renamed_from_list_is_appended_to() -> None:
    flow = "events:\n  a_done:\n    renamed_from: [z_done, y_done]  # history\n"
    assert edit(flow, "a_done", "b_done") == (
        "events:\n  b_done:\n    renamed_from: [z_done, y_done, a_done]  # history\n"
    )


@pytest.mark.parametrize("method", METHODS)
def test_an_event_without_description_or_status_gets_the_entry_at_its_end(
    method: Method,
) -> None:
    text = """\
        events:
          a_done:
            owner: me
            properties:
              p:
                type: string   # deep

            # about b
          b_done:
            owner: you
        """
    after = edit(text, "a_done", "c_done", method)
    expected = textwrap.dedent(text).replace("a_done:", "c_done:")
    removed, added = changed_lines(textwrap.dedent(text), after)
    assert removed == ["  a_done:"]
    assert added == ["  c_done:", "    renamed_from: [a_done]"]
    if method == "text":
        assert after == expected.replace("# deep\n", "# deep\n    renamed_from: [a_done]\n")


@pytest.mark.parametrize("method", METHODS)
def test_a_null_event_becomes_a_mapping(method: Method) -> None:
    after = edit("events:\n  a_done:\n  b_done: {}\n", "a_done", "c_done", method)
    assert parse_document(after, "x")[0].data == {
        "events": {"c_done": {"renamed_from": ["a_done"]}, "b_done": {}}
    }


def test_text_edit_of_a_null_and_an_empty_flow_event() -> None:
    assert edit("events:\n  a_done:  # c\n", "a_done", "c_done", "text") == (
        "events:\n  c_done: {renamed_from: [a_done]}  # c\n"
    )
    assert edit("events:\n  a_done: {}\n", "a_done", "c_done", "text") == (
        "events:\n  c_done: {renamed_from: [a_done]}\n"
    )


@pytest.mark.parametrize("method", METHODS)
def test_names_that_need_quotes(method: Method) -> None:
    text = (
        "events:\n  'it''s done':\n    description: d\nfunnels:\n  f:\n    steps: [\"it's done\"]\n"
    )
    after = edit(text, "it's done", "true", method)
    data = parse_document(after, "x")[0].data
    assert data == {
        "events": {"true": {"description": "d", "renamed_from": ["it's done"]}},
        "funnels": {"f": {"steps": ["true"]}},
    }
    assert "'true':" in after  # single quotes kept


def test_a_block_scalar_description_keeps_its_text() -> None:
    text = "events:\n  a_done:\n    description: |\n      line one\n      line two\n    owner: o\n"
    after = edit(text, "a_done", "b_done", "text")
    assert after == (
        "events:\n  b_done:\n    description: |\n      line one\n      line two\n"
        "    renamed_from: [a_done]\n    owner: o\n"
    )


def test_crlf_and_bom_and_no_final_newline_are_kept() -> None:
    text = "\ufeffevents:\r\n  a_done:\r\n    owner: o"
    result = rename_event(text, "events.yaml", "a_done", "b_done")
    assert result is not None
    assert result.method == "text"  # ruamel writes \n: its round-trip is not faithful here
    assert (
        result.after == "\ufeffevents:\r\n  b_done:\r\n    owner: o\r\n    renamed_from: [a_done]"
    )


def test_references_only_and_unrelated_files() -> None:
    text = "funnels:\n  f:\n    steps:\n    - a_done\n    - b_done\n"
    result = rename_event(text, "f.yaml", "a_done", "c_done")
    assert result is not None and result.after == text.replace("- a_done", "- c_done")
    assert rename_event("events:\n  z: {}\n", "x.yaml", "a_done", "c_done") is None


def test_unsafe_round_trip_falls_back_to_text() -> None:
    # Mixed indentation: ruamel would re-indent one of the two events.
    text = "events:\n  a_done:\n    owner: o\n  b_done:\n        owner: p\n"
    result = rename_event(text, "x.yaml", "b_done", "c_done")
    assert result is not None and result.method == "text"
    with pytest.raises(PlanEditError, match="the round-trip dump changes line 5"):
        rename_event(text, "x.yaml", "b_done", "c_done", ("round-trip",))


def test_refusals() -> None:
    with pytest.raises(PlanEditError, match="does not load"):
        rename_event("events: [", "x.yaml", "a", "b")
    with pytest.raises(PlanEditError, match="not a list of names"):
        rename_event("events:\n  a:\n    renamed_from: z\n", "x.yaml", "a", "b")


def test_renamed_data_mirrors_the_edit() -> None:
    data = {
        "events": {
            "a": {"status": "active", "owner": "o"},
            "b": {"deprecated": {"replaced_by": "a"}},
        },
        "funnels": {"f": {"steps": ["a", {"event": "a", "within": "7d"}, "b"]}},
    }
    assert renamed_data(data, "a", "c") == {
        "events": {
            "c": {"status": "active", "renamed_from": ["a"], "owner": "o"},
            "b": {"deprecated": {"replaced_by": "c"}},
        },
        "funnels": {"f": {"steps": ["c", {"event": "c", "within": "7d"}, "b"]}},
    }
    assert list(renamed_data(data, "a", "c")["events"]["c"]) == ["status", "renamed_from", "owner"]


def test_files_without_the_event_or_of_another_shape() -> None:
    assert rename_event("", "x.yaml", "a", "b") is None
    assert rename_event("- a\n- b\n", "x.yaml", "a", "b") is None
    assert rename_event("events: [a]\nfunnels: {f: {steps: 3}}\n", "x.yaml", "a", "b") is None


def test_large_files_are_edited_as_text_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("evdict.plan.edit.ROUND_TRIP_MAX_CHARS", len(PLAN) - 1)
    result = rename_event(PLAN, "events.yaml", "contact_enriched", "contact_updated")
    assert result is not None and result.method == "text"
    monkeypatch.setattr("evdict.plan.edit.ROUND_TRIP_MAX_CHARS", len(PLAN))
    result = rename_event(PLAN, "events.yaml", "contact_enriched", "contact_updated")
    assert result is not None and result.method == "round-trip"
