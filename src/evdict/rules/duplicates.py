"""EV2xx: one thing, one name: duplicate events and conflicting property definitions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Any

from evdict.config import Config
from evdict.diagnostics import Diagnostic, Severity
from evdict.names.case import split_words
from evdict.names.close import add_bounded, close_pairs
from evdict.names.grammar import Vocabulary
from evdict.names.lexicon import DEFAULT_OBJECT, PARTICLES, action_verb, lemma_words
from evdict.names.namespace import split_namespace
from evdict.names.synonyms import Synonyms, folded
from evdict.plan.model import Event, Plan, Property
from evdict.rules.context import RuleContext
from evdict.rules.registry import Rule, register
from evdict.settings import DEFAULT_MAX_DISTANCE, DEFAULT_MIN_SIMILARITY

# Lemmas of generic verbs that only say an action ended well: `enrichment_completed` is
# `enriched`, `login_succeeded` is `logged_in`.
COMPLETION_LEMMAS = frozenset({"complete", "finish", "succeed"})
# Only a generated plan reaches it (65,000 names `event_00001`...): more candidate earlier
# names for one name than this keep the first ones only (a folded name shared by too many
# names is bounded by names.close.BUCKET_LIMIT). Real plans stay far below both.
_MAX_PARTNERS = 64


def _where(event: Event) -> str:
    location = event.origin.location()
    return f"{location.path}:{location.line}"


def _family_key(name: str) -> tuple[str, ...]:
    """A name with case, separators and word order folded away (EV201)."""
    return tuple(sorted(split_words(name)))


def _families(plan: Plan) -> list[list[Event]]:
    """Events equal after folding case, separators and word order, in declared order."""
    by_key: dict[tuple[str, ...], list[Event]] = defaultdict(list)
    for event in plan.events.values():
        key = _family_key(event.name)
        if key:
            by_key[key].append(event)
    return [members for members in by_key.values() if len(members) > 1]


@register
class DuplicateNormalized(Rule):
    """
    ## What it does
    Reports events whose names are equal once case, separators and word order
    are folded away (`user_signup`, `userSignup`, `User Signup`, `signup_user`,
    `user-signup`). Each family is reported once, at its second-declared member,
    listing every member with its file and line.

    ## Why is this bad
    These are one event under several names, usually from different platforms or
    teams: every count, funnel and dashboard is split between them. An error by
    default, because no analysis can be right while both exist.

    ## Example
    ```yaml
    events:
      user_signup: {description: Web signup.}
      userSignup: {description: Mobile signup.}
    ```

    ## Fix
    Keep one name, track it everywhere, and deprecate the others with
    `replaced_by` (or rename them with `evdict rename OLD NEW`).
    """

    code = "EV201"
    name = "duplicate-normalized"
    title = "Events whose names are equal once case and separators are folded"
    severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        for first, second, *others in _families(ctx.plan):
            message = (
                f"`{second.name}`: same as `{first.name}` ({_where(first)}) once case, "
                "separators and word order are folded"
            )
            if others:
                message += "; also " + ", ".join(f"`{e.name}` ({_where(e)})" for e in others)
            yield self.diagnostic(
                message,
                second.origin.location(),
                entry=f"events.{second.name}",
                suggestion=first.name,
            )


@dataclass(frozen=True)
class _Name:
    """An event name read for comparison."""

    event: Event
    words: tuple[str, ...]
    lemmas: tuple[str, ...]  # tense and plural folded
    synonyms: tuple[str, ...]  # synonyms folded too
    folded: tuple[str, ...]  # and the action read as its verb (see `NearDuplicateFinder.action`)
    prefix: str | None = None  # a category prefix or namespace: `billing:`, `ecommerce.`
    bare: _Name | None = None  # the name read without it

    @property
    def text(self) -> str:
        """What typos are measured on: a misspelt noun of an action has no verb to read."""
        return " ".join(self.synonyms)


@dataclass(frozen=True)
class NearDuplicateFinder:
    """Finds events that likely mean the same thing, with the reason.

    Exact matches after folding come from a dictionary; small edit distances from
    rapidfuzz's ``cdist`` over the distinct folded names, sorted by length so each
    block of rows is compared only with names of a reachable length.
    """

    vocabulary: Vocabulary
    synonyms: Synonyms
    max_distance: int = DEFAULT_MAX_DISTANCE
    min_similarity: float = DEFAULT_MIN_SIMILARITY

    @classmethod
    def from_config(cls, config: Config) -> NearDuplicateFinder:
        events, settings = config.naming.events, config.duplicates
        return cls(
            Vocabulary.of(events.extra_verbs, events.extra_nouns),
            Synonyms.of(settings.synonyms),
            settings.max_distance,
            settings.min_similarity,
        )

    def read(self, event: Event) -> _Name:
        name = self._read_words(event, event.name)
        split = split_namespace(event.name)
        if split is None:
            return name
        bare = self._read_words(event, split[1])
        if not bare.words:
            return name
        return replace(name, prefix=split[0], bare=bare)

    def _read_words(self, event: Event, text: str) -> _Name:
        words = tuple(split_words(text))
        lemmas = folded(words)
        synonyms = self.synonyms.fold(lemmas)
        acted = self.action(words)
        return _Name(
            event,
            words,
            lemmas,
            synonyms,
            synonyms if acted == lemmas else self.synonyms.fold(acted),
        )

    def action(self, words: Sequence[str]) -> tuple[str, ...]:
        """The lemmas of ``words`` with the action read as its verb.

        A noun of an action is its verb (`invitation_sent` ~ `invite_sent`); a generic
        completion verb after a noun of an action adds nothing (`contact_enrichment_completed`
        ~ `contact_enriched`, `signup_completed` ~ `signed_up`, `login_succeeded` ~
        `logged_in`), but one after a plain noun does (`order_completed` is not `ordered`,
        `export_completed` not `exported`: the noun may name the thing made). A leading
        `user` before the verb adds nothing either (`user_signed_up` ~ `Signed Up`).
        """
        out: list[str] = []
        action_ends: set[int] = set()  # positions in `out` right after a noun of an action
        for word in words:
            lemmas = lemma_words(word)
            verb = action_verb(lemmas[0]) if len(lemmas) == 1 else None
            out.extend(lemmas if verb is None else (verb,))
            if verb is not None or len(lemmas) > 1:  # enrichment, signup, login
                action_ends.add(len(out))
        if len(out) > 1 and out[-1] in COMPLETION_LEMMAS and len(out) - 1 in action_ends:
            out.pop()
        if len(words) > 1 and words[0] == DEFAULT_OBJECT and self._opens_with_verb(words[1:]):
            out.pop(0)
        return tuple(out)

    def _opens_with_verb(self, words: Sequence[str]) -> bool:
        """Whether ``words`` open with a past-tense or phrasal verb (`signed`, `login`)."""
        first = words[0]
        return (
            self.vocabulary.past_lemma(first) is not None
            or len(lemma_words(first)) > 1
            or (len(words) > 1 and words[1] in PARTICLES and self.vocabulary.can_be_verb(first))
        )

    def find(self, events: Sequence[Event]) -> dict[int, tuple[int, str]]:
        """For each event that near-duplicates an earlier one: (that one's index, why).

        Events of one EV201 family are never paired, and only a family's first member
        is reported: EV201 reports the others. The earlier event is the first one, in
        plan order, that the later one is alike with.
        """
        names = [self.read(event) for event in events]
        families = [_family_key(event.name) for event in events]
        first_of_family: dict[tuple[str, ...], int] = {}
        for index, family in enumerate(families):
            first_of_family.setdefault(family, index)
        found: dict[int, tuple[int, str]] = {}
        for second, firsts in sorted(self._candidates(names).items()):
            if first_of_family[families[second]] != second:
                continue
            for first in firsts:
                if families[first] == families[second]:
                    continue
                reason = self._why_pair(names[first], names[second])
                if reason is not None:
                    found[second] = (first, reason)
                    break
        return found

    def _why_pair(self, first: _Name, second: _Name) -> str | None:
        """:meth:`why_alike`, without the prefix when only one of the names has one
        (`ecommerce.product_viewed` ~ `Product Viewed`) and the whole names are not;
        names under two different prefixes are compared whole (`billing:plan_viewed`
        is not `docs:plan_viewed`)."""
        reason = self.why_alike(first, second)  # `checkout:started` ~ `checkout_started`
        if reason is not None or (first.prefix is None) == (second.prefix is None):
            return reason
        prefixed = first if second.prefix is None else second
        assert prefixed.prefix is not None and prefixed.bare is not None
        left = first.bare if first is prefixed else first
        right = second.bare if second is prefixed else second
        assert left is not None and right is not None
        without = f"without the prefix '{prefixed.prefix}'"
        if left.words == right.words:
            return f"the same words {without}"
        reason = self.why_alike(left, right)
        return None if reason is None else f"{reason}, {without}"

    def _candidates(self, names: Sequence[_Name]) -> dict[int, list[int]]:
        """For each name, the earlier ones (ascending, at most ``_MAX_PARTNERS``) equal to
        it after folding or close to it in edit distance."""
        by_text: dict[str, list[int]] = defaultdict(list)
        # Words in any order and split anywhere: `exported_reports`, `pageview`.
        by_words: dict[str, list[int]] = defaultdict(list)
        for index, name in enumerate(names):
            for reading in (name, name.bare):
                if reading is None or not reading.words:
                    continue
                add_bounded(by_text[reading.text], index)
                key = "".join(sorted(reading.synonyms))
                add_bounded(by_words[key], index)
                if reading.folded is not reading.synonyms:  # the action read as its verb
                    action_key = "".join(sorted(reading.folded))
                    if action_key != key:
                        add_bounded(by_words[action_key], index)
        partners = _Partners()
        for group in by_words.values():
            for i, later in enumerate(group):
                for earlier in group[:i]:
                    partners.add(earlier, later)
        texts = sorted(by_text, key=len)
        for left, right in close_pairs(texts, self.max_distance):
            for a in by_text[texts[left]]:
                for b in by_text[texts[right]]:
                    partners.add(a, b)
        return partners.sorted()

    def why_alike(self, first: _Name, second: _Name) -> str | None:
        """Why two names likely mean one event, or None when they name two things."""
        if "".join(first.words) == "".join(second.words):
            return "the same words split differently"
        if sorted(first.lemmas) == sorted(second.lemmas):
            return "the same words once tense and plural are folded"
        # In order: a noun `view` is not the verb `opened`; joined: `pageview` is `page viewed`.
        if "".join(first.synonyms) == "".join(second.synonyms):
            return f"the same words once synonyms are folded {_differing(first, second)}"
        if "".join(first.folded) == "".join(second.folded):
            return f"the same action in other words {_quoted_pair(second.words, first.words)}"
        from rapidfuzz import fuzz  # as above
        from rapidfuzz.distance import Levenshtein

        if self._name_different_things(first.synonyms, second.synonyms):
            return None
        if fuzz.ratio(first.text, second.text) < self.min_similarity:
            return None
        distance = Levenshtein.distance(first.text, second.text)
        if distance > self.max_distance:
            return None
        return f"{distance} edit{'s' if distance > 1 else ''} apart"

    def _name_different_things(self, first: Sequence[str], second: Sequence[str]) -> bool:
        """Whether a word that differs between the names is a different known word.

        `report_archived` / `report_unarchived`, `invoice_sent` / `invoice_resent`,
        `report_exported` / `report_imported`, `lead_imported` / `load_imported` name
        two things; `report_exported` / `report_exproted` is a typo.
        """

        matcher = SequenceMatcher(a=first, b=second, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            left, right = first[i1:i2], second[j1:j2]
            if tag != "replace" or len(left) != len(right):
                continue
            for a, b in zip(left, right, strict=True):
                both_known = self.vocabulary.is_known(a) and self.vocabulary.is_known(b)
                if both_known or a.endswith(b) or b.endswith(a):
                    return True
        return False


class _Partners:
    """Index pairs (earlier, later): for each later index, its smallest earlier ones."""

    def __init__(self) -> None:
        self._firsts: dict[int, set[int]] = defaultdict(set)

    def add(self, a: int, b: int) -> None:
        if a == b:
            return
        first, second = (a, b) if a < b else (b, a)
        firsts = self._firsts[second]
        firsts.add(first)
        if len(firsts) > 4 * _MAX_PARTNERS:  # a hostile plan: keep memory linear
            self._firsts[second] = set(sorted(firsts)[:_MAX_PARTNERS])

    def sorted(self) -> dict[int, list[int]]:
        return {second: sorted(firsts)[:_MAX_PARTNERS] for second, firsts in self._firsts.items()}


def _differing(first: _Name, second: _Name) -> str:
    """The words of ``second`` and ``first`` that differ: ('seen' ~ 'viewed'); whole names
    when one holds nothing the other lacks ('pageview' ~ 'page viewed')."""
    only_first = [word for word in first.words if word not in second.words]
    only_second = [word for word in second.words if word not in first.words]
    if not only_first or not only_second:
        return _quoted_pair(second.words, first.words)
    return _quoted_pair(only_second, only_first)


def _quoted_pair(later: Sequence[str], earlier: Sequence[str]) -> str:
    return f"('{' '.join(later)}' ~ '{' '.join(earlier)}')"


@register
class NearDuplicate(Rule):
    """
    ## What it does
    Reports an event that likely means the same as an earlier-declared one:
    names equal once tense and plural are folded (`reports_exported`,
    `report_export` ~ `report_exported`), once synonyms are folded
    (`banner_seen` ~ `banner_viewed`, `user_registered` ~ `user_signed_up`), once
    the action is read as its verb (`invitation_sent` ~ `invite_sent`,
    `contact_enrichment_completed` ~ `contact_enriched`, `login_succeeded` ~
    `user_logged_in`), or a typo apart (a small edit distance). A completion verb
    after a plain noun still counts (`order_completed` is not `ordered`). Two
    different actions on one object are never paired (`report_archived` /
    `report_unarchived`, `invoice_sent` / `invoice_resent`, `report_exported` /
    `report_imported`, `checkout_started` / `checkout_completed`): when a differing
    word is a different known word, or the other word with a prefix, they are two
    events. Families already reported by EV201 are not repeated. A category prefix
    or namespace (`billing:`, `shop/`, `ecommerce.` before a name in another case)
    is removed when only one of the names has it (`ecommerce.product_viewed` ~
    `Product Viewed`, `billing:checkout_started` ~ `checkout_start`); names under
    two different prefixes are two events (`billing:plan_viewed`, `docs:plan_viewed`).

    Synonym groups come from `duplicates.synonyms` (default: viewed/seen/opened,
    signup/sign_up/registered, login/log_in/signin/sign_in,
    logout/log_out/signout/sign_out, deleted/removed, clicked/tapped/pressed,
    purchased/bought, completed/finished/succeeded, started/began/initiated,
    updated/edited/modified/changed);
    `duplicates.max_distance` (default 2) and `duplicates.min_similarity`
    (default 85, a 0-100 ratio) bound typos.

    ## Why is this bad
    Two names for one action split its data: each dashboard uses one of them and
    undercounts. A warning, since the pair may be deliberate.

    ## Example
    ```yaml
    events:
      report_exported: {description: A report was downloaded.}
      reports_exported: {description: Several reports were downloaded.}
    ```

    ## Fix
    Keep one event (with a property for the variant, `report_count`) and
    deprecate the other with `replaced_by`, or add `ignore: [EV202]` to the later
    one when both are meant.
    """

    code = "EV202"
    name = "near-duplicate"
    title = "An event that likely means the same as another one"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        events = list(ctx.plan.events.values())
        finder = NearDuplicateFinder.from_config(ctx.config)
        for index, (other, reason) in sorted(finder.find(events).items()):
            event, earlier = events[index], events[other]
            yield self.diagnostic(
                f"`{event.name}`: likely the same event as `{earlier.name}` "
                f"({_where(earlier)}): {reason}",
                event.origin.location(),
                entry=f"events.{event.name}",
                suggestion=earlier.name,
            )


def _types(spec: Mapping[str, Any]) -> tuple[str, ...] | None:
    value = spec.get("type")
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(sorted(str(item) for item in value))
    return None


def _enum(spec: Mapping[str, Any]) -> list[Any] | None:
    value = spec.get("enum")
    return value if isinstance(value, list) else None


def _same_values(first: Sequence[Any], second: Sequence[Any]) -> bool:
    """Equal as sets (enum values may be unhashable, and order does not matter)."""
    return all(value in second for value in first) and all(value in first for value in second)


def _shown(types: Sequence[str]) -> str:
    return " | ".join(types)


def _values(values: Sequence[Any]) -> str:
    return "[" + ", ".join(str(value) for value in values) + "]"


@register
class PropertyTypeConflict(Rule):
    """
    ## What it does
    Reports a property name defined with different types or enums: an event's own
    definition whose `type` differs from the shared definition's, or whose `enum`
    allows values the shared one does not; and, for a name with no shared
    definition, an event that types it differently (or lists a different enum)
    than the first event that defines it. The finding points at the conflicting
    `type` or `enum` and names the other definition's location.

    ## Why is this bad
    Downstream tables hold one column per property: `plan_tier` as a string in
    one event and an integer in another breaks loads, joins and every query that
    filters on it.

    ## Example
    ```yaml
    properties:
      plan_tier: {type: string, enum: [free, pro]}
    events:
      first_enrichment_run:
        properties:
          plan_tier: {type: integer}
    ```

    ## Fix
    Reuse the shared definition (`plan_tier: {required: true}`), or give the
    property a new name when it really means something else.
    """

    code = "EV203"
    name = "property-type-conflict"
    title = "A property name defined with different types or enums"
    severity = Severity.ERROR

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        local: dict[str, list[tuple[Event, Property]]] = defaultdict(list)
        for event, prop in ctx.plan.event_properties():
            local[prop.name].append((event, prop))
        for name, definitions in local.items():
            shared = ctx.plan.properties.get(name)
            if shared is not None:
                yield from self._against_shared(definitions, shared)
            else:
                yield from self._against_first(definitions)

    def _against_shared(
        self, definitions: Sequence[tuple[Event, Property]], shared: Property
    ) -> Iterator[Diagnostic]:
        location = shared.origin.location()
        where = f"{location.path}:{location.line}"
        shared_types, shared_enum = _types(shared.spec), _enum(shared.spec)
        for event, prop in definitions:
            subject = f"`{prop.name}` of event `{event.name}`"
            types, enum = _types(prop.spec), _enum(prop.spec)
            entry = f"events.{event.name}.properties.{prop.name}"
            if types is not None and shared_types is not None and types != shared_types:
                yield self.diagnostic(
                    f"{subject} has type {_shown(types)}, but the shared definition "
                    f"({where}) has type {_shown(shared_types)}",
                    prop.origin.location("type", key=False),
                    entry=entry,
                )
            elif enum is not None and shared_enum is not None:
                extra = [value for value in enum if value not in shared_enum]
                if extra:
                    yield self.diagnostic(
                        f"{subject} allows {_values(extra)}, outside the shared definition's "
                        f"enum {_values(shared_enum)} ({where})",
                        prop.origin.location("enum", key=False),
                        entry=entry,
                    )

    def _against_first(self, definitions: Sequence[tuple[Event, Property]]) -> Iterator[Diagnostic]:
        typed = [
            (event, prop, types)
            for event, prop in definitions
            if (types := _types(prop.spec)) is not None
        ]
        if not typed:
            return
        first_event, first, first_types = typed[0]
        location = first.origin.location()
        where = f"event `{first_event.name}` ({location.path}:{location.line})"
        first_enum = _enum(first.spec)
        for event, prop, types in typed[1:]:
            subject = f"`{prop.name}` of event `{event.name}`"
            enum = _enum(prop.spec)
            entry = f"events.{event.name}.properties.{prop.name}"
            if types != first_types:
                yield self.diagnostic(
                    f"{subject} has type {_shown(types)}, but {where} has type "
                    f"{_shown(first_types)}",
                    prop.origin.location("type", key=False),
                    entry=entry,
                )
            elif enum is not None and first_enum is not None and not _same_values(enum, first_enum):
                yield self.diagnostic(
                    f"{subject} has enum {_values(enum)}, but {where} has enum "
                    f"{_values(first_enum)}",
                    prop.origin.location("enum", key=False),
                    entry=entry,
                )
