"""Run the selected rules, apply suppressions and severities: the "check" step."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evdict.config import RuleSelection
from evdict.diagnostics import Diagnostic, Severity, code_matches
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
    kept, unused = _apply_plan_ignores(found, ctx.plan, ran)
    if selection.enabled(UnusedSuppression.code):
        kept.extend(unused)
    return sorted(
        (d.with_severity(selection.severity_of(d.code, d.severity)) for d in kept),
        key=Diagnostic.sort_key,
    )


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
