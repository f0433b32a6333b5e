"""The grammar of event names: word order (``object_action``, ``action_object``), the
action read as a verb, and suggestions built from a name's own words. A project's own
words come from the config (``extra_verbs``, ``extra_nouns``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evdict.names.lexicon import (
    DEFAULT_OBJECT,
    PARTICLES,
    PREPOSITIONS,
    action_verb,
    guessed_lemma,
    is_lexicon_word,
    participle,
    past_lemma_of,
    phrasal_lemma,
    readings,
    split_compound,
    verb_outweighs_noun,
)

# Verbs of action nouns that take no object: `create_failure` reads `create_failed`.
_INTRANSITIVE = frozenset({"fail", "expire"})


@dataclass(frozen=True)
class GrammarProblem:
    """Why a name breaks its grammar, and the words of a name that would not."""

    reason: str
    suggestion: tuple[str, ...] | None = None


@dataclass(frozen=True)
class VerbFirst:
    """A name read as verb first: ``add_product_to_cart`` -> add / product / to cart."""

    verb: tuple[str, ...]  # the verb and its particles
    object: tuple[str, ...]
    complement: tuple[str, ...]  # a preposition and what follows it


@dataclass(frozen=True)
class Vocabulary:
    """The lexicon plus a project's own words.

    ``extra_verbs`` are past-tense forms of product verbs (``synced``, ``upserted``);
    ``extra_nouns`` are words that are only ever objects (``login`` as a noun).
    """

    extra_verbs: frozenset[str] = frozenset()
    extra_nouns: frozenset[str] = frozenset()

    @classmethod
    def of(cls, extra_verbs: Iterable[str] = (), extra_nouns: Iterable[str] = ()) -> Vocabulary:
        return cls(
            frozenset(word.lower() for word in extra_verbs),
            frozenset(word.lower() for word in extra_nouns),
        )

    def past_lemma(self, word: str) -> str | None:
        """The lemma of a past-tense verb (``sent`` -> send), else None."""
        if word in self.extra_nouns:
            return None
        if word in self.extra_verbs:
            return guessed_lemma(word, "VERB") if word.endswith("ed") else word
        return past_lemma_of(word)

    def can_be_verb(self, word: str) -> bool:
        """Whether ``word`` has a verb reading in any form (``login``, ``create``, ``sent``)."""
        if word in self.extra_nouns:
            return False
        return (
            word in self.extra_verbs
            or "VERB" in readings(word)
            or past_lemma_of(word) is not None
            or split_compound(word) is not None
        )

    def is_known(self, word: str) -> bool:
        """Whether the lexicon or the config knows ``word``."""
        return word in self.extra_verbs or word in self.extra_nouns or is_lexicon_word(word)

    def is_noun_head(self, word: str) -> bool:
        """Whether ``word`` can end a noun phrase: ``job``, ``onboarding``, ``api``, ``2``.

        Not a past-tense verb (``exported``), an adjective (``new``) or an adverb of
        time (``weekly``, ``first``: adjective and adverb, never a verb). A verb's base
        form counts: the lexicon lists some nouns only as verbs (``template``, ``log``),
        and before the action a bare verb is a noun (``billing``, ``reset``).
        """
        if word in self.extra_nouns:
            return True
        if word in self.extra_verbs:
            return False
        senses = readings(word)
        past = past_lemma_of(word)
        if not senses:
            return past is None and not word.endswith("ly")
        if past is not None and past != word and "NOUN" not in senses:
            return False
        if "NOUN" in senses or "PROPN" in senses:
            return not ({"ADJ", "ADV"} <= set(senses) and "VERB" not in senses)
        return "VERB" in senses

    def past_phrase(self, word: str) -> tuple[str, ...] | None:
        """``word`` as a past-tense verb phrase: ``login`` -> (logged, in), ``create`` -> (created,)."""
        if self.past_lemma(word) is not None:
            return (word,)
        if word in self.extra_nouns:
            return None
        phrasal = phrasal_lemma(word)
        # A phrasal verb (log-in), not a prefixed one (re-send: resent, not `red send`).
        if phrasal is not None and all(part in PARTICLES for part in phrasal[1:]):
            return (participle(phrasal[0]), *phrasal[1:])
        if "VERB" in readings(word):
            return (participle(readings(word)["VERB"][0]),)
        compound = split_compound(word)
        if compound is not None:
            return (participle(compound[0]), compound[1])
        return None

    def final_verb(self, words: Sequence[str]) -> int | None:
        """The index of the action of an object_action name: the last past-tense verb
        followed by nothing but its particles and complement (``signed`` in
        ``user_signed_in``, ``added`` in ``Product Added to Wishlist``)."""
        for index in range(len(words) - 1, -1, -1):
            after = words[index + 1] if index + 1 < len(words) else None
            complete = after is None or after in PARTICLES or after in PREPOSITIONS
            if complete and self.past_lemma(words[index]) is not None:
                return index
        return None

    def verb_first(self, words: Sequence[str], *, strict: bool) -> VerbFirst | None:
        """Read ``words`` as a verb, its particles, an object and a complement, if they are."""
        first = words[0] if words else ""
        if not self.can_be_verb(first) or (strict and self.is_phrasal_word(first)):
            return None
        # A word that is also a noun (contact, export) opens with a verb only before a
        # known noun and no other verb: `export_report` does, `contact_sync` is a noun
        # phrase.
        ambiguous = strict and "NOUN" in readings(first) and self.past_lemma(first) is None
        end_of_verb = 1
        while end_of_verb < len(words) and words[end_of_verb] in PARTICLES:
            end_of_verb += 1
        end_of_object = end_of_verb
        while end_of_object < len(words) and words[end_of_object] not in PREPOSITIONS:
            end_of_object += 1
        if end_of_object == len(words) - 1 and self._phrasal_noun(words[end_of_verb:]):
            end_of_object += 1  # a particle ending the name ends its object: `Clicked Log In`
        obj = tuple(words[end_of_verb:end_of_object])
        if obj and not (self.is_noun_head(obj[-1]) or self._phrasal_noun(obj)):
            return None
        if ambiguous and not (obj and "NOUN" in readings(obj[-1])):
            return None
        if ambiguous and any(self.past_lemma(word) for word in obj):
            return None  # `Account Added User`: the noun acts, it is not a verb
        return VerbFirst(tuple(words[:end_of_verb]), obj, tuple(words[end_of_object:]))

    def is_phrasal_word(self, word: str) -> bool:
        return phrasal_lemma(word) is not None or split_compound(word) is not None

    def action_index(self, words: Sequence[str], grammar: str) -> int | None:
        """The position of the word naming the action under ``grammar`` (for ``allowed_words``)."""
        if grammar == "action_object":
            reading = self.verb_first(words, strict=False)
            return 0 if reading is not None and (reading.object or reading.complement) else None
        return self.final_verb(words)

    def object_action_problem(self, words: Sequence[str]) -> GrammarProblem | None:
        """What keeps ``words`` from being a noun phrase then a past-tense verb, if anything."""
        if not words:
            return GrammarProblem("has no words")
        verb = self.final_verb(words)
        if verb is not None:
            return self._object_problem(words[:verb], tuple(words[verb:]))
        reading = None if self.ends_in_action(words) else self.verb_first(words, strict=True)
        if reading is not None and (reading.object or reading.complement):
            reason = f"opens with its verb '{' '.join(reading.verb)}'"
            past = self.past_phrase(reading.verb[0])
            if not reading.object or past is None:
                return GrammarProblem(f"{reason}; put the object first and the verb after it")
            return GrammarProblem(
                reason, (*reading.object, *past, *reading.verb[1:], *reading.complement)
            )
        # The last word is not a verb: inflect it if it can be one (login -> logged in).
        end = len(words)
        while end > 1 and words[end - 1] in PARTICLES:
            end -= 1
        last, particles = words[end - 1], tuple(words[end:])
        reason = f"ends in '{' '.join(words[end - 1 :])}', not a past-tense verb"
        # Only a word read rather as a verb (`login`, `view`, `sign up`), not a noun that
        # is also a verb (`CLI Command` is no `CLI Commanded`, `Training` no `User Trained`).
        acts = bool(particles) or last in self.extra_verbs or verb_outweighs_noun(last)
        past = self.past_phrase(last) if acts and self.can_be_verb(last) else None
        if past is None and (made_from := action_verb(last)) is not None:
            past = (participle(made_from),)  # account_deletion -> account_deleted
            before = words[end - 2] if end > 1 else ""
            # After a word only ever a verb the action noun is its object (`add_payment`
            # is no `add_paid`), unless its verb takes none (`create_failure`).
            verb_before = set(readings(before)) == {"VERB"} and made_from not in _INTRANSITIVE
            if not before or not self.is_noun_head(before) or verb_before:
                past = None
        if past is None:
            return GrammarProblem(f"{reason}; end it with the action in the past tense")
        obj = list(words[: end - 1])
        if not obj or not self.is_noun_head(obj[-1]):
            obj = [DEFAULT_OBJECT]
        return GrammarProblem(reason, (*obj, *past, *particles))

    def ends_in_action(self, words: Sequence[str]) -> bool:
        """Whether a name that opens with a word both noun and verb (``poll``, ``space``,
        ``account``) is better read as its object then its action, because the lexicon
        shows the last word is an action: a phrasal verb written as one word
        (``space_setup``), an action noun (``account_deletion``), a verb that is also an
        adjective, so a poor object (``poll_close``), or a verb after an action noun
        (``account_deletion_schedule``), or any verb after a gerund
        (``billing_plan_upgrade``). Otherwise the verb-first reading stands
        (``export_report`` -> ``report_exported``)."""
        end = len(words)
        while end > 1 and words[end - 1] in PARTICLES:
            end -= 1
        first = readings(words[0]) if end >= 2 else {}
        # A gerund opening the name is a noun (`billing_plan_upgrade`), never its verb.
        gerund = words[0].endswith("ing") and words[0] not in first.get("VERB", (words[0],))
        if end < 2 or not ("NOUN" in first or gerund) or words[0] in self.extra_nouns:
            return False
        if any(word in PREPOSITIONS for word in words[:end]):
            return False
        last, before = words[end - 1], words[end - 2]
        if not self.is_noun_head(before):
            return False
        if gerund and self.can_be_verb(last):
            return True
        if action_verb(last) is not None or self.is_phrasal_word(last):
            return True
        senses = readings(last)
        if "VERB" not in senses or last in self.extra_nouns:
            return False
        return "ADJ" in senses or action_verb(before) is not None

    def _object_problem(self, obj: Sequence[str], phrase: tuple[str, ...]) -> GrammarProblem | None:
        """The words before the verb must be a noun phrase (``first_enrichment``)."""
        shown = " ".join(phrase)
        if not obj:
            return GrammarProblem(
                f"has no object before its verb '{shown}'", (DEFAULT_OBJECT, *phrase)
            )
        head = obj[-1]
        if self.is_noun_head(head) or self._phrasal_noun(obj):
            return None
        if self.past_lemma(head) is not None:
            return GrammarProblem(f"has two verbs, '{head}' and '{shown}'; keep one")
        if len(obj) >= 2 and head in PARTICLES and self.past_lemma(obj[-2]) is not None:
            verb = f"{obj[-2]} {head}"
            return GrammarProblem(f"has two verbs, '{verb}' and '{shown}'; keep one")
        return GrammarProblem(
            f"'{' '.join(obj)}' before '{shown}' is not an object", (DEFAULT_OBJECT, *phrase)
        )

    def _phrasal_noun(self, obj: Sequence[str]) -> bool:
        """Whether ``obj`` ends in a phrasal verb's base form, a noun before an action
        (``sign in`` of ``User Sign In Attempted``, ``check out`` of ``check_out_started``)."""
        if len(obj) < 2 or obj[-1] not in PARTICLES:
            return False
        verb = obj[-2]
        return "VERB" in readings(verb) and self.past_lemma(verb) is None

    def action_object_problem(self, words: Sequence[str]) -> GrammarProblem | None:
        """What keeps ``words`` from being a verb then its object (``enriched_contact``)."""
        if not words:
            return GrammarProblem("has no words")
        reading = self.verb_first(words, strict=False)
        if reading is not None and (reading.object or reading.complement):
            return None  # `enriched_contact`, and GA4's `add_to_cart`
        verb = self.final_verb(words)
        if verb is not None and verb > 0:
            end_of_verb = verb + 1
            # `in` of `Used in Workflow` opens the complement; `in` of `Logged In` ends it
            while end_of_verb < len(words) and words[end_of_verb] in PARTICLES:
                if words[end_of_verb] in PREPOSITIONS and end_of_verb + 1 < len(words):
                    break
                end_of_verb += 1
            suggestion = (*words[verb:end_of_verb], *words[:verb], *words[end_of_verb:])
            shown = " ".join(words[verb:end_of_verb])
            if end_of_verb == len(words):
                return GrammarProblem(f"ends with its verb '{shown}'", suggestion)
            return GrammarProblem(f"has its verb '{shown}' after its object", suggestion)
        if reading is None:
            return GrammarProblem(f"does not open with a verb ('{words[0]}')")
        return GrammarProblem(f"has no object after its verb '{' '.join(reading.verb)}'")
