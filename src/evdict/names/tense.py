"""The tense of an event name's action, and the grammar a team configures: word order
(``object_action``, ``action_object``) and tense (``past``, ``present``, ``any``).

Present tense is PostHog's recommendation (``dashboard_share``, ``poll_close``): the
action is a verb's base form, read with the lexicon (``setup`` is ``set up``, ``close``
is noun and verb), never guessed from an ending.
"""

from __future__ import annotations

from collections.abc import Sequence

from evdict.names.grammar import GrammarProblem, Vocabulary
from evdict.names.lexicon import (
    DEFAULT_OBJECT,
    PARTICLES,
    PREPOSITIONS,
    action_verb,
    phrasal_lemma,
    readings,
    split_compound,
)


def is_base_verb(vocabulary: Vocabulary, word: str) -> bool:
    """Whether ``word`` is a verb's present (base) form: ``close``, ``share``, ``setup``,
    ``login``, ``run``, ``set``."""
    if word in vocabulary.extra_nouns or word in PARTICLES or word in PREPOSITIONS:
        return False
    if word in vocabulary.extra_verbs:
        return True
    if word in readings(word).get("VERB", ()):
        return True
    return phrasal_lemma(word) is not None or split_compound(word) is not None


def _is_object_head(vocabulary: Vocabulary, word: str) -> bool:
    """A noun phrase's head before a present-tense action: not a bare verb (``create``)."""
    senses = readings(word)
    if set(senses) == {"VERB"} and word in senses["VERB"]:
        return word in vocabulary.extra_nouns
    return vocabulary.is_noun_head(word)


def _is_past_only(vocabulary: Vocabulary, word: str) -> bool:
    """A past-tense verb that is no base form too (``clicked``; not ``set`` or ``run``)."""
    return vocabulary.past_lemma(word) is not None and not is_base_verb(vocabulary, word)


def _base(vocabulary: Vocabulary, word: str) -> str | None:
    """The base form of a verb word: ``closed`` -> close, ``create`` -> create."""
    if is_base_verb(vocabulary, word):
        return word
    return vocabulary.past_lemma(word)


def present_action(vocabulary: Vocabulary, words: Sequence[str]) -> int | None:
    """The index of a present-tense action after a noun phrase, followed by nothing but
    its particles and complement (``close`` in ``poll_close``, ``add`` in
    ``product_add_to_cart``), if there is one."""
    for index in range(len(words) - 1, 0, -1):
        tail = words[index + 1 :]
        complete = not tail or tail[0] in PARTICLES or tail[0] in PREPOSITIONS
        if (
            complete
            and is_base_verb(vocabulary, words[index])
            and _is_object_head(vocabulary, words[index - 1])
            and not any(_is_past_only(vocabulary, word) for word in words[:index])
        ):
            return index
    return None


def action_index(
    vocabulary: Vocabulary, words: Sequence[str], grammar: str, tense: str
) -> int | None:
    """The position of the word naming the action under ``grammar`` and ``tense``."""
    if grammar == "object_action" and tense != "past":
        index = present_action(vocabulary, words)
        if index is not None:
            return index
    return vocabulary.action_index(words, grammar)


def present_object_action_problem(
    vocabulary: Vocabulary, words: Sequence[str]
) -> GrammarProblem | None:
    """What keeps ``words`` from being a noun phrase then a present-tense verb."""
    if not words:
        return GrammarProblem("has no words")
    if present_action(vocabulary, words) is not None:
        return None
    past = vocabulary.final_verb(words)
    if past is not None:
        lemma = vocabulary.past_lemma(words[past]) or words[past]
        reason = f"'{words[past]}' is in the past tense, not the present"
        if past == 0 or not _is_object_head(vocabulary, words[past - 1]):
            return GrammarProblem(f"{reason}; put the object first and the verb after it")
        return GrammarProblem(reason, (*words[:past], lemma, *words[past + 1 :]))
    reading = (
        None if vocabulary.ends_in_action(words) else vocabulary.verb_first(words, strict=True)
    )
    if reading is not None and (reading.object or reading.complement):
        reason = f"opens with its verb '{' '.join(reading.verb)}'"
        base = _base(vocabulary, reading.verb[0])
        if not reading.object or base is None:
            return GrammarProblem(f"{reason}; put the object first and the verb after it")
        return GrammarProblem(
            reason, (*reading.object, base, *reading.verb[1:], *reading.complement)
        )
    end = len(words)
    while end > 1 and words[end - 1] in PARTICLES:
        end -= 1
    last = words[end - 1]
    reason = f"ends in '{' '.join(words[end - 1 :])}', not a present-tense verb"
    if end == 1 and is_base_verb(vocabulary, last):
        return GrammarProblem(
            f"has no object before its verb '{' '.join(words)}'", (DEFAULT_OBJECT, *words)
        )
    if not readings(last) and not last.endswith("ed") and end > 1:
        return None  # a product verb the lexicon lacks (`contact_sync`)
    made_from = action_verb(last)
    if made_from is not None and end > 1 and _is_object_head(vocabulary, words[end - 2]):
        return GrammarProblem(reason, (*words[: end - 1], made_from, *words[end:]))
    return GrammarProblem(f"{reason}; end it with the action in the present tense")


def _action_object_tense_problem(
    vocabulary: Vocabulary, words: Sequence[str], tense: str
) -> GrammarProblem | None:
    """An action_object name whose opening verb is not in ``tense``."""
    verb = words[0]
    if tense == "past" and vocabulary.past_lemma(verb) is None:
        past = vocabulary.past_phrase(verb)
        reason = f"opens with '{verb}', not a past-tense verb"
        return GrammarProblem(reason, (*past, *words[1:]) if past else None)
    if tense == "present" and not is_base_verb(vocabulary, verb):
        base = vocabulary.past_lemma(verb)
        reason = f"'{verb}' is in the past tense, not the present"
        return GrammarProblem(reason, (base, *words[1:]) if base else None)
    return None


def grammar_problem(
    vocabulary: Vocabulary, words: Sequence[str], grammar: str, tense: str
) -> GrammarProblem | None:
    """What keeps ``words`` from following ``grammar`` with its action in ``tense``."""
    if grammar == "none":
        return None
    if grammar == "action_object":
        problem = vocabulary.action_object_problem(words)
        if problem is None:
            return (
                None if tense == "any" else _action_object_tense_problem(vocabulary, words, tense)
            )
        if problem.suggestion is not None and tense != "any":
            # The verb moved first keeps its tense: put it in the configured one.
            fixed = _action_object_tense_problem(vocabulary, problem.suggestion, tense)
            if fixed is not None:
                return GrammarProblem(problem.reason, fixed.suggestion)
        return problem
    if tense == "present":
        return present_object_action_problem(vocabulary, words)
    past = vocabulary.object_action_problem(words)
    if past is not None and _reads_both_ways(vocabulary, words):
        past = GrammarProblem(
            f"opens with its verb '{words[0]}', or ends in '{words[-1]}' in the present "
            "tense; put the object first and the action last, in the past tense"
        )
    if past is None or tense == "past":
        return past
    if present_object_action_problem(vocabulary, words) is None:
        return None
    # Either tense would do: the past-tense suggestion stands, the reason names no tense.
    reason = past.reason.replace("a past-tense verb", "a verb").replace(", in the past tense", "")
    return GrammarProblem(reason.replace("in the past tense", "last"), past.suggestion)


def _reads_both_ways(vocabulary: Vocabulary, words: Sequence[str]) -> bool:
    """Whether a name is as much a verb then its object as an object then a present-tense
    verb, the lexicon unable to tell (``export_report``, ``trial_start``, ``file_upload``):
    a suggestion would guess which (``start_trialed``), so none is made."""
    if len(words) < 2 or any(word in PARTICLES or word in PREPOSITIONS for word in words):
        return False
    first = words[0]
    if "NOUN" not in readings(first) or vocabulary.past_lemma(first) is not None:
        return False
    if vocabulary.final_verb(words) is not None or vocabulary.ends_in_action(words):
        return False
    reading = vocabulary.verb_first(words, strict=True)
    if reading is None or not reading.object:
        return False  # read as object then action already (`checkout_start`)
    return is_base_verb(vocabulary, words[-1]) and _is_object_head(vocabulary, words[-2])
