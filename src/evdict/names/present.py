"""Names whose action is a verb's present (base) form, PostHog's recommendation
(``dashboard_share``, ``poll_close``), read by weighing each word's noun and verb
readings in the lexicon.

In the present tense the action and its object look alike: ``people_create_click`` is
a click on the "create" button, ``project_task_list_create_task`` creates a task. The
lexicon says which readings a word has; where a word has both, its place decides: an
action verb (``click``, ``update``: :data:`ACTION_VERBS`, or a verb that is no noun)
ends a name as its action whatever comes before it, while a word that is as much noun
as verb (``task``, ``plan``) ends it as the action only after a plain noun, and is
rather the object of an action verb before it (``billing_pause_plan``).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from evdict.names.grammar import GrammarProblem, Vocabulary
from evdict.names.lexicon import (
    DEFAULT_OBJECT,
    PARTICLES,
    PREPOSITIONS,
    PRONOUNS,
    QUANTIFIERS,
    action_verb,
    is_prefixed_verb,
    phrasal_lemma,
    readings,
    split_compound,
    verb_outweighs_noun,
)


def is_base_verb(vocabulary: Vocabulary, word: str) -> bool:
    """Whether ``word`` is a verb's present (base) form: ``close``, ``share``, ``setup``,
    ``login``, ``run``, ``set``."""
    if word in vocabulary.extra_nouns or word in PARTICLES or word in PREPOSITIONS:
        return False
    if word in vocabulary.extra_verbs:
        return True
    if word in readings(word).get("VERB", ()) or is_prefixed_verb(word):
        return True
    return phrasal_lemma(word) is not None or split_compound(word) is not None


def is_action_verb(vocabulary: Vocabulary, word: str) -> bool:
    """Whether ``word`` is a base verb whose verb reading outweighs its noun reading: a
    product's own verb, one the lexicon knows as no noun (``create``, ``open``), a
    phrasal verb (``setup``, ``login``) or an action verb (``click``, ``update``)."""
    if not is_base_verb(vocabulary, word):
        return False
    return word in vocabulary.extra_verbs or verb_outweighs_noun(word)


def is_past_only(vocabulary: Vocabulary, word: str) -> bool:
    """A past-tense verb that is no base form too (``clicked``; not ``set`` or ``run``)."""
    return vocabulary.past_lemma(word) is not None and not is_base_verb(vocabulary, word)


def _is_adjective(word: str) -> bool:
    """A word the lexicon reads as an adjective or adverb (``first``, ``gated``)."""
    senses = readings(word)
    return "ADJ" in senses or "ADV" in senses


def _is_noun(vocabulary: Vocabulary, word: str) -> bool:
    """Whether ``word`` can be a noun here: the lexicon reads it as one (``deletion``,
    ``task``), not only an adjective beside it (``current``), or does not know it
    (``config``, ``docs``)."""
    if word in vocabulary.extra_nouns:
        return True
    if word in PARTICLES or word in PREPOSITIONS or word in vocabulary.extra_verbs:
        return False
    senses = readings(word)
    if not senses:
        return True
    if is_past_only(vocabulary, word) or not ("NOUN" in senses or "PROPN" in senses):
        return False
    return "VERB" in senses or "ADJ" not in senses


def _is_object_head(vocabulary: Vocabulary, word: str) -> bool:
    """Whether ``word`` can end the object before an action verb: a noun (``portal``), or
    a verb named as a thing (the "create" button in ``people_create_click``); not a
    past-tense verb (``report_exported_share`` has two verbs), an adjective or adverb
    (``weekly_login``), a particle or a preposition."""
    if word in PARTICLES or word in PREPOSITIONS:
        return False
    return vocabulary.is_noun_head(word)


def _is_action_after(
    vocabulary: Vocabulary, words: Sequence[str], index: int, verb_first: int | None
) -> bool:
    """Whether ``words[index]`` reads as the action of the noun phrase before it
    (``verb_first``: where :func:`verb_before_object` finds a verb before its object)."""
    word = words[index]  # the object is words[:index], never copied: names may be long
    phrasal = index + 1 < len(words) and words[index + 1] in PARTICLES  # `pulse_drill_in`
    if is_action_verb(vocabulary, word) or (phrasal and is_base_verb(vocabulary, word)):
        end = index
        while end > 1 and _is_adjective(words[end - 1]):
            end -= 1  # `widget_copy_first_open`, `client_portal_gated_click`
        return _is_object_head(vocabulary, words[end - 1])
    # As much noun as verb (`task`, `bill`): the action only after a noun, not after an
    # adjective (`billing_current_bill`), and when no action verb before it has it as
    # its object (`billing_pause_plan`).
    return (
        is_base_verb(vocabulary, word)
        and _is_noun(vocabulary, words[index - 1])
        and verb_first is None
    )


def present_action(vocabulary: Vocabulary, words: Sequence[str]) -> int | None:
    """The index of a present-tense action after a noun phrase, followed by nothing but
    its particles and complement (``close`` in ``poll_close``, ``add`` in
    ``product_add_to_cart``) or a quantifier of its object (``archive_all``), none of
    them a verb, if there is one."""
    verb_first = verb_before_object(vocabulary, words)
    past_after = False  # whether a past-tense verb follows the word at `index`
    for index in range(len(words) - 1, 0, -1):
        after = words[index + 1] if index + 1 < len(words) else None
        complement = after is None or (
            not past_after and (after in PARTICLES or after in PREPOSITIONS or after in QUANTIFIERS)
        )
        if complement and _is_action_after(vocabulary, words, index, verb_first):
            return index
        past_after = past_after or is_past_only(vocabulary, words[index])
    return None


def verb_before_object(vocabulary: Vocabulary, words: Sequence[str]) -> int | None:
    """The index of a verb followed by its object, the object running to the end of the
    name or to a complement (``create`` in ``project_task_list_create_task``, ``remove``
    in ``remove_tag``), if the lexicon weighs the words so: an action verb or a past-tense
    verb, not after a modifier (``locked_edit_attempt``: a locked edit), then words none
    of which is a past-tense verb, the last one no action verb but a noun or a word as
    much noun as verb (``plan``)."""
    spans = _object_spans(words)
    past_seen = list(itertools.accumulate((is_past_only(vocabulary, w) for w in words), initial=0))
    for index in range(len(words) - 2, -1, -1):
        word = words[index]
        if not (is_action_verb(vocabulary, word) or is_past_only(vocabulary, word)):
            continue
        before = words[index - 1] if index > 0 else ""
        modifier = index > 0 and (_is_adjective(before) or is_past_only(vocabulary, before))
        if modifier and "NOUN" not in readings(before):
            continue
        start, end = spans[index]
        if vocabulary.is_phrasal_word(word) and start == index + 1 < len(words):
            continue  # written as one word before a noun, a noun: `click_signup_button`
        if start == end and start < len(words):
            return index  # a verb then its complement, its object missing: `add_to_cart`
        if start == end or past_seen[end] > past_seen[start]:
            continue  # no object, or a verb in it
        if not is_action_verb(vocabulary, words[end - 1]) and _is_noun(vocabulary, words[end - 1]):
            return index
    return None


def _object_spans(words: Sequence[str]) -> list[tuple[int, int]]:
    """For each word read as a verb, where its object starts (after its particles) and
    ends (at a preposition, or the end of the name), in linear time."""
    count = len(words)
    next_preposition = [count] * (count + 1)
    for index in range(count - 1, -1, -1):
        if words[index] in PREPOSITIONS:
            next_preposition[index] = index
        else:
            next_preposition[index] = next_preposition[index + 1]
    spans = [(count, count)] * count
    start = count  # the first word after `index` that is no particle
    for index in range(count - 1, -1, -1):
        spans[index] = (start, next_preposition[start])
        if words[index] not in PARTICLES:
            start = index
    return spans


def _base(vocabulary: Vocabulary, word: str) -> str | None:
    """The base form of a verb word: ``closed`` -> close, ``create`` -> create."""
    if is_base_verb(vocabulary, word):
        return word
    return vocabulary.past_lemma(word)


def _checked(
    vocabulary: Vocabulary, reason: str, suggestion: tuple[str, ...] | None
) -> GrammarProblem:
    """The problem with its suggestion only if the suggestion reads right itself."""
    if suggestion is not None and present_action(vocabulary, suggestion) is not None:
        return GrammarProblem(reason, suggestion)
    return GrammarProblem(f"{reason}; put the object first and the verb after it")


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
        suggestion = (*words[:past], lemma, *words[past + 1 :]) if past > 0 else None
        return _checked(vocabulary, reason, suggestion)
    verb = verb_before_object(vocabulary, words)
    if verb is not None:
        return _verb_before_object_problem(vocabulary, words, verb)
    end = len(words)
    while end > 1 and words[end - 1] in PARTICLES:
        end -= 1
    last = words[end - 1]
    if end == 1 and is_base_verb(vocabulary, last):
        return GrammarProblem(
            f"has no object before its verb '{' '.join(words)}'", (DEFAULT_OBJECT, *words)
        )
    if end > 1 and is_action_verb(vocabulary, last) and is_past_only(vocabulary, words[end - 2]):
        return GrammarProblem(f"has two verbs, '{words[end - 2]}' and '{last}'; keep one")
    plural = last.endswith("s") and not last.endswith("ss")
    if not readings(last) and not last.endswith("ed") and not plural and end > 1:
        return None  # a product verb the lexicon lacks (`contact_sync`)
    weak = is_base_verb(vocabulary, last) and not is_action_verb(vocabulary, last)
    noun = " a noun here," if weak else ""
    reason = f"ends in '{' '.join(words[end - 1 :])}',{noun} not a present-tense verb"
    made_from = action_verb(last)  # account_deletion -> account_delete
    if made_from is not None and end > 1:
        suggestion = (*words[: end - 1], made_from, *words[end:])
        if present_action(vocabulary, suggestion) is not None:
            return GrammarProblem(reason, suggestion)
    return GrammarProblem(f"{reason}; end it with the action in the present tense")


def _verb_before_object_problem(
    vocabulary: Vocabulary, words: Sequence[str], index: int
) -> GrammarProblem:
    """A verb before its object: the suggestion moves it after the object, only when the
    verb is no noun (``create``, ``clicked``), so the name is no noun compound that reads
    as one (``search_error`` is an error of a search)."""
    start, end = _object_spans(words)[index]
    verb = " ".join(words[index:start])
    if index == 0:
        reason = f"opens with its verb '{verb}'"
    else:
        reason = f"has its verb '{verb}' before its object '{' '.join(words[start:end])}'"
    # Moved last, the verb must read as the action on its own (`clicked_export_button`
    # -> `export_button_click`), and the name must be no noun compound (`search_error`
    # is an error of a search; `locked_edit_attempt` an attempt at a locked edit).
    base = _base(vocabulary, words[index])
    obj = " ".join(words[start:end])
    if base is not None and "NOUN" in readings(words[index]):
        return GrammarProblem(verb_or_noun_reason(words[index], obj, "present"))
    if base is None or not is_action_verb(vocabulary, base) or words[end - 1] in PRONOUNS:
        return _checked(vocabulary, reason, None)
    moved = (*words[:index], *words[start:end], base, *words[index + 1 : start], *words[end:])
    return _checked(vocabulary, reason, moved)


def verb_or_noun_reason(word: str, obj: str, tense: str) -> str:
    """Why a name with a word as much noun as verb before its object strays, read either
    way (``search_error``: searching errors, or an error of a search)."""
    return (
        f"has '{word}' before '{obj}': a verb before its object, or a noun phrase with no "
        f"action; end it with the action in the {tense} tense"
    )
