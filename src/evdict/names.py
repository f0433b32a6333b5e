"""Event and property names as words, whatever their casing: their case styles and grammar.

``Order Completed``, ``orderCompleted``, ``order-completed`` and ``order_completed``
all read as ``["order", "completed"]``; acronyms and digits stay whole
(``APICalled`` -> ``["api", "called"]``, ``oauth2_connected`` -> ``["oauth2", "connected"]``).

The grammar reads words with a real English lexicon (lemminflect, loaded on first use):
whether a word is a past-tense verb (``sent``, ``run``, ``set``), a noun that can head
an object (``login``, ``checkout``), and how to inflect a verb (``login`` -> ``logged in``).
Product verbs the lexicon lacks are read by their morphology (``deduped``, ``unarchived``)
or taken from the config (``extra_verbs``, ``extra_nouns``).
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar

from evdict._version import __version__
from evdict.fileio import mark_cache_dir, write_atomic

_T = TypeVar("_T")

# An acronym run (before a capitalised word or the end), a capitalised or lower word,
# or a digit run; trailing digits stay with their word (oauth2, s3).
_WORD = re.compile(r"[A-Z]+(?![a-z])[0-9]*|[A-Z]?[a-z]+[0-9]*|[0-9]+[a-z]*")


def split_words(name: str) -> list[str]:
    """The lower-case words of a name, split on separators and case boundaries."""
    return [word.lower() for word in _WORD.findall(name)]


def acronyms(name: str) -> frozenset[str]:
    """The words a name writes in capitals (``CSV`` in ``CSV Exported``), lower-cased."""
    return frozenset(
        token.lower() for token in _WORD.findall(name) if len(token) > 1 and token.isupper()
    )


# --- case styles -------------------------------------------------------------------------

CASE_STYLES = (
    "snake_case",
    "camelCase",
    "PascalCase",
    "Title Case",
    "Sentence case",
    "kebab-case",
    "dot.case",
)
# Words Title Case leaves in lower case after the first word ("Product Added to Wishlist").
MINOR_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "from", "with"}
    | {"via", "as", "into", "onto", "per", "vs"}
)
_CAPITALISED = r"[A-Z0-9][A-Za-z0-9]*"
_ACRONYM = r"[A-Z][A-Z0-9]+"
_CASE_PATTERNS = {
    "snake_case": re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*"),
    "kebab-case": re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"),
    "dot.case": re.compile(r"[a-z][a-z0-9]*(?:\.[a-z0-9]+)*"),
    "camelCase": re.compile(r"[a-z][a-z0-9]*(?:[A-Z][A-Za-z0-9]*)*"),
    "PascalCase": re.compile(r"[A-Z][A-Za-z0-9]*"),
    "Title Case": re.compile(
        rf"{_CAPITALISED}(?: (?:{_CAPITALISED}|{'|'.join(sorted(MINOR_WORDS))}))*"
    ),
    "Sentence case": re.compile(rf"(?:[A-Z0-9][a-z0-9]*|{_ACRONYM})(?: (?:[a-z0-9]+|{_ACRONYM}))*"),
}


def matches_case(name: str, style: str) -> bool:
    """Whether ``name`` is written in ``style`` (one of :data:`CASE_STYLES`)."""
    return _CASE_PATTERNS[style].fullmatch(name) is not None


def detect_case(name: str) -> str | None:
    """The first style of :data:`CASE_STYLES` that ``name`` is written in, if any."""
    return next((style for style in CASE_STYLES if matches_case(name, style)), None)


def majority_case(names: Collection[str]) -> tuple[str, int] | None:
    """The case style most ``names`` are written in, with how many are (a name may fit
    several styles: ``signup`` is snake_case and camelCase; ties go to the earlier style
    of :data:`CASE_STYLES`). None when no name fits any style."""
    counts = {style: sum(matches_case(name, style) for name in names) for style in CASE_STYLES}
    best = max(CASE_STYLES, key=lambda style: counts[style])  # max keeps the first of a tie
    return (best, counts[best]) if counts[best] else None


def to_case(words: Sequence[str], style: str, caps: Collection[str] = ()) -> str:
    """Write lower-case ``words`` in ``style``; words in ``caps`` stay acronyms (``CSV``)."""

    def capital(word: str) -> str:
        return word.upper() if word in caps else word[:1].upper() + word[1:]

    if style == "snake_case":
        return "_".join(words)
    if style == "kebab-case":
        return "-".join(words)
    if style == "dot.case":
        return ".".join(words)
    if style == "camelCase":
        return "".join([words[0], *map(capital, words[1:])]) if words else ""
    if style == "PascalCase":
        return "".join(map(capital, words))
    if style == "Title Case":  # a minor word ending the name is a particle: "Logged In"
        last = len(words) - 1
        return " ".join(
            word if 0 < index < last and word in MINOR_WORDS else capital(word)
            for index, word in enumerate(words)
        )
    if style == "Sentence case":
        return " ".join(
            capital(word) if index == 0 or word in caps else word
            for index, word in enumerate(words)
        )
    raise ValueError(f"unknown case style {style!r}")


# --- the lexicon -------------------------------------------------------------------------

# Particles that complete a phrasal verb (signed *up*, logged *in*) and prepositions that
# open its complement (added *to* wishlist): closed classes, so a short list is complete.
PARTICLES = frozenset({"up", "in", "out", "off", "on", "over", "back", "down", "through", "away"})
PREPOSITIONS = frozenset(
    {"to", "from", "into", "onto", "with", "for", "via", "as", "by", "at", "of", "after"}
    | {"before", "during", "within", "without", "about", "in", "on", "per"}
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
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(stored, dict):
                _MEMO.update({key: _frozen(value) for key, value in stored.items()})
        except (OSError, ValueError):
            pass  # no memo yet, or a damaged one: it is rebuilt
    _memo_changed = False
    try:
        yield
    finally:
        if path is not None and _memo_changed:
            mark_cache_dir(path.parent)
            with contextlib.suppress(OSError):
                write_atomic(path, json.dumps(_MEMO, sort_keys=True))


def lexicon_memo_path(cache_dir: Path) -> Path:
    """The memo's file, per evdict and lemminflect version (a new lexicon answers anew)."""
    try:
        lexicon_version = version("lemminflect")
    except PackageNotFoundError:
        lexicon_version = "unknown"
    return cache_dir / f"lexicon-{__version__}-{lexicon_version}.json"


@_lexicon_lookup
def _readings(word: str) -> dict[str, tuple[str, ...]]:
    """The lexicon's lemmas of ``word`` by part of speech (empty: not in the lexicon)."""
    from lemminflect import getAllLemmas  # 70 ms: only when a word is not memoised

    return {upos: tuple(lemmas) for upos, lemmas in getAllLemmas(word).items()}


@_lexicon_lookup
def _verb_forms(lemma: str) -> dict[str, tuple[str, ...]]:
    """The lexicon's inflections of the verb ``lemma`` by Penn tag (VBD, VBN, ...)."""
    from lemminflect import getAllInflections  # as above

    return {tag: tuple(forms) for tag, forms in getAllInflections(lemma, upos="VERB").items()}


@_lexicon_lookup
def _guessed_lemma(word: str, upos: str) -> str:
    """lemminflect's out-of-vocabulary lemma, read from the word's ending."""
    from lemminflect import getAllLemmasOOV  # as above

    lemmas = getAllLemmasOOV(word, upos=upos).get(upos) or (word,)
    return str(lemmas[0])


@_lexicon_lookup
def _participle(lemma: str) -> str:
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
    readings = _readings(word)
    for lemma in readings.get("VERB", ()):
        forms = _verb_forms(lemma)
        if word in forms.get("VBD", ()) or word in forms.get("VBN", ()):
            return lemma
    if not readings:
        return _guessed_lemma(word, "VERB") if len(word) >= 5 and word.endswith("ed") else None
    if set(readings) == {"ADJ"} and word.endswith("ed"):
        for prefix in _VERB_PREFIXES:
            rest = word.removeprefix(prefix)
            stem = past_lemma_of(rest) if rest != word and len(rest) >= 4 else None
            if stem is not None:
                return prefix + stem
    return None


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
    return word in _readings(word).get("VERB", ())


@functools.lru_cache(maxsize=65536)
def action_verb(noun: str) -> str | None:
    """The verb a noun of an action is made from: ``enrichment`` -> enrich,
    ``invitation`` -> invite, ``payment`` -> pay, ``cancellation`` -> cancel.

    Only for a word the lexicon knows as a noun and never as a verb (``invite``,
    ``export`` and ``signal`` stay themselves), and only when the lexicon knows the
    verb found.
    """
    readings = _readings(noun)
    if "NOUN" not in readings or "VERB" in readings:
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
        if stem == word or len(stem) < 3 or "VERB" not in _readings(stem):
            continue
        if not _readings(word) or _readings(f"{stem}-{particle}"):
            return stem, particle
    return None


def _phrasal_lemma(word: str) -> tuple[str, ...] | None:
    """The lexicon's hyphenated verb lemma of ``word`` as words: ``login`` -> (log, in)."""
    for lemma in _readings(word).get("VERB", ()):
        if "-" in lemma:
            return tuple(lemma.split("-"))
    return None


@functools.lru_cache(maxsize=65536)
def lemma_words(word: str) -> tuple[str, ...]:
    """``word`` folded to its lemma, a phrasal verb split into its words.

    ``reports`` -> (report,), ``exported`` -> (export,), ``signups`` -> (sign, up),
    ``logged`` -> (log,), ``login`` -> (log, in). Duplicate detection compares these.
    """
    readings = _readings(word)
    past = past_lemma_of(word)
    if past is not None:
        lemma = past
    elif (phrasal := _phrasal_lemma(word)) is not None:
        return phrasal
    elif "NOUN" in readings:
        lemma = readings["NOUN"][0]
    elif "VERB" in readings:
        lemma = readings["VERB"][0]
    elif not readings and len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        lemma = _guessed_lemma(word, "NOUN")
    else:
        lemma = word
    compound = split_compound(lemma)
    return compound if compound is not None else (lemma,)


def is_lexicon_word(word: str) -> bool:
    """Whether the lexicon knows ``word`` at all (a typo usually is not known)."""
    return bool(_readings(word)) or word in PARTICLES or word in PREPOSITIONS


# --- grammar -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GrammarProblem:
    """Why a name breaks its grammar, and the words of a name that would not."""

    reason: str
    suggestion: tuple[str, ...] | None = None


@dataclass(frozen=True)
class _VerbFirst:
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
            return _guessed_lemma(word, "VERB") if word.endswith("ed") else word
        return past_lemma_of(word)

    def can_be_verb(self, word: str) -> bool:
        """Whether ``word`` has a verb reading in any form (``login``, ``create``, ``sent``)."""
        if word in self.extra_nouns:
            return False
        return (
            word in self.extra_verbs
            or "VERB" in _readings(word)
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
        readings = _readings(word)
        past = past_lemma_of(word)
        if not readings:
            return past is None and not word.endswith("ly")
        if past is not None and past != word and "NOUN" not in readings:
            return False
        if "NOUN" in readings or "PROPN" in readings:
            return not ({"ADJ", "ADV"} <= set(readings) and "VERB" not in readings)
        return "VERB" in readings

    def past_phrase(self, word: str) -> tuple[str, ...] | None:
        """``word`` as a past-tense verb phrase: ``login`` -> (logged, in), ``create`` -> (created,)."""
        if self.past_lemma(word) is not None:
            return (word,)
        if word in self.extra_nouns:
            return None
        phrasal = _phrasal_lemma(word)
        if phrasal is not None:
            return (_participle(phrasal[0]), *phrasal[1:])
        if "VERB" in _readings(word):
            return (_participle(_readings(word)["VERB"][0]),)
        compound = split_compound(word)
        if compound is not None:
            return (_participle(compound[0]), compound[1])
        return None

    def final_verb(self, words: Sequence[str]) -> int | None:
        """The index of the action of an object_action name: the last past-tense verb
        followed by nothing but its particles and complement (``signed`` in
        ``user_signed_in``, ``added`` in ``Product Added to Wishlist``)."""
        for index in range(len(words) - 1, -1, -1):
            tail = words[index + 1 :]
            complete = not tail or tail[0] in PARTICLES or tail[0] in PREPOSITIONS
            if complete and self.past_lemma(words[index]) is not None:
                return index
        return None

    def _verb_first(self, words: Sequence[str], *, strict: bool) -> _VerbFirst | None:
        """Read ``words`` as a verb, its particles, an object and a complement, if they are."""
        first = words[0] if words else ""
        if not self.can_be_verb(first) or (strict and self._is_phrasal_word(first)):
            return None
        # A word that is also a noun (contact, export) opens with a verb only before a
        # known noun and no other verb: `export_report` does, `contact_sync` is a noun
        # phrase.
        ambiguous = strict and "NOUN" in _readings(first) and self.past_lemma(first) is None
        end_of_verb = 1
        while end_of_verb < len(words) and words[end_of_verb] in PARTICLES:
            end_of_verb += 1
        end_of_object = end_of_verb
        while end_of_object < len(words) and words[end_of_object] not in PREPOSITIONS:
            end_of_object += 1
        obj = tuple(words[end_of_verb:end_of_object])
        if obj and not self.is_noun_head(obj[-1]):
            return None
        if ambiguous and not (obj and "NOUN" in _readings(obj[-1])):
            return None
        if ambiguous and any(self.past_lemma(word) for word in obj):
            return None  # `Account Added User`: the noun acts, it is not a verb
        return _VerbFirst(tuple(words[:end_of_verb]), obj, tuple(words[end_of_object:]))

    def _is_phrasal_word(self, word: str) -> bool:
        return _phrasal_lemma(word) is not None or split_compound(word) is not None

    def action_index(self, words: Sequence[str], grammar: str) -> int | None:
        """The position of the word naming the action under ``grammar`` (for ``allowed_words``)."""
        if grammar == "action_object":
            reading = self._verb_first(words, strict=False)
            return 0 if reading is not None and (reading.object or reading.complement) else None
        return self.final_verb(words)

    def object_action_problem(self, words: Sequence[str]) -> GrammarProblem | None:
        """What keeps ``words`` from being a noun phrase then a past-tense verb, if anything."""
        if not words:
            return GrammarProblem("has no words")
        verb = self.final_verb(words)
        if verb is not None:
            return self._object_problem(words[:verb], tuple(words[verb:]))
        reading = self._verb_first(words, strict=True)
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
        past = self.past_phrase(last) if self.can_be_verb(last) else None
        if past is None:
            return GrammarProblem(f"{reason}; end it with the action in the past tense")
        obj = list(words[: end - 1])
        if not obj or not self.is_noun_head(obj[-1]):
            obj = [DEFAULT_OBJECT]
        return GrammarProblem(reason, (*obj, *past, *particles))

    def _object_problem(self, obj: Sequence[str], phrase: tuple[str, ...]) -> GrammarProblem | None:
        """The words before the verb must be a noun phrase (``first_enrichment``)."""
        shown = " ".join(phrase)
        if not obj:
            return GrammarProblem(
                f"has no object before its verb '{shown}'", (DEFAULT_OBJECT, *phrase)
            )
        head = obj[-1]
        if self.is_noun_head(head):
            return None
        if self.past_lemma(head) is not None:
            return GrammarProblem(f"has two verbs, '{head}' and '{shown}'; keep one")
        return GrammarProblem(
            f"'{' '.join(obj)}' before '{shown}' is not an object", (DEFAULT_OBJECT, *phrase)
        )

    def action_object_problem(self, words: Sequence[str]) -> GrammarProblem | None:
        """What keeps ``words`` from being a verb then its object (``enriched_contact``)."""
        if not words:
            return GrammarProblem("has no words")
        reading = self._verb_first(words, strict=False)
        if reading is not None and (reading.object or reading.complement):
            return None  # `enriched_contact`, and GA4's `add_to_cart`
        verb = self.final_verb(words)
        if verb is not None and verb > 0:
            end_of_verb = verb + 1
            while end_of_verb < len(words) and words[end_of_verb] in PARTICLES:
                end_of_verb += 1
            suggestion = (*words[verb:end_of_verb], *words[:verb], *words[end_of_verb:])
            return GrammarProblem(
                f"ends with its verb '{' '.join(words[verb:end_of_verb])}'", suggestion
            )
        if reading is None:
            return GrammarProblem(f"does not open with a verb ('{words[0]}')")
        return GrammarProblem(f"has no object after its verb '{' '.join(reading.verb)}'")


# Words that name one action (or object) in different ways; `duplicates.synonyms`
# replaces this list. Entries are compared by lemma, so `viewed` also covers `view`.
DEFAULT_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("viewed", "seen", "opened"),
    ("signup", "sign_up", "registered"),
    ("login", "log_in", "signin", "sign_in"),
    ("logout", "log_out", "signout", "sign_out"),
    ("deleted", "removed"),
    ("clicked", "tapped", "pressed"),
    ("purchased", "bought"),
    ("completed", "finished", "succeeded"),
    ("started", "began", "initiated"),
    ("updated", "edited", "modified", "changed"),
)


def folded(words: Sequence[str]) -> tuple[str, ...]:
    """Words folded to their lemmas: ``reports_exported`` -> (report, export)."""
    return tuple(lemma for word in words for lemma in lemma_words(word))


@dataclass(frozen=True)
class Synonyms:
    """Synonym groups, matched on folded words (a group's entry may be several words)."""

    groups: tuple[tuple[str, ...], ...]
    canonical: Mapping[tuple[str, ...], tuple[str, ...]]
    longest: int

    @classmethod
    def of(cls, groups: Sequence[Sequence[str]]) -> Synonyms:
        canonical: dict[tuple[str, ...], tuple[str, ...]] = {}
        for group in groups:
            forms = [folded(split_words(entry)) for entry in group]
            for form in forms:
                canonical.setdefault(form, forms[0])
        longest = max((len(form) for form in canonical), default=1)
        return cls(tuple(tuple(group) for group in groups), canonical, longest)

    def fold(self, lemmas: Sequence[str]) -> tuple[str, ...]:
        """Replace every synonym (longest match first) by its group's first entry."""
        out: list[str] = []
        index = 0
        while index < len(lemmas):
            for size in range(min(self.longest, len(lemmas) - index), 0, -1):
                form = self.canonical.get(tuple(lemmas[index : index + size]))
                if form is not None:
                    out.extend(form)
                    index += size
                    break
            else:
                out.append(lemmas[index])
                index += 1
        return tuple(out)

    def alternatives(self, word: str) -> list[str]:
        """The other entries of ``word``'s group(s), as written: ``seen`` -> viewed, opened."""
        form = folded(split_words(word))
        return [
            entry
            for group in self.groups
            if any(folded(split_words(member)) == form for member in group)
            for entry in group
            if folded(split_words(entry)) != form
        ]
