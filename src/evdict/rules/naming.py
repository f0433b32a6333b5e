"""EV1xx: names follow the team's convention: case, grammar, vocabulary and length.

The case rules alone judge casing; the grammar and word rules read the words of a
name whatever its casing (``Order Completed`` and ``order_completed`` alike).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from evdict.config import Config
from evdict.diagnostics import Diagnostic
from evdict.linear_regex import LinearPattern
from evdict.names.case import (
    acronyms,
    detect_case,
    matches_case,
    restyled,
    split_words,
    to_case,
)
from evdict.names.grammar import Vocabulary
from evdict.names.lexicon import lemma_words
from evdict.names.namespace import split_namespaces, strip_suffix
from evdict.names.standard import standard_event, standard_property
from evdict.names.synonyms import Synonyms, folded
from evdict.names.tense import action_index, name_problem
from evdict.plan.model import Event, Property
from evdict.rules.context import RuleContext
from evdict.rules.registry import Rule, register
from evdict.settings import DEFAULT_CASE, CategoryPrefix

# Event names the analytics SDKs use for their own calls and automatic events.
_SEGMENT_CALLS = frozenset({"identify", "page", "track", "screen", "group", "alias"})
_AMPLITUDE_EVENTS = frozenset({"session_start", "session_end", "revenue_amount"})


def reserved_by(name: str) -> str | None:
    """Which SDK reserves ``name`` for itself, if one does."""
    if name.startswith("$"):
        return "PostHog, Mixpanel and Amplitude reserve names starting with `$`"
    if name.lower().startswith("[amplitude]"):
        return "Amplitude reserves names starting with `[Amplitude]`"
    if name.startswith("mp_"):
        return "Mixpanel reserves names starting with `mp_`"
    if name.lower() in _SEGMENT_CALLS:
        return f"`{name.capitalize()}` is one of Segment's own calls"
    if name in _AMPLITUDE_EVENTS:
        return "Amplitude reserves it for its own events"
    return None


@dataclass(frozen=True)
class NameStyle:
    """How one kind of name is cased: a style of :data:`evdict.names.case.CASE_STYLES`,
    ``regex`` with a pattern, or ``any``."""

    kind: str  # "event" or "property"
    case: str
    pattern: LinearPattern | None
    max_length: int
    # Events: the category prefix, whose separator is no part of the case.
    category: CategoryPrefix | None = None
    # The other styles a name may be written in (`case: [kebab-case, snake_case]`).
    other_cases: tuple[str, ...] = ()

    @classmethod
    def of(cls, config: Config, kind: str) -> NameStyle:
        rules = config.naming.events if kind == "event" else config.naming.properties
        return cls(
            kind, rules.case, rules.pattern, rules.max_length, rules.category, rules.other_cases
        )

    @property
    def cases(self) -> tuple[str, ...]:
        return (self.case, *self.other_cases)

    def problem(self, name: str) -> tuple[str, str | None] | None:
        """Why ``name`` is not in this style and the name it should have, if it is not."""
        prefix, rest = (None, name)
        if self.category is not None and self.pattern is None:
            prefix, rest = self.category.split(name)
        problem = self._problem(rest)
        if problem is None:
            return None
        reason, fixed = problem
        if fixed is not None and prefix is not None and self.category is not None:
            fixed = f"{prefix}{self.category.separator}{fixed}"
        return reason + (f"; e.g. `{fixed}`" if fixed else ""), fixed

    def _problem(self, name: str) -> tuple[str, str | None] | None:
        if self.case == "any":
            return None
        if self.pattern is not None:
            if self.pattern.fullmatch(name):
                return None
            return f"does not match the {self.kind} name pattern `{self.pattern.pattern}`", None
        if any(matches_case(name, style) for style in self.cases):
            return None
        # a name the style cannot write otherwise gets no suggestion (not itself)
        written = [
            fixed for style in self.cases if (fixed := restyled(name, style)) not in (None, name)
        ]
        if not self.other_cases:
            return f"not {self.case}", written[0] if written else None
        closest = min(written, key=lambda fixed: _edits(name, fixed), default=None)
        return f"not {', '.join(self.cases[:-1])} or {self.cases[-1]}", closest

    def write(self, words: Sequence[str], like: str) -> str:
        """``words`` as a name in this style (in ``like``'s own style when the case is free,
        or when it is one of the styles accepted)."""
        style = self.case if self.pattern is None and self.case != "any" else detect_case(like)
        if self.other_cases:
            style = next((case for case in self.cases if matches_case(like, case)), style)
        return to_case(words, style or DEFAULT_CASE, acronyms(like))


def _edits(name: str, fixed: str) -> int:
    """How many characters writing ``name`` as ``fixed`` changes."""
    from rapidfuzz.distance import Levenshtein  # only for names in none of several styles

    return int(Levenshtein.distance(name, fixed))


def _vocabulary(config: Config) -> Vocabulary:
    events = config.naming.events
    return Vocabulary.of(events.extra_verbs, events.extra_nouns)


def reserved_property(name: str) -> bool:
    """Whether an SDK reserves the property ``name`` for itself (``$lib``, ``mp_lib``):
    the team spells it as the SDK does."""
    return name.startswith(("$", "mp_"))


def _checked_events(ctx: RuleContext) -> Iterator[Event]:
    """Events named by the team: SDK-reserved names are EV103's alone, and a vendor's
    standard events (`CompleteRegistration`, `Order Completed`) keep its spelling."""
    return (
        event
        for event in ctx.plan.events.values()
        if reserved_by(event.name) is None and standard_event(event.name) is None
    )


def _vendor_parameters(ctx: RuleContext) -> set[tuple[str | None, str]]:
    """``(owner, property)`` of the vendors' parameters sent only with their standard
    events (`predicted_ltv` on Meta's `Subscribe`); a shared definition (owner None)
    is judged by the events that reuse it."""
    senders: dict[str, list[str]] = {}
    for event, prop in ctx.plan.event_properties():
        senders.setdefault(prop.name, []).append(event.name)
    found: set[tuple[str | None, str]] = {
        (name, prop)
        for prop, events in senders.items()
        for name in events
        if standard_property(prop, [name])
    }
    found.update(
        (None, prop) for prop, events in senders.items() if standard_property(prop, events)
    )
    return found


def _property_subject(owner: Event | None, prop: Property) -> tuple[str, str]:
    """How a finding names a property definition, and its plan entry."""
    if owner is None:
        return f"shared property `{prop.name}`", f"properties.{prop.name}"
    return (
        f"property `{prop.name}` of event `{owner.name}`",
        f"events.{owner.name}.properties.{prop.name}",
    )


@register
class EventNameCase(Rule):
    """
    ## What it does
    Reports an event name not written in the configured case,
    `naming.events.case`: `snake_case` (default), `camelCase`, `PascalCase`,
    `Title Case` (small words such as "to" may stay lower-case: `Product Added to
    Wishlist`), `Sentence case`, `kebab-case`, `dot.case`, `regex` (with
    `naming.events.regex`) or `any`. Acronyms and digits are words like any other
    (`api_called`, `oauth2_connected`, `CSV Exported`). `:`, `/`, a spaced dash and
    brackets join no style's words: they part namespaces and tags, each written in the
    style (`sampling:enableAutostart` is camelCase, `App: Document Uploaded` and
    `Create Tenant - [Tenants]` Title Case), and a suggestion keeps them. In a
    Title Case or Sentence case name of several words, a brand written with capitals
    inside it is one word, kept as written (`OpenAI: Apply label from suggestion`,
    `Opened in VSCode`); alone it is not (`OpenAI` is not Sentence case). In the
    styles of one token, dotted namespaces before a part with a word break, or in a
    name that is no dot.case, are each written in the style
    (`onboarding.tour_step_viewed` is snake_case, `Airbyte.UI.Source.Test` PascalCase;
    a number among them is no word), and leading underscores mark a name internal
    (`_organizationId` is camelCase). A list of
    styles, one per part of the product (`case: [kebab-case, snake_case]`), accepts a
    name in any of them; one in none is restyled in the style it is nearest.
    A vendor's standard events, spelled exactly as it spells them, keep its spelling
    in any case: Meta Pixel's (`CompleteRegistration`), GA4's recommended events of
    more than one word (`add_to_cart`) and Segment's semantic events (`Order
    Completed`); the vendor and its destinations match them by name.

    ## Why is this bad
    Analytics tools match event names exactly: `Order Completed` and
    `order_completed` are two events, and people searching for one miss the other.

    ## Example
    ```yaml
    events:
      orderCompleted: {description: An order was paid for.}
    ```

    ## Fix
    Rename it in the configured case (`order_completed`), keeping the old name in
    `renamed_from`; `evdict rename OLD NEW` does both and the call sites.
    """

    code = "EV101"
    name = "event-name-case"
    title = "An event name not in the configured case"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        style = NameStyle.of(ctx.config, "event")
        for event in _checked_events(ctx):
            problem = style.problem(event.name)
            if problem is not None:
                yield self.diagnostic(
                    f"`{event.name}`: {problem[0]}",
                    event.origin.location(),
                    entry=f"events.{event.name}",
                    suggestion=problem[1],
                )


@register
class EventNameGrammar(Rule):
    """
    ## What it does
    Reads an event name's words (whatever its casing) with an English lexicon and
    reports one that breaks `naming.events.grammar`, by default `object_action`: a
    noun phrase then one past-tense verb (`contact_enriched`).

    - `object_action` (default): a noun phrase, then one past-tense verb, which
      may carry a particle and a complement: `contact_enriched`,
      `first_enrichment_run`, `user_signed_in`, `Product Added to Wishlist`.
    - `action_object`: the verb first, then its object: `enriched_contact`.
    - `none`: no grammar.

    `naming.events.tense` sets the action's tense: `past` (the default with
    `object_action`), `present` (PostHog's `dashboard_share`, `poll_close`; the
    default with `action_object` is `any`) or `any`. In the present tense, where
    action and object look alike, each word's noun and verb readings are weighed:
    an action verb (`click`, `update`, or a verb that is no noun) last is the
    action whatever names its object (`people_create_click`), while a word as much
    noun as verb (`task`, `plan`) after an action verb is its object
    (`project_task_list_create_task`, `billing_pause_plan` are flagged). With `naming.events.category`
    (`{separator: ":", values: [...], required: true}`) the grammar applies to the
    name after its category (`billing:checkout_start`), and a category not in
    `values`, or a missing one when `required`, is reported. Namespaces before a
    name's last `:` or `/` (`App: User Sign Up`, `wandb:scan_result:error`), dotted
    namespaces before a part in another case (`client.project.get_members`) and tags in
    brackets (`[Webhook] - Provider Webhook Called`, `Create Tenant - [Tenants]`) are
    context, as a category is, not words of the phrase, and a suggestion keeps them where
    they are. A name that is only its verb after its category is fixed behind the category
    (`help_popup:opened` -> `help_popup:open`).
    With `naming.events.suffix` (`Event`, for names such as `CollectionAddEvent`) the
    grammar reads the words before it, and a name without it is reported. Names an SDK reserves
    (`$set`, `$pageview`, `[Amplitude] ...`) are left to EV103, and a vendor's standard
    events (`add_to_cart`, `Signed Up`; see EV101) keep the vendor's words. A suggestion is
    made only when it follows the convention and is built from the name's own
    words, inflected with the lexicon (`space_setup` -> `space_set_up`,
    `account_deletion` -> `account_deleted`); none is better than a wrong one: a last
    word read rather as a noun is not made a verb (`CLI Command` gets no `CLI Commanded`,
    `Training` no `User Trained`), while an action verb, a phrasal verb or an action noun
    is (`Blog Post View` -> `Blog Post Viewed`, `Sign Up` -> `User Signed Up`).

    Irregular participles count (`sent`, `run`, `shown`, `set`), and so do product
    verbs the lexicon lacks but the morphology shows (`deduped`, `unarchived`);
    `naming.events.extra_verbs` (past-tense forms, e.g. `synced`) and
    `extra_nouns` add the product's own words. The message says what is wrong and
    proposes a name: `weekly_login` ends in 'login', not a past-tense verb; e.g.
    `user_logged_in`.

    ## Why is this bad
    One grammar makes a dictionary predictable: people guess names right, related
    events sort together, and a name says that something happened (an event), not
    a thing or a screen.

    ## Example
    ```yaml
    events:
      weekly_login: {description: An active user logged in this week.}
      create_report: {description: A user created a report.}
    ```

    ## Fix
    Put the object first and the action last, in the past tense:
    `user_logged_in`, `report_created`.
    """

    code = "EV102"
    name = "event-name-grammar"
    title = "An event name that breaks the configured word order or tense"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        rules = ctx.config.naming.events
        vocabulary = _vocabulary(ctx.config)
        style = NameStyle.of(ctx.config, "event")
        for event in _checked_events(ctx):
            prefix, name = (
                rules.category.split(event.name) if rules.category else (None, event.name)
            )
            category = _category_problem(rules.category, prefix)
            if category is not None:
                yield self.diagnostic(
                    f"`{event.name}`: {category}",
                    event.origin.location(),
                    entry=f"events.{event.name}",
                )
            # Namespaces after the category (`scan:` of `wandb:scan:error`) and tags
            # (`- [Inbox]`) are context too.
            spaces, name, tags = split_namespaces(name)
            category_words = [*split_words(prefix or ""), *split_words(spaces), *split_words(tags)]
            words, suffixed = strip_suffix(split_words(name), rules.suffix)
            problem = name_problem(
                vocabulary, words, rules.grammar, rules.action_tense, category_words
            )
            if problem is None and suffixed:
                continue
            reasons = (
                [] if suffixed else [f"does not end in '{rules.suffix}' (`naming.events.suffix`)"]
            )
            if problem is not None:
                reasons.append(problem.reason)
            fixed = words if problem is None else problem.suggestion
            suggestion = None
            if fixed:
                written = style.write([*fixed, *split_words(rules.suffix or "")], name)
                suggestion = spaces + written + tags
                if prefix is not None and rules.category is not None:
                    suggestion = f"{prefix}{rules.category.separator}{suggestion}"
            yield self.diagnostic(
                f"`{event.name}`: {', and '.join(reasons)}"
                + (f"; e.g. `{suggestion}`" if suggestion else ""),
                event.origin.location(),
                entry=f"events.{event.name}",
                suggestion=suggestion,
            )


def _category_problem(category: CategoryPrefix | None, prefix: str | None) -> str | None:
    """Why a name's category prefix breaks ``naming.events.category``, if it does."""
    if category is None:
        return None
    if prefix is None:
        if category.required:
            return f"has no category prefix (`category{category.separator}name`)"
        return None
    if category.values is not None and prefix not in category.values:
        listed = ", ".join(category.values)
        return f"category '{prefix}' is not one of the configured categories ({listed})"
    return None


@register
class EventNameWord(Rule):
    """
    ## What it does
    Reports an event name that uses a word of `naming.events.blocked_words`
    (e.g. `test`, `tmp`), whose action verb is not in `naming.events.allowed_words`
    when that vocabulary is set (compared by lemma, so `viewed` allows `view`), or
    that an analytics SDK reserves for itself: PostHog, Mixpanel and Amplitude's
    `$` names (`$pageview`, `$identify`, `$autocapture`, `$screen`), Segment's
    calls (`Identify`, `Page`, `Track`, `Screen`, `Group`, `Alias`), Amplitude's
    `[Amplitude] ...` and `session_start`/`session_end`, Mixpanel's `mp_` names.

    ## Why is this bad
    Test events leak into production data. A free choice of verbs lets
    `banner_seen` appear beside `banner_viewed`. A reserved name collides with the
    SDK's own event: the tool drops it, or merges it with its automatic data.

    ## Example
    ```yaml
    events:
      test_event_fired: {description: Debugging the signup form.}
      $pageview: {description: A page was viewed.}
    ```

    ## Fix
    Drop test events before merging, use an allowed verb (the message proposes a
    synonym from `duplicates.synonyms` when one is allowed), and name your own
    events in your own words (`page_viewed`).
    """

    code = "EV103"
    name = "event-name-word"
    title = "An event name using a blocked or not-allowed word"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        blocked = set(ctx.config.naming.events.blocked_words)
        allowed = list(ctx.config.naming.events.allowed_words)
        vocabulary = _vocabulary(ctx.config)
        rules = ctx.config.naming.events
        style = NameStyle.of(ctx.config, "event")
        synonyms = Synonyms.of(ctx.config.duplicates.synonyms)
        for event in ctx.plan.events.values():
            location, entry = event.origin.location(), f"events.{event.name}"
            reserved = reserved_by(event.name)
            if reserved is not None:
                yield self.diagnostic(
                    f"`{event.name}`: reserved; {reserved}", location, entry=entry
                )
                continue
            words = split_words(event.name)
            found = [word for word in words if word in blocked or lemma_words(word)[0] in blocked]
            if found:
                listed = ", ".join(f"'{word}'" for word in found)
                plural = "s" if len(found) > 1 else ""
                yield self.diagnostic(
                    f"`{event.name}`: contains the blocked word{plural} {listed}",
                    location,
                    entry=entry,
                )
            if not allowed:
                continue
            prefix, name = (
                rules.category.split(event.name) if rules.category else (None, event.name)
            )
            named = split_words(name)
            words, _ = strip_suffix(named, rules.suffix)
            index = action_index(vocabulary, words, rules.grammar, rules.action_tense)
            if index is not None and not _is_allowed(words[index], allowed):
                verb = words[index]
                message = f"`{event.name}`: the verb '{verb}' is not in allowed_words"
                replacement = _allowed_synonym(verb, allowed, synonyms, vocabulary)
                suggestion = None
                if replacement is not None:
                    fixed = [*words[:index], *replacement, *named[index + 1 :]]
                    suggestion = style.write(fixed, name)
                    if prefix is not None and rules.category is not None:
                        suggestion = f"{prefix}{rules.category.separator}{suggestion}"
                    message += f"; e.g. `{suggestion}`"
                yield self.diagnostic(message, location, entry=entry, suggestion=suggestion)


def _allowed_synonym(
    verb: str, allowed: Sequence[str], synonyms: Synonyms, vocabulary: Vocabulary
) -> tuple[str, ...] | None:
    """An allowed word that means ``verb``, in ``verb``'s tense (`seen` -> `viewed`)."""
    alternatives = {folded(split_words(word)) for word in synonyms.alternatives(verb)}
    for word in allowed:
        lemmas = folded(split_words(word))
        if lemmas in alternatives:
            return vocabulary.past_phrase(word) if vocabulary.past_lemma(verb) else lemmas
    return None


def _is_allowed(verb: str, allowed: Sequence[str]) -> bool:
    """Whether ``verb`` is an allowed word or a form of one (`viewed` allows `view`)."""
    lemmas = lemma_words(verb)
    return any(verb == word or lemma_words(word) == lemmas for word in allowed)


@register
class PropertyNameCase(Rule):
    """
    ## What it does
    Reports a property name (shared or an event's own) not written in the
    configured case, `naming.properties.case`: `snake_case` (default) or any
    style `naming.events.case` accepts, `regex` with `naming.properties.regex`,
    or `any`. A shared property is reported once, at its definition, not again
    for each event that reuses it. Names an SDK reserves for its own properties
    (`$current_url`, `$lib` of PostHog, Mixpanel and Amplitude, Mixpanel's `mp_lib`)
    follow the SDK's spelling and are left alone, and so do the parameters a vendor
    defines for its standard events (see EV101) when only those events send them:
    `predicted_ltv` on Meta Pixel's `Subscribe`, `order_id` on Segment's `Order
    Completed`, but not on the team's own `planUpgraded`.

    ## Why is this bad
    Properties become columns in the warehouse: `phoneNumber` beside
    `workspace_id` makes every query guess, and one property under two spellings
    splits its data.

    ## Example
    ```yaml
    events:
      contact_enriched:
        properties:
          phoneNumber: {type: string}
    ```

    ## Fix
    Rename it in the configured case (`phone_number`), in the plan and the code.
    """

    code = "EV104"
    name = "property-name-case"
    title = "A property name not in the configured case"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        style = NameStyle.of(ctx.config, "property")
        vendor_parameters = _vendor_parameters(ctx)
        for owner, prop in ctx.plan.property_definitions():
            owner_name = owner.name if owner is not None else None
            if reserved_property(prop.name) or (owner_name, prop.name) in vendor_parameters:
                continue
            problem = style.problem(prop.name)
            if problem is not None:
                subject, entry = _property_subject(owner, prop)
                yield self.diagnostic(
                    f"{subject}: {problem[0]}",
                    prop.origin.location(),
                    entry=entry,
                    suggestion=problem[1],
                )


@register
class NameLength(Rule):
    """
    ## What it does
    Reports an event or property name longer than its limit,
    `naming.events.max_length` and `naming.properties.max_length` (64 characters
    by default).

    ## Why is this bad
    Long names are cut in tool menus and chart legends, and some destinations
    truncate or reject them. A long name is usually a sentence that belongs in
    the description or in properties.

    ## Example
    ```yaml
    events:
      onboarding_checklist_item_completed_after_first_successful_import: {}
    ```

    ## Fix
    Keep the name to object and action and move the detail into properties:
    `onboarding_item_completed` with `item` and `after_first_import`.
    """

    code = "EV105"
    name = "name-length"
    title = "An event or property name over its length limit"

    def check(self, ctx: RuleContext) -> Iterator[Diagnostic]:
        limit = NameStyle.of(ctx.config, "event").max_length
        for event in ctx.plan.events.values():
            if len(event.name) > limit:
                yield self.diagnostic(
                    f"event `{event.name}`: {len(event.name)} characters, over the limit of {limit}",
                    event.origin.location(),
                    entry=f"events.{event.name}",
                )
        limit = NameStyle.of(ctx.config, "property").max_length
        for owner, prop in ctx.plan.property_definitions():
            if len(prop.name) > limit:
                subject, entry = _property_subject(owner, prop)
                yield self.diagnostic(
                    f"{subject}: {len(prop.name)} characters, over the limit of {limit}",
                    prop.origin.location(),
                    entry=entry,
                )
