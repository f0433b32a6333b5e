"""The tense of an event name's action, and the grammar a team configures: word order
(``object_action``, ``action_object``) and tense (``past``, ``present``, ``any``).

Present tense is PostHog's recommendation (``dashboard_share``, ``poll_close``): the
action is a verb's base form, read with the lexicon (``setup`` is ``set up``, ``close``
is noun and verb), never guessed from an ending.
"""

from __future__ import annotations

from collections.abc import Sequence

from evdict.names.grammar import GrammarProblem, Vocabulary
from evdict.names.lexicon import PARTICLES, PREPOSITIONS, readings
from evdict.names.present import (
    is_base_verb,
    present_action,
    present_object_action_problem,
    verb_or_noun_reason,
)


def action_index(
    vocabulary: Vocabulary, words: Sequence[str], grammar: str, tense: str
) -> int | None:
    """The position of the word naming the action under ``grammar`` and ``tense``."""
    if grammar == "object_action" and tense != "past":
        index = present_action(vocabulary, words)
        if index is not None:
            return index
    return vocabulary.action_index(words, grammar)


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


# What to do, said when no suggestion is made.
_HINTS = {
    "object_action": "put the object first and the verb after it",
    "action_object": "put the verb first and its object after it",
}


def grammar_problem(
    vocabulary: Vocabulary, words: Sequence[str], grammar: str, tense: str
) -> GrammarProblem | None:
    """What keeps ``words`` from following ``grammar`` with its action in ``tense``, with
    a suggestion only when the suggestion follows them itself: none is better than a
    wrong one."""
    problem = _grammar_problem(vocabulary, words, grammar, tense)
    if problem is None or problem.suggestion is None:
        return problem
    if _grammar_problem(vocabulary, problem.suggestion, grammar, tense) is None:
        return problem
    return GrammarProblem(f"{problem.reason}; {_HINTS[grammar]}")


def _grammar_problem(
    vocabulary: Vocabulary, words: Sequence[str], grammar: str, tense: str
) -> GrammarProblem | None:
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
    elif past is not None and past.reason.startswith("opens with its verb"):
        past = _weighed_verb_first(vocabulary, words, past)
    if past is None or tense == "past":
        return past
    if present_object_action_problem(vocabulary, words) is None:
        return None
    # Either tense would do: the past-tense suggestion stands, the reason names no tense.
    reason = past.reason.replace("a past-tense verb", "a verb").replace(", in the past tense", "")
    return GrammarProblem(reason.replace("in the past tense", "last"), past.suggestion)


def name_problem(
    vocabulary: Vocabulary,
    words: Sequence[str],
    grammar: str,
    tense: str,
    category: Sequence[str] = (),
) -> GrammarProblem | None:
    """What keeps a name's ``words`` after its category prefix (whose words are
    ``category``) from following ``grammar`` in ``tense``: the category may be the
    object itself (``dataset_item:delete``, ``saved_views:create``)."""
    problem = grammar_problem(vocabulary, words, grammar, tense)
    if problem is None or not category:
        return problem
    whole = grammar_problem(vocabulary, [*category, *words], grammar, tense)
    if whole is None:
        return None
    # Read with its category as the object, a name may be fixed behind the category
    # (`help_popup:opened` -> `help_popup:open`) where alone it has no object to move.
    kept = len(category)
    fixed = whole.suggestion
    if problem.suggestion is None and fixed and fixed[:kept] == tuple(category) and fixed[kept:]:
        return GrammarProblem(whole.reason, fixed[kept:])
    return problem


def _weighed_verb_first(
    vocabulary: Vocabulary, words: Sequence[str], problem: GrammarProblem
) -> GrammarProblem:
    """A past-tense name read verb first, weighed with the present-tense reading: one that
    reads better as its object then an action verb is that (``invite_accept`` ->
    ``invite_accepted``, ``people_create_click`` -> ``people_create_clicked``), and one
    opening with a word as much noun as verb may be a noun compound (``search_error``):
    no suggestion then."""
    opening = words[0]
    # A name opening with a verb that is only a past tense (`Clicked Bulk Delete`) is
    # read verb first, whatever verb ends it.
    past_only = set(readings(opening)) == {"VERB"} and vocabulary.past_lemma(opening) is not None
    action = None if past_only else present_action(vocabulary, words)
    phrase = vocabulary.past_phrase(words[action]) if action is not None else None
    if action is not None and phrase is not None:
        return GrammarProblem(
            f"ends in '{words[action]}', not a past-tense verb",
            (*words[:action], *phrase, *words[action + 1 :]),
        )
    noun = "NOUN" in readings(opening) and vocabulary.past_lemma(opening) is None
    reading = vocabulary.verb_first(words, strict=True)
    if problem.suggestion is not None and noun and reading is not None and reading.object:
        return GrammarProblem(verb_or_noun_reason(opening, " ".join(reading.object), "past"))
    return problem


def _is_object_head(vocabulary: Vocabulary, word: str) -> bool:
    """A noun phrase's head before a present-tense action: not a bare verb (``create``)."""
    senses = readings(word)
    if set(senses) == {"VERB"} and word in senses["VERB"]:
        return word in vocabulary.extra_nouns
    return vocabulary.is_noun_head(word)


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
