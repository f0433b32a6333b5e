"""What the dictionary site shows, gathered once from the plan and handed to every writer.

The HTML and Markdown writers render the same :class:`SiteContent`, so both formats
say the same things; neither reads the plan itself.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

from evdict.budget import BudgetTable
from evdict.config import Config
from evdict.diagnostics import Diagnostic, Location, Severity
from evdict.docs.richtext import Quoted, RichText, is_safe_url
from evdict.docs.slugs import assign_slugs
from evdict.plan.model import Event, Funnel, Plan, Property
from evdict.result import CheckResult, RuleInfo

# event name -> where the code tracks it, as (path, line)
Inventory = Mapping[str, Sequence[tuple[str, int]]]

# Where a budget bar reaches the row's budget (max), in % of the bar's track: the
# default hard max (4/3 of max) then ends the track, as in ``evdict budget``.
BUDGET_MARK = 75.0
# The health page lists this many findings per rule; the rest is a count.
MAX_FINDINGS_SHOWN = 50
PII_LABELS = {"hashed": "Hashed", "redacted": "Redacted", "allowed": "Personal data"}
# Higher is more sensitive: an event shows its most sensitive property's level.
PII_RANK = {"redacted": 1, "hashed": 2, "allowed": 3}
_UNITS = {"m": "minute", "h": "hour", "d": "day", "w": "week"}
# JSON Schema keywords shown beside a property, as (keyword, what a reader sees).
_CONSTRAINTS = (
    ("const", "always"),
    ("format", "format"),
    ("pattern", "matches"),
    ("minimum", "≥"),
    ("exclusiveMinimum", ">"),
    ("maximum", "≤"),
    ("exclusiveMaximum", "<"),
    ("minLength", "min length"),
    ("maxLength", "max length"),
    ("minItems", "min items"),
    ("maxItems", "max items"),
)


@dataclass(frozen=True)
class CodeLink:
    """A place in a file (relative to the project root), linked when ``repo_url`` is set."""

    path: str
    line: int
    url: str | None

    @property
    def label(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class EntryRef:
    """A name, and its page's slug when the dictionary declares it."""

    name: str
    slug: str | None


@dataclass
class PropertyRow:
    """One property as an event (or the shared dictionary) defines it."""

    name: str
    shared: EntryRef | None
    type: str
    required: bool
    enum: list[str]
    constraints: list[tuple[str, str]]  # ("matches", "^ws_[a-z0-9]{12}$")
    examples: list[str]
    description: RichText
    pii: str | None
    pii_reason: RichText

    @property
    def pii_label(self) -> str | None:
        return PII_LABELS.get(self.pii or "")


@dataclass(frozen=True)
class Finding:
    """A finding of `evdict check`, tied to the event page it concerns when there is one."""

    code: str
    severity: str
    message: Quoted
    where: str
    event: EntryRef | None


@dataclass(frozen=True)
class FunnelPlace:
    funnel: EntryRef
    position: int
    steps: int


@dataclass
class EventEntry:
    name: str
    slug: str
    description: RichText
    category: str | None
    interaction: str
    owner: str | None
    status: str
    tags: list[str]
    properties: list[PropertyRow]
    defined_in: CodeLink
    renamed_from: list[str]
    deprecated_since: str | None
    deprecated_reason: RichText
    replaced_by: EntryRef | None
    replaces: list[EntryRef] = field(default_factory=list)
    tracked: list[CodeLink] | None = None
    funnels: list[FunnelPlace] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def pii(self) -> str | None:
        """The most sensitive personal-data handling among the event's properties."""
        levels = [row.pii for row in self.properties if row.pii in PII_RANK]
        return max(levels, key=PII_RANK.__getitem__) if levels else None

    @property
    def pii_label(self) -> str | None:
        return PII_LABELS.get(self.pii or "")

    def search_record(self) -> dict[str, Any]:
        """What the index page's client-side search and filters read for this event."""
        return {
            "name": self.name,
            "slug": self.slug,
            "text": " ".join(
                [self.description.text, *self.renamed_from, *(row.name for row in self.properties)]
            ),
            "category": self.category or "",
            "interaction": self.interaction,
            "owner": self.owner or "",
            "status": self.status,
            "pii": self.pii or "",
            "properties": len(self.properties),
            "tracked": -1 if self.tracked is None else len(self.tracked),
        }


@dataclass
class SharedProperty:
    row: PropertyRow
    slug: str
    defined_in: CodeLink
    used_by: list[tuple[EntryRef, PropertyRow]]


@dataclass(frozen=True)
class StepEntry:
    event: EntryRef
    within: str | None

    @property
    def within_text(self) -> str | None:
        """``7d`` as "7 days" (the plan's schema allows ``<number><m|h|d|w>``)."""
        if not self.within:
            return None
        number, unit = self.within[:-1], _UNITS.get(self.within[-1])
        if not number.isdigit() or unit is None:
            return self.within
        return f"{number} {unit}{'' if number == '1' else 's'}"


@dataclass
class FunnelEntry:
    name: str
    slug: str
    description: RichText
    owner: str | None
    steps: list[StepEntry]
    defined_in: CodeLink


@dataclass
class RuleHealth:
    info: RuleInfo
    findings: list[Finding]

    @cached_property
    def summary(self) -> RichText:
        """The rule's one-paragraph summary (written in Markdown, like every rule doc)."""
        return RichText(self.info.summary)


@dataclass
class Health:
    rules: list[RuleHealth]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def passing(self) -> int:
        return sum(1 for rule in self.rules if not rule.findings)

    @property
    def command(self) -> str:
        """The command that finds the same: ``check`` when the code rules ran too."""
        code = any(rule.info.code.startswith("EV6") for rule in self.rules)
        return "evdict check" if code else "evdict lint"


@dataclass(frozen=True)
class BudgetLine:
    """A row of the ``evdict budget`` table, with the length of its bar."""

    label: str
    count: int
    tracked: int | None
    min: int | None
    max: int | None
    hard_max: int | None
    status: str
    status_label: str
    # The bar's length in % of its track; a row's budget (max) sits at BUDGET_MARK %.
    bar: float


@dataclass
class Budget:
    lines: list[BudgetLine]
    tracked: bool
    mark: float = BUDGET_MARK


@dataclass(frozen=True)
class Page:
    """One page of the site, whatever the format: where it goes and what it shows."""

    path: str  # without the extension: "events/order_completed"
    template: str  # without the extension: "event"
    section: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> str:
        """The relative way back to the site's root folder."""
        return "../" * self.path.count("/")


@dataclass
class SiteContent:
    title: str
    version: str
    plan_files: int
    events: list[EventEntry]
    properties: list[SharedProperty]
    funnels: list[FunnelEntry]
    health: Health
    budget: Budget

    def pages(self) -> Iterator[Page]:
        yield Page("index", "index", "events")
        for event in self.events:
            yield Page(f"events/{event.slug}", "event", "events", {"event": event})
        yield Page("properties/index", "properties", "properties")
        for prop in self.properties:
            yield Page(f"properties/{prop.slug}", "property", "properties", {"prop": prop})
        yield Page("funnels", "funnels", "funnels")
        yield Page("budget", "budget", "budget")
        yield Page("health", "health", "health", {"max_findings": MAX_FINDINGS_SHOWN})

    def options(self, attribute: str) -> list[tuple[str, int]]:
        """The values an index filter offers (``category``, ``owner``...), with counts."""
        counts = Counter(getattr(event, attribute) or "" for event in self.events)
        return sorted(counts.items(), key=lambda item: (item[0] == "", item[0].casefold()))

    @property
    def status_counts(self) -> Counter[str]:
        return Counter(event.status for event in self.events)

    def search_index_json(self) -> str:
        """The events' search records as JSON that is safe inside a ``<script>`` element."""
        text = json.dumps(
            [event.search_record() for event in self.events],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return (
            text.replace("&", "\\u0026")
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029")
        )


class _Links:
    """Project-relative paths and their repository URLs."""

    def __init__(self, config: Config) -> None:
        self.root = config.root.resolve()
        self.cwd = Path.cwd().resolve()
        self._files: dict[str, tuple[str, str | None]] = {}
        base = config.repo_url
        self.base = base.rstrip("/") + "/" if base and is_safe_url(base) else None

    def code(self, path: str, line: int) -> CodeLink:
        shown, url = self._files.get(path) or self._file(path)
        return CodeLink(shown, line, f"{url}#L{line}" if url else None)

    def _file(self, path: str) -> tuple[str, str | None]:
        """A file's path relative to the root, and its URL in the repository (memoized)."""
        absolute = self.cwd / path  # an absolute ``path`` replaces the working directory
        try:
            shown = Path(os.path.normpath(absolute)).relative_to(self.root).as_posix()
        except ValueError:
            shown = Path(path).as_posix()
        self._files[path] = shown, f"{self.base}{quote(shown)}" if self.base else None
        return self._files[path]

    def location(self, location: Location) -> CodeLink:
        return self.code(location.path, location.line)


def build_content(
    plan: Plan,
    config: Config,
    *,
    findings: CheckResult,
    budget: BudgetTable,
    inventory: Inventory | None = None,
    version: str = "",
) -> SiteContent:
    """Gather everything the site shows. ``inventory`` is None when no code was scanned."""
    return _Builder(plan, config).content(findings, budget, inventory, version)


class _Builder:
    """Turns plan entries into site entries, resolving names to page slugs."""

    def __init__(self, plan: Plan, config: Config) -> None:
        self.plan = plan
        self.config = config
        self.links = _Links(config)
        self.event_slugs = assign_slugs(plan.events)
        self.property_slugs = assign_slugs(plan.properties, reserved={"index"})  # its listing
        self.funnel_slugs = assign_slugs(plan.funnels)
        self._texts: dict[str | None, RichText] = {}
        self._rows: dict[int, PropertyRow] = {}

    def rich(self, source: str | None) -> RichText:
        """One :class:`RichText` per distinct text: shared descriptions render once."""
        text = self._texts.get(source)
        if text is None:
            text = self._texts[source] = RichText(source)
        return text

    def content(
        self,
        findings: CheckResult,
        budget: BudgetTable,
        inventory: Inventory | None,
        version: str,
    ) -> SiteContent:
        events = {name: self.event(event) for name, event in self.plan.events.items()}
        for entry in events.values():
            if entry.replaced_by and entry.replaced_by.name in events:
                events[entry.replaced_by.name].replaces.append(self.event_ref(entry.name))
            if inventory is not None:
                places = sorted(set(inventory.get(entry.name, ())))
                entry.tracked = [self.links.code(path, line) for path, line in places]
        funnels = [self.funnel(funnel) for funnel in self.plan.funnels.values()]
        for funnel in funnels:
            for position, step in enumerate(funnel.steps, start=1):
                if step.event.name in events:
                    place = FunnelPlace(
                        EntryRef(funnel.name, funnel.slug), position, len(funnel.steps)
                    )
                    events[step.event.name].funnels.append(place)
        health = self.health(findings)
        for rule in health.rules:
            for finding in rule.findings:
                if finding.event is not None and finding.event.name in events:
                    events[finding.event.name].findings.append(finding)
        root_name = self.config.root.name
        return SiteContent(
            title=f"{root_name} event dictionary" if root_name else "Event dictionary",
            version=version,
            plan_files=len(self.plan.documents),
            events=sorted(events.values(), key=lambda entry: entry.name.casefold()),
            properties=self.shared_properties(),
            funnels=funnels,
            health=health,
            budget=_budget(budget),
        )

    def event_ref(self, name: str) -> EntryRef:
        return EntryRef(name, self.event_slugs.get(name))

    def row(self, prop: Property) -> PropertyRow:
        """A property as written, merged with the shared definition it reuses (memoized)."""
        row = self._rows.get(id(prop))
        if row is None:
            row = self._rows[id(prop)] = self._row(prop)
        return row

    def _row(self, prop: Property) -> PropertyRow:
        schema = prop.effective
        shared = prop.shared or prop.base is not None
        enum = schema.get("enum")
        examples = schema.get("examples")
        return PropertyRow(
            name=prop.name,
            shared=EntryRef(prop.name, self.property_slugs[prop.name]) if shared else None,
            type=_type_text(schema),
            required=prop.required,
            enum=[_display(value) for value in enum] if isinstance(enum, list) else [],
            constraints=[
                (label, _display(schema[key])) for key, label in _CONSTRAINTS if key in schema
            ],
            examples=[_display(value) for value in examples] if isinstance(examples, list) else [],
            description=self.rich(prop.description),
            pii=prop.pii if prop.pii in PII_LABELS else None,
            pii_reason=self.rich(_text(schema.get("pii_reason"))),
        )

    def event(self, event: Event) -> EventEntry:
        deprecated = event.deprecated
        tags = event.spec.get("tags")
        return EventEntry(
            name=event.name,
            slug=self.event_slugs[event.name],
            description=self.rich(event.description),
            category=event.category,
            interaction=event.interaction,
            owner=event.owner,
            status=event.status,
            tags=[tag for tag in tags if isinstance(tag, str)] if isinstance(tags, list) else [],
            properties=[self.row(prop) for prop in event.properties.values()],
            defined_in=self.links.location(event.origin.location()),
            renamed_from=event.renamed_from,
            deprecated_since=_text(deprecated.get("since")),
            deprecated_reason=self.rich(_text(deprecated.get("reason"))),
            replaced_by=self.event_ref(event.replaced_by) if event.replaced_by else None,
        )

    def funnel(self, funnel: Funnel) -> FunnelEntry:
        return FunnelEntry(
            name=funnel.name,
            slug=self.funnel_slugs[funnel.name],
            description=self.rich(funnel.description),
            owner=_text(funnel.spec.get("owner")),
            steps=[StepEntry(self.event_ref(step.event), step.within) for step in funnel.steps],
            defined_in=self.links.location(funnel.origin.location()),
        )

    def shared_properties(self) -> list[SharedProperty]:
        users: dict[str, list[tuple[EntryRef, PropertyRow]]] = defaultdict(list)
        for event, prop in self.plan.event_properties():
            if prop.base is not None:
                users[prop.name].append((self.event_ref(event.name), self.row(prop)))
        shared = [
            SharedProperty(
                row=self.row(prop),
                slug=self.property_slugs[name],
                defined_in=self.links.location(prop.origin.location()),
                used_by=sorted(users[name], key=lambda use: use[0].name.casefold()),
            )
            for name, prop in self.plan.properties.items()
        ]
        return sorted(shared, key=lambda prop: prop.row.name.casefold())

    def health(self, result: CheckResult) -> Health:
        """Findings per rule: every rule that ran, the ones with findings first."""
        infos = {info.code: info for info in result.rules}
        by_rule: dict[str, list[Finding]] = defaultdict(list)
        for diagnostic in result.diagnostics:
            infos.setdefault(
                diagnostic.code,
                RuleInfo(diagnostic.code, diagnostic.name, diagnostic.severity, ""),
            )
            by_rule[diagnostic.code].append(self.finding(diagnostic))
        rules = [RuleHealth(info, by_rule[code]) for code, info in sorted(infos.items())]
        rules.sort(key=lambda rule: (not rule.findings, rule.info.severity.rank, rule.info.code))
        counts = Counter(diagnostic.severity.value for diagnostic in result.diagnostics)
        return Health(rules, {severity.value: counts[severity.value] for severity in Severity})

    def finding(self, diagnostic: Diagnostic) -> Finding:
        event_name = _event_of_entry(diagnostic.entry or "", self.plan)
        return Finding(
            code=diagnostic.code,
            severity=diagnostic.severity.value,
            message=Quoted(diagnostic.message),
            where=self.links.location(diagnostic.location).label,
            event=self.event_ref(event_name) if event_name else None,
        )


def _budget(table: BudgetTable) -> Budget:
    """The budget table; rows without a budget of their own are drawn on the total's scale."""
    total_scale = table.total.max or table.total.count
    lines = []
    for row in table.rows:
        scale = row.max or total_scale
        lines.append(
            BudgetLine(
                label=row.label,
                count=row.count,
                tracked=row.tracked,
                min=row.min,
                max=row.max,
                hard_max=row.hard_max,
                status=row.status.value,
                status_label=row.status.label,
                bar=min(100.0, round(row.count * BUDGET_MARK / max(scale, 1), 1)),
            )
        )
    return Budget(lines, table.tracked)


def _event_of_entry(entry: str, plan: Plan) -> str | None:
    """``events.NAME`` or ``events.NAME.properties.PROP`` -> NAME (names may hold dots)."""
    if not entry.startswith("events."):
        return None
    rest = entry.removeprefix("events.")
    if rest in plan.events:
        return rest
    name, marker, _ = rest.rpartition(".properties.")
    return name if marker and name in plan.events else None


def _display(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _type_text(schema: dict[str, Any]) -> str:
    """``string``, ``string or null``, ``array of string``; ``any`` without a (valid) type."""
    kind = schema.get("type")
    if isinstance(kind, str):
        names = [kind]
    elif isinstance(kind, list):
        names = [str(k) for k in kind]
    else:
        names = []
    items = schema.get("items")
    if "array" in names and isinstance(items, dict) and isinstance(items.get("type"), str):
        names[names.index("array")] = f"array of {items['type']}"
    return " or ".join(names) if names else "any"
