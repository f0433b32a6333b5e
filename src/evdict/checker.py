"""Run the selected rules, apply suppressions and severities: the "check" step."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evdict.config import RuleSelection
from evdict.diagnostics import Diagnostic, Location, Severity, code_matches
from evdict.plan.model import Event, Plan, Property
from evdict.rules.context import RuleContext
from evdict.rules.registry import Rule, Scope, all_rules
from evdict.rules.suppression import UnusedSuppression


@dataclass(frozen=True)
class Selection:
    """Which rules run: the config's selection refined by ``--select``/``--ignore``."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severity: dict[str, str]

    @classmethod
    def build(
        cls, config: RuleSelection, select: Sequence[str] = (), ignore: Sequence[str] = ()
    ) -> Selection:
        return cls(
            select=tuple(select) or config.select,
            ignore=(*config.ignore, *ignore),
            severity=config.severity,
        )

    def enabled(self, code: str) -> bool:
        if not any(code_matches(code, selector) for selector in self.select):
            return False
        return not any(code_matches(code, selector) for selector in self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        # The most specific configured code wins (EV401 over EV4).
        matches = [key for key in self.severity if code.startswith(key)]
        if not matches:
            return default
        return Severity(self.severity[max(matches, key=len)])


def selected_rules(selection: Selection, scopes: Iterable[Scope]) -> list[type[Rule]]:
    wanted = set(scopes)
    return [rule for rule in all_rules() if rule.scope in wanted and selection.enabled(rule.code)]


def run_rules(ctx: RuleContext, selection: Selection, scopes: Iterable[Scope]) -> list[Diagnostic]:
    rules = selected_rules(selection, scopes)
    found: list[Diagnostic] = []
    for rule in rules:
        found.extend(rule().check(ctx))
    ran = {rule.code for rule in rules}
    found, unused_comments = _apply_code_suppressions(found, ctx.inventory, ran)
    kept, unused = _apply_plan_ignores(found, ctx.plan, ran)
    if selection.enabled(UnusedSuppression.code):
        kept.extend([*unused_comments, *unused])
    return sorted(
        (d.with_severity(selection.severity_of(d.code, d.severity)) for d in kept),
        key=Diagnostic.sort_key,
    )


def _apply_code_suppressions(
    found: list[Diagnostic], inventory: object, ran: set[str]
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """``# evdict: ignore[CODE]`` on a finding's line or the line above, or on the first
    line of the tracking call it is in (or above it); ``file-ignore`` for a whole file.
    Returns the findings kept and an EV901 for each comment that suppressed nothing."""
    from evdict.scan.model import Inventory

    if not isinstance(inventory, Inventory) or not inventory.suppressions:
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
    code_rules = {rule.code for rule in all_rules() if rule.scope == "code"}
    rule = UnusedSuppression()
    unused: list[Diagnostic] = []
    for path, comments in inventory.suppressions.items():
        for index, comment in enumerate(comments):
            covered = {code for code in ran | code_rules if comment.covers(code)}
            judged = bool(covered & ran) and (covered & code_rules) <= ran
            if (path, index) not in used and judged:
                line, column, end_line, end_column = comment.pos
                unused.append(
                    rule.diagnostic(
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
    found: list[Diagnostic], plan: Plan, ran: set[str]
) -> tuple[list[Diagnostic], list[Diagnostic]]:
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
    rule = UnusedSuppression()
    unused: list[Diagnostic] = []
    codes = [known.code for known in all_rules()]
    for entry_name, entry_obj in _entries_with_ignores(plan):
        for selector in sorted(entry_obj.ignore):
            # Judged only when every rule it covers ran: a prefix (EV4) may be needed
            # by a rule that --select left out.
            covered = [code for code in codes if code_matches(code, selector)]
            judged = bool(covered) and all(code in ran for code in covered)
            if (entry_name, selector) not in used and judged:
                unused.append(
                    rule.diagnostic(
                        f"'ignore: [{selector}]' on {entry_name} suppresses nothing",
                        entry_obj.origin.location("ignore"),
                        entry=entry_name,
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
