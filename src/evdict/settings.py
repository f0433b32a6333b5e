"""The rule families' sections of the configuration, typed and checked when it loads:
naming, duplicates, budget limits, personal data and diff."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from evdict.errors import ConfigError
from evdict.linear_regex import LinearPattern, UnsupportedPattern, compile_linear

DEFAULT_CASE = "snake_case"
DEFAULT_GRAMMAR = "object_action"
GRAMMARS = ("object_action", "action_object", "none")
TENSES = ("past", "present", "any")
CATEGORY_SEPARATORS = (":", ".", "/")
DEFAULT_MAX_LENGTH = 64
DEFAULT_MAX_DISTANCE = 2
DEFAULT_MIN_SIMILARITY = 85.0
DEFAULT_MIN = 50
DEFAULT_MAX = 150
DEFAULT_HARD_MAX = 200
DEFAULT_PROPERTIES_PER_EVENT = 25
DEFAULT_PER_INTERACTION: Mapping[str, int] = {"passive": 10}
DEFAULT_DEPRECATION_PERIOD_DAYS = 90


@dataclass(frozen=True)
class CategoryPrefix:
    """``naming.events.category``: a category before the name (``billing:checkout_start``)."""

    separator: str = ":"
    # When given, the only categories a prefix may name.
    values: tuple[str, ...] | None = None
    # Whether every name must carry a prefix.
    required: bool = False

    def split(self, name: str) -> tuple[str | None, str]:
        """The prefix of ``name`` (None: it has none) and the name after it."""
        prefix, found, rest = name.partition(self.separator)
        return (prefix, rest) if found and prefix and rest else (None, name)

    @classmethod
    def from_section(cls, section: Any, shown: str | None) -> CategoryPrefix:
        where = "naming.events.category"
        if not isinstance(section, Mapping):
            raise ConfigError(f"{where} must be a mapping (separator, values, required)", shown)
        separator = section.get("separator", ":")
        if separator not in CATEGORY_SEPARATORS:
            allowed = ", ".join(f"`{sep}`" for sep in CATEGORY_SEPARATORS)
            raise ConfigError(
                f"{where}.separator must be one of {allowed}, not {separator!r}", shown
            )
        values = section.get("values")
        if values is not None and (
            not isinstance(values, list)
            or not values
            or not all(isinstance(value, str) and value for value in values)
        ):
            raise ConfigError(f"{where}.values must be a non-empty list of names", shown)
        required = section.get("required", False)
        if not isinstance(required, bool):
            raise ConfigError(f"{where}.required must be true or false", shown)
        return cls(separator, None if values is None else tuple(values), required)


@dataclass(frozen=True)
class NameRules:
    """``naming.events`` or ``naming.properties``: how one kind of name is written."""

    case: str = DEFAULT_CASE
    # With ``case: [a, b]``: the styles names may be written in besides ``case`` (the
    # first), one per part of a product (an API and its web app).
    other_cases: tuple[str, ...] = ()
    # With ``case: regex``: the pattern names must match in full.
    pattern: LinearPattern | None = None
    max_length: int = DEFAULT_MAX_LENGTH
    # Events only: word order (EV102) and the words EV102/EV103 know or refuse.
    grammar: str = DEFAULT_GRAMMAR
    # The action's tense: past, present or any; None is the grammar's own default
    # (past for object_action, any for action_object).
    tense: str | None = None
    category: CategoryPrefix | None = None
    # Events only: the word(s) every name ends with (``Event`` of ``CollectionAddEvent``),
    # which the grammar reads past.
    suffix: str | None = None
    extra_verbs: tuple[str, ...] = ()
    extra_nouns: tuple[str, ...] = ()
    blocked_words: tuple[str, ...] = ()
    allowed_words: tuple[str, ...] = ()

    @classmethod
    def from_section(cls, section: Mapping[str, Any], key: str, shown: str | None) -> NameRules:
        cases = section.get("case", DEFAULT_CASE)
        case, *others = [str(style) for style in cases] if isinstance(cases, list) else [cases]
        pattern = None
        if case == "regex":
            where = f"naming.{key}.regex"
            source = section.get("regex")
            if not isinstance(source, str):
                raise ConfigError(
                    f"{where} is required with `case: regex`", shown, key=("naming", key, "case")
                )
            try:
                pattern = compile_linear(source)
            except UnsupportedPattern as exc:
                raise ConfigError(
                    bad_regex_message(where, exc), shown, key=("naming", key, "regex")
                ) from exc
        grammar = section.get("grammar", DEFAULT_GRAMMAR)
        if grammar not in GRAMMARS:
            raise ConfigError(
                f"naming.{key}.grammar must be one of {', '.join(GRAMMARS)}, not {grammar!r}",
                shown,
            )
        tense = section.get("tense")
        if tense is not None and tense not in TENSES:
            raise ConfigError(
                f"naming.{key}.tense must be one of {', '.join(TENSES)}, not {tense!r}", shown
            )
        category = section.get("category")
        suffix = section.get("suffix")
        if suffix is not None and (
            not isinstance(suffix, str) or not any(map(str.isalnum, suffix))
        ):
            raise ConfigError(
                f"naming.{key}.suffix must be a word names end with, such as Event, not {suffix!r}",
                shown,
            )
        return cls(
            case=case,
            other_cases=tuple(others),
            pattern=pattern,
            max_length=int(section.get("max_length", DEFAULT_MAX_LENGTH)),
            grammar=str(grammar),
            tense=tense,
            category=None if category is None else CategoryPrefix.from_section(category, shown),
            suffix=suffix,
            extra_verbs=tuple(section.get("extra_verbs") or ()),
            extra_nouns=tuple(section.get("extra_nouns") or ()),
            blocked_words=tuple(str(word).lower() for word in section.get("blocked_words") or ()),
            allowed_words=tuple(str(word).lower() for word in section.get("allowed_words") or ()),
        )

    @property
    def action_tense(self) -> str:
        """The tense EV102 holds the action to: ``tense``, else the grammar's default."""
        if self.tense is not None:
            return self.tense
        return "past" if self.grammar == "object_action" else "any"


@dataclass(frozen=True)
class NamingSettings:
    """The ``naming`` section (EV1xx)."""

    events: NameRules = field(default_factory=NameRules)
    properties: NameRules = field(default_factory=NameRules)

    @classmethod
    def from_section(cls, section: Mapping[str, Any], shown: str | None) -> NamingSettings:
        return cls(
            NameRules.from_section(section.get("events") or {}, "events", shown),
            NameRules.from_section(section.get("properties") or {}, "properties", shown),
        )


@dataclass(frozen=True)
class DuplicatesSettings:
    """The ``duplicates`` section (EV202; its synonyms serve EV103 too)."""

    # None: the built-in groups (evdict.names.synonyms.DEFAULT_SYNONYMS).
    synonyms: tuple[tuple[str, ...], ...] | None = None
    max_distance: int = DEFAULT_MAX_DISTANCE
    min_similarity: float = DEFAULT_MIN_SIMILARITY

    @classmethod
    def from_section(cls, section: Mapping[str, Any]) -> DuplicatesSettings:
        groups = section.get("synonyms")
        return cls(
            None if groups is None else tuple(tuple(group) for group in groups),
            int(section.get("max_distance", DEFAULT_MAX_DISTANCE)),
            float(section.get("min_similarity", DEFAULT_MIN_SIMILARITY)),
        )


@dataclass(frozen=True)
class Limits:
    """The ``budget`` section with the spec's defaults filled in (EV501-EV503, EV405)."""

    min: int = DEFAULT_MIN
    max: int = DEFAULT_MAX
    hard_max: int = DEFAULT_HARD_MAX
    per_category: Mapping[str, int] = field(default_factory=dict)
    per_owner: Mapping[str, int] = field(default_factory=dict)
    per_interaction: Mapping[str, int] = field(default_factory=lambda: DEFAULT_PER_INTERACTION)
    properties_per_event: int = DEFAULT_PROPERTIES_PER_EVENT

    @classmethod
    def from_section(cls, section: Mapping[str, Any], shown: str | None) -> Limits:
        """Contradictory bounds are a usage error (exit 2)."""
        limits = cls(
            min=section.get("min", DEFAULT_MIN),
            max=section.get("max", DEFAULT_MAX),
            hard_max=section.get("hard_max", DEFAULT_HARD_MAX),
            per_category=dict(section.get("per_category") or {}),
            per_owner=dict(section.get("per_owner") or {}),
            per_interaction={
                **DEFAULT_PER_INTERACTION,
                **(section.get("per_interaction") or {}),
            },
            properties_per_event=section.get("properties_per_event", DEFAULT_PROPERTIES_PER_EVENT),
        )

        problems = bound_problems(section)
        if problems:
            message, key = problems[0]
            raise ConfigError(message, shown, key=key)
        return limits


def bound_problems(section: Mapping[str, Any]) -> list[tuple[str, tuple[str, str]]]:
    """Budget bounds out of order (``min <= max <= hard_max``), each with the key to show
    it at; values that are not integers are the schema's to report."""
    defaults = {"min": DEFAULT_MIN, "max": DEFAULT_MAX, "hard_max": DEFAULT_HARD_MAX}
    bounds = [(key, section.get(key, default)) for key, default in defaults.items()]
    if not all(isinstance(value, int) and not isinstance(value, bool) for _, value in bounds):
        return []

    def written(key: str, value: int) -> str:
        return str(value) if key in section else f"{value}, the default"

    problems = []
    for (low_key, low), (high_key, high) in pairwise(bounds):
        if low > high:
            message = (
                f"budget.{low_key} ({written(low_key, low)}) is above "
                f"budget.{high_key} ({written(high_key, high)})"
            )
            shown_at = low_key if low_key in section else high_key
            problems.append((message, ("budget", shown_at)))
    return problems


@dataclass(frozen=True)
class PiiSettings:
    """The ``pii`` section (EV301): more personal-data names, and names never reported."""

    extra_names: Mapping[str, tuple[str, ...]] | None = None
    safe_names: tuple[str, ...] = ()

    @classmethod
    def from_section(cls, section: Mapping[str, Any]) -> PiiSettings:
        extra = section.get("extra_names") or None
        return cls(
            None if extra is None else {kind: tuple(names) for kind, names in extra.items()},
            tuple(section.get("safe_names") or ()),
        )


@dataclass(frozen=True)
class DiffSettings:
    """The ``diff`` section (``evdict diff``, EV701)."""

    default_branch: str | None = None
    deprecation_period_days: int = DEFAULT_DEPRECATION_PERIOD_DAYS

    @classmethod
    def from_section(cls, section: Mapping[str, Any]) -> DiffSettings:
        return cls(
            section.get("default_branch"),
            section.get("deprecation_period_days", DEFAULT_DEPRECATION_PERIOD_DAYS),
        )


def bad_regex_message(where: str, problem: UnsupportedPattern) -> str:
    return f"{where} is not a valid regular expression: {problem}"
