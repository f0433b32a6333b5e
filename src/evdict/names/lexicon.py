"""The English lexicon names are read with (lemminflect, loaded on first use): whether a
word is a past-tense verb (``sent``, ``run``, ``set``), a noun that can head an object
(``login``, ``checkout``), and how to inflect a verb (``login`` -> ``logged in``).
Product verbs the lexicon lacks are read by their morphology (``deduped``, ``unarchived``).
Every answer is memoised, in memory and on disk.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Callable, Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar

from evdict._version import __version__
from evdict.cachestore import mark_cache_dir, read_sealed, write_sealed

_T = TypeVar("_T")


# Particles that complete a phrasal verb (signed *up*, logged *in*) and prepositions that
# open its complement (added *to* wishlist): closed classes, so a short list is complete.
PARTICLES = frozenset({"up", "in", "out", "off", "on", "over", "back", "down", "through", "away"})
PREPOSITIONS = frozenset(
    {"to", "from", "into", "onto", "with", "for", "via", "as", "by", "at", "of", "after"}
    | {"before", "during", "within", "without", "about", "in", "on", "per"}
)
# Quantifiers that stand for the action's object after it (`projects_archive_all`), and
# personal pronouns, objects that cannot open a name (`assign_me` is no `me_assign`).
QUANTIFIERS = frozenset({"all", "both", "each"})
PRONOUNS = frozenset({"me", "you", "him", "her", "it", "us", "them"})
# Verbs that name what a user does in a product, to its interface (click, open, toggle)
# or to its objects (create, update, archive), or what befalls them (fail, expire). Many are nouns too (a click, an update),
# and the lexicon cannot weigh the two readings; at the end of an event name their verb
# reading wins (`projects_create_click`, `settings_profile_update`), where another
# noun-and-verb word is rather the object (`billing_pause_plan`: plan is the object).
ACTION_VERBS = frozenset(
    {"click", "tap", "press", "hover", "scroll", "swipe", "drag", "drop", "open", "close"}
    | {"toggle", "switch", "expand", "collapse", "select", "submit", "dismiss", "show"}
    | {"hide", "view", "visit", "play", "pause", "stop", "resume", "skip", "search"}
    | {"filter", "sort", "browse", "copy", "paste", "download", "upload", "import", "export"}
    | {"print", "share", "preview", "refresh", "reload", "load", "create", "add", "remove"}
    | {"delete", "update", "edit", "change", "rename", "save", "duplicate", "clone"}
    | {"archive", "unarchive", "restore", "move", "reset", "clear", "apply", "enable"}
    | {"disable", "start", "finish", "complete", "cancel", "retry", "run", "test", "send"}
    | {"join", "leave", "accept", "decline", "upgrade", "downgrade", "purchase", "pay"}
    | {"set", "hit", "schedule", "publish", "approve", "reject", "sync", "connect"}
    | {"disconnect", "verify", "confirm", "attach", "detach", "assign", "generate"}
    | {"use", "fail", "succeed", "expire"}
)
# Prefixes that make a new verb of a past participle the lexicon lists only as an
# adjective (uninvited, unpublished, reassigned).
_VERB_PREFIXES = ("un", "re", "de", "dis", "pre", "mis")
# The object a suggestion puts before a verb that has none (login -> user_logged_in).
DEFAULT_OBJECT = "user"


# Every lexicon answer is remembered, in memory and (within `lexicon_memo`) on disk:
# loading lemminflect's tables costs more than a whole warm `evdict check`.
_MEMO: dict[str, Any] = {}
_memo_changed = False


def _frozen(value: Any) -> Any:
    """JSON gives lists back; the lookups return tuples."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


def _lexicon_lookup(function: Callable[..., _T]) -> Callable[..., _T]:
    @functools.wraps(function)
    def remembered(*args: str) -> _T:
        global _memo_changed
        key = "\0".join((function.__name__, *args))
        if key not in _MEMO:
            _MEMO[key] = function(*args)
            _memo_changed = True
        result: _T = _MEMO[key]
        return result

    return remembered


@contextlib.contextmanager
def lexicon_memo(path: Path | None) -> Iterator[None]:
    """Read remembered lexicon answers from ``path`` and write new ones back (atomically)."""
    global _memo_changed
    if path is not None:
        body = read_sealed(path, "lexicon")
        try:
            stored = json.loads(body) if body is not None else {}
            if isinstance(stored, dict):
                _MEMO.update({key: _frozen(value) for key, value in stored.items()})
        except (ValueError, TypeError, RecursionError):
            pass  # a damaged memo: it is rebuilt
    _memo_changed = False
    try:
        yield
    finally:
        if path is not None and _memo_changed:
            mark_cache_dir(path.parent)
            with contextlib.suppress(OSError):
                write_sealed(path, "lexicon", json.dumps(_MEMO, sort_keys=True).encode())


def lexicon_memo_path(cache_dir: Path) -> Path:
    """The memo's file, per evdict and lemminflect version (a new lexicon answers anew)."""
    try:
        lexicon_version = version("lemminflect")
    except PackageNotFoundError:
        lexicon_version = "unknown"
    return cache_dir / f"lexicon-{__version__}-{lexicon_version}.json"


@_lexicon_lookup
def readings(word: str) -> dict[str, tuple[str, ...]]:
    """The lexicon's lemmas of ``word`` by part of speech (empty: not in the lexicon)."""
    from lemminflect import getAllLemmas  # 70 ms: only when a word is not memoised

    return {upos: tuple(lemmas) for upos, lemmas in getAllLemmas(word).items()}


@_lexicon_lookup
def _verb_forms(lemma: str) -> dict[str, tuple[str, ...]]:
    """The lexicon's inflections of the verb ``lemma`` by Penn tag (VBD, VBN, ...)."""
    from lemminflect import getAllInflections  # as above

    return {tag: tuple(forms) for tag, forms in getAllInflections(lemma, upos="VERB").items()}


@_lexicon_lookup
def guessed_lemma(word: str, upos: str) -> str:
    """lemminflect's out-of-vocabulary lemma, read from the word's ending."""
    from lemminflect import getAllLemmasOOV  # as above

    lemmas = getAllLemmasOOV(word, upos=upos).get(upos) or (word,)
    return str(lemmas[0])


@_lexicon_lookup
def participle(lemma: str) -> str:
    """The past participle of a verb lemma, inflecting unknown verbs by rule."""
    from lemminflect import getInflection  # as above

    forms = _verb_forms(lemma)
    listed = forms.get("VBN") or forms.get("VBD")
    if listed:
        return listed[0]
    return str(getInflection(lemma, "VBN", inflect_oov=True)[0])


@functools.lru_cache(maxsize=65536)
def past_lemma_of(word: str) -> str | None:
    """The verb lemma of which ``word`` is a past tense or participle, else None.

    The lexicon decides for the words it knows (``sent`` -> send, ``set`` -> set,
    ``logged`` -> log); a word it does not know is read by its ``-ed`` ending
    (``deduped`` -> dedupe), and an adjective-only participle by a verb prefix
    (``uninvited`` -> uninvite).
    """
    senses = readings(word)
    for lemma in senses.get("VERB", ()):
        forms = _verb_forms(lemma)
        if word in forms.get("VBD", ()) or word in forms.get("VBN", ()):
            return lemma
    if not senses:
        return guessed_lemma(word, "VERB") if len(word) >= 5 and word.endswith("ed") else None
    if set(senses) == {"ADJ"} and word.endswith("ed"):
        for prefix in _VERB_PREFIXES:
            rest = word.removeprefix(prefix)
            stem = past_lemma_of(rest) if rest != word and len(rest) >= 4 else None
            if stem is not None:
                return prefix + stem
    return None


@functools.lru_cache(maxsize=65536)
def is_prefixed_verb(word: str) -> bool:
    """Whether a word the lexicon lacks is a verb it knows with a verb prefix:
    ``unarchive``, ``unpublish``, ``reassign``."""
    if readings(word):
        return False
    for prefix in _VERB_PREFIXES:
        rest = word.removeprefix(prefix)
        if rest != word and len(rest) >= 3 and _is_verb_lemma(rest):
            return True
    return False


# English suffixes that make a noun of an action from its verb, each with the endings that
# give the verb back (invit-ation -> invit-e, regist-ration -> regist-er): derivational
# morphology is a closed set; the lexicon confirms every verb they produce.
_ACTION_NOUN_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ication", ("y",)),  # verification -> verify
    ("ration", ("er",)),  # registration -> register
    ("ation", ("ate", "", "e")),  # creation -> create, confirmation -> confirm
    ("ption", ("be",)),  # subscription -> subscribe
    ("ssion", ("t",)),  # submission -> submit
    ("sion", ("d", "de", "se")),  # extension -> extend, decision -> decide
    ("ition", ("", "e")),  # addition -> add, definition -> define
    ("ion", ("", "e")),  # connection -> connect, deletion -> delete
    ("ment", ("", "e")),  # enrichment -> enrich, payment -> pay
    ("ance", ("", "e")),  # acceptance -> accept
    ("ence", ("",)),  # preference -> prefer
    ("al", ("", "e")),  # removal -> remove, renewal -> renew
    ("ure", ("", "e")),  # failure -> fail, closure -> close
)


def _is_verb_lemma(word: str) -> bool:
    return word in readings(word).get("VERB", ())


@functools.lru_cache(maxsize=65536)
def action_verb(noun: str) -> str | None:
    """The verb a noun of an action is made from: ``enrichment`` -> enrich,
    ``invitation`` -> invite, ``payment`` -> pay, ``cancellation`` -> cancel.

    Only for a word the lexicon knows as a noun and never as a verb (``invite``,
    ``export`` and ``signal`` stay themselves), and only when the lexicon knows the
    verb found.
    """
    senses = readings(noun)
    if "NOUN" not in senses or "VERB" in senses:
        return None
    for suffix, endings in _ACTION_NOUN_SUFFIXES:
        stem = noun.removesuffix(suffix)
        if stem == noun or len(stem) < 3:
            continue
        stems = [stem]
        if stem[-1] == stem[-2] and stem[-1] not in "aeiou":  # cancell-ation -> cancel
            stems.append(stem[:-1])
        for base in stems:
            for ending in endings:
                if _is_verb_lemma(base + ending):
                    return base + ending
    return None


@functools.lru_cache(maxsize=65536)
def split_compound(word: str) -> tuple[str, str] | None:
    """A phrasal verb written as one word: ``signup`` -> (sign, up), ``checkout`` -> (check, out).

    Only when the stem is a verb and the word is unknown to the lexicon or known in
    its hyphenated form (``check-out``), so ``wagon`` and ``robin`` stay nouns.
    """
    for particle in PARTICLES:
        stem = word.removesuffix(particle)
        if stem == word or len(stem) < 3 or "VERB" not in readings(stem):
            continue
        if not readings(word) or readings(f"{stem}-{particle}"):
            return stem, particle
    return None


def phrasal_lemma(word: str) -> tuple[str, ...] | None:
    """The lexicon's hyphenated verb lemma of ``word`` as words: ``login`` -> (log, in)."""
    for lemma in readings(word).get("VERB", ()):
        if "-" in lemma:
            return tuple(lemma.split("-"))
    return None


@functools.lru_cache(maxsize=65536)
def lemma_words(word: str) -> tuple[str, ...]:
    """``word`` folded to its lemma, a phrasal verb split into its words.

    ``reports`` -> (report,), ``exported`` -> (export,), ``signups`` -> (sign, up),
    ``logged`` -> (log,), ``login`` -> (log, in). Duplicate detection compares these.
    """
    senses = readings(word)
    past = past_lemma_of(word)
    if past is not None:
        lemma = past
    elif (phrasal := phrasal_lemma(word)) is not None:
        return phrasal
    elif "NOUN" in senses:
        lemma = senses["NOUN"][0]
    elif "VERB" in senses:
        lemma = senses["VERB"][0]
    elif not senses and len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        lemma = guessed_lemma(word, "NOUN")
    else:
        lemma = word
    compound = split_compound(lemma)
    return compound if compound is not None else (lemma,)


def verb_outweighs_noun(word: str) -> bool:
    """Whether ``word``'s verb reading, if it has one, outweighs its noun reading: an action
    verb (``click``, ``update``), a verb the lexicon knows as no noun (``install``), or a
    phrasal verb written as one word (``login``, ``setup``). ``command`` and ``message``
    are rather nouns at the end of a name."""
    return (
        word in ACTION_VERBS
        or "NOUN" not in readings(word)
        or phrasal_lemma(word) is not None
        or split_compound(word) is not None
    )


def is_lexicon_word(word: str) -> bool:
    """Whether the lexicon knows ``word`` at all (a typo usually is not known)."""
    return bool(readings(word)) or word in PARTICLES or word in PREPOSITIONS
