"""Suppressions, all of them: ``# evdict: ignore[CODE]`` comments in code (the front ends
read them into :class:`~evdict.scanner.model.Suppression` facts), ``ignore: [CODE]`` on plan
entries, and the bookkeeping of which ones suppressed nothing (EV901 reports those).
"""

from __future__ import annotations

from collections.abc import Iterable

from evdict.diagnostics import Diagnostic, Location, code_matches
from evdict.plan.model import Event, Plan, Property
from evdict.rules.context import Unused
from evdict.scanner.model import Inventory


def apply_suppressions(
    found: list[Diagnostic],
    inventory: Inventory | None,
    plan: Plan,
    ran: set[str],
    codes: Iterable[tuple[str, bool]],
) -> tuple[list[Diagnostic], list[Unused]]:
    """The findings no suppression covers, and the suppressions that covered nothing.

    ``ran``: the codes of the rules that ran; ``codes``: every known rule code, with
    whether it is a code rule. A suppression is judged unused only when every rule it
    covers ran (a prefix such as ``EV4`` may be needed by a rule ``--select`` left out).
    """
    known = list(codes)
    code_rules = {code for code, is_code in known if is_code}
    found, unused_comments = _apply_code_suppressions(found, inventory, ran, code_rules)
    kept, unused_ignores = _apply_plan_ignores(found, plan, ran, [code for code, _ in known])
    return kept, [*unused_comments, *unused_ignores]


def _apply_code_suppressions(
    found: list[Diagnostic], inventory: Inventory | None, ran: set[str], code_rules: set[str]
) -> tuple[list[Diagnostic], list[Unused]]:
    """``# evdict: ignore[CODE]`` on a finding's line or the line above, or on the first
    line of the tracking call it is in (or above it); ``file-ignore`` for a whole file.
    Returns the findings kept and each comment that suppressed nothing."""
    if inventory is None or not inventory.suppressions:
        return found, []
    spans: dict[str, list[tuple[int, int]]] = {}
    for call in inventory.calls:
        spans.setdefault(call.path, []).append((call.pos[0], call.pos[2]))
    used: set[tuple[str, int]] = set()
    kept: list[Diagnostic] = []
    for diagnostic in found:
        comments = inventory.suppressions.get(diagnostic.path, ())
        line = diagnostic.line
        lines = {line, line - 1}
        for start, end in spans.get(diagnostic.path, ()):
            if start <= line <= end:
                lines.update((start, start - 1))
        matching = [
            index
            for index, comment in enumerate(comments)
            if comment.covers(diagnostic.code) and (comment.file_level or comment.pos[0] in lines)
        ]
        used.update((diagnostic.path, index) for index in matching)
        if not matching:
            kept.append(diagnostic)
    unused: list[Unused] = []
    for path, comments in inventory.suppressions.items():
        for index, comment in enumerate(comments):
            covered = {code for code in ran | code_rules if comment.covers(code)}
            judged = bool(covered & ran) and (covered & code_rules) <= ran
            if (path, index) not in used and judged:
                line, column, end_line, end_column = comment.pos
                unused.append(
                    Unused(
                        f"'{comment.text()}' suppresses nothing",
                        Location(path, line, column, end_line, end_column),
                    )
                )
    return kept, unused


def _entry_chain(entry: str) -> list[str]:
    """``events.a.properties.b`` is covered by its own ignore and by ``events.a``'s."""
    chain = [entry]
    event_part, marker, _ = entry.rpartition(".properties.")
    if marker and event_part.startswith("events."):
        chain.append(event_part)
    return chain


def _apply_plan_ignores(
    found: list[Diagnostic], plan: Plan, ran: set[str], codes: list[str]
) -> tuple[list[Diagnostic], list[Unused]]:
    with_ignores = list(_entries_with_ignores(plan))
    if not with_ignores:  # nothing to suppress: a finding each is not looked up
        return found, []
    used: set[tuple[str, str]] = set()
    kept: list[Diagnostic] = []
    for diagnostic in found:
        suppressed = False
        for entry_name in _entry_chain(diagnostic.entry) if diagnostic.entry else ():
            entry = plan.entry(entry_name)
            for selector in entry.ignore if isinstance(entry, (Event, Property)) else ():
                if code_matches(diagnostic.code, selector):
                    used.add((entry_name, selector))
                    suppressed = True
        if not suppressed:
            kept.append(diagnostic)
    unused: list[Unused] = []
    for entry_name, entry_obj in with_ignores:
        for selector in sorted(entry_obj.ignore):
            # Judged only when every rule it covers ran: a prefix (EV4) may be needed
            # by a rule that --select left out.
            covered = [code for code in codes if code_matches(code, selector)]
            judged = bool(covered) and all(code in ran for code in covered)
            if (entry_name, selector) not in used and judged:
                unused.append(
                    Unused(
                        f"'ignore: [{selector}]' on {entry_name} suppresses nothing",
                        entry_obj.origin.location("ignore"),
                        entry_name,
                    )
                )
    return kept, unused


def _entries_with_ignores(plan: Plan) -> Iterable[tuple[str, Event | Property]]:
    for name, prop in plan.properties.items():
        if prop.ignore:
            yield f"properties.{name}", prop
    for name, event in plan.events.items():
        if event.ignore:
            yield f"events.{name}", event
        for prop_name, prop in event.properties.items():
            if prop.ignore:
                yield f"events.{name}.properties.{prop_name}", prop
