"""How long the naming rules (EV101-EV105) and duplicate rules (EV201-EV202) take on a large plan.

Generates ``--events`` realistic event names (default 5,000): object phrases x past-tense
verbs (regular, irregular and product verbs) written in snake_case, plus injected
duplicates of the kinds the rules must catch (camelCase and reordered copies, plurals,
base-form verbs, synonyms, typos, the action named by its noun: ``deal_payment_completed``
for ``deal_paid``). Loads them as a plan, then prints in one run:

  (a) each rule's ``check`` on the loaded plan: the first run (lexicon loaded, caches
      empty) and the median of ``--repeat`` warm runs
  (b) the baseline measured in the same run: a naive all-pairs loop over a
      ``--sample`` of the folded names (default 1,000) comparing each pair with
      rapidfuzz's Levenshtein distance, extrapolated to every pair of the plan
  (c) what EV201 + EV202 found: how many injected duplicates they caught, and how many
      findings pair two generated (not injected) names

Usage::

    .venv/bin/python benchmarks/naming_duplicates.py [--events 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from evdict.api import load_plan
from evdict.config import load_config
from evdict.diagnostics import Diagnostic
from evdict.plan.model import Plan
from evdict.rules.context import RuleContext
from evdict.rules.duplicates import NearDuplicateFinder
from evdict.rules.registry import get_rule


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


NOUNS = _words(
    "account api_key article audit_log banner billing_page board browser_extension "
    "campaign card cart channel chart checkout column comment contact contact_list "
    "coupon credit_pack crm_field dashboard data_export deal digest document domain "
    "draft email email_template enrichment_run error export feature_flag feedback field "
    "file filter folder form goal help_article integration invitation invoice issue job "
    "lead license link list mailbox meeting message milestone modal note notification "
    "onboarding_step order page password payment payment_method permission pipeline plan "
    "playbook policy portal preference pricing_page product profile project quote record "
    "report role rule schedule search segment sequence session setting signup_form "
    "snippet sso_connection subscription survey tag task team teammate template ticket "
    "token tour trial upload user video view webhook widget workflow workflow_step "
    "workspace zap"
)
MODIFIERS = ("first", "bulk", "scheduled", "shared", "team", "mobile", "custom", "saved")
VERBS = _words(
    "created updated deleted viewed opened shared exported imported archived unarchived "
    "sent resent shown run set paid started completed failed cancelled renewed upgraded "
    "downgraded invited accepted declined submitted approved rejected connected "
    "disconnected synced deduped upserted merged published scheduled paused resumed "
    "restored duplicated renamed moved assigned"
)
SYNONYMS = {"viewed": "seen", "deleted": "removed", "opened": "viewed", "completed": "finished"}
BASE_FORMS = {"exported": "export", "imported": "import", "created": "create", "sent": "send"}
ACTION_NOUNS = {
    "created": "creation_completed",
    "deleted": "deletion_finished",
    "connected": "connection_succeeded",
    "paid": "payment_completed",
    "assigned": "assignment_completed",
    "renewed": "renewal_completed",
    "submitted": "submission_succeeded",
    "approved": "approval_finished",
}


def generate_names(count: int, seed: int = 11) -> tuple[list[str], set[str]]:
    """``count`` unique names, and the subset injected as duplicates of earlier ones."""
    rng = random.Random(seed)
    combos = [f"{noun}_{verb}" for noun in NOUNS for verb in VERBS]
    combos += [f"{mod}_{noun}_{verb}" for mod in MODIFIERS for noun in NOUNS for verb in VERBS]
    rng.shuffle(combos)
    injected_count = count // 20
    names = combos[: count - injected_count]
    injected: set[str] = set()
    makers: list[Callable[[str], str | None]] = [
        _camel,
        _reordered,
        _plural,
        _base_form,
        _synonym,
        _action_noun,
        lambda name: _typo(name, rng),
    ]
    taken = set(names)
    while len(injected) < injected_count:
        variant = rng.choice(makers)(rng.choice(names))
        if variant is not None and variant not in taken:
            taken.add(variant)
            injected.add(variant)
    ordered = names + sorted(injected)
    return ordered, injected


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def _reordered(name: str) -> str:
    words = name.split("_")
    return "_".join([words[-1], *words[:-1]])


def _plural(name: str) -> str | None:
    words = name.split("_")
    if words[-2].endswith("s"):
        return None
    words[-2] += "s"
    return "_".join(words)


def _base_form(name: str) -> str | None:
    words = name.split("_")
    base = BASE_FORMS.get(words[-1])
    return "_".join([*words[:-1], base]) if base else None


def _synonym(name: str) -> str | None:
    words = name.split("_")
    other = SYNONYMS.get(words[-1])
    return "_".join([*words[:-1], other]) if other else None


def _action_noun(name: str) -> str | None:
    words = name.split("_")
    noun = ACTION_NOUNS.get(words[-1])
    return "_".join([*words[:-1], noun]) if noun else None


def _typo(name: str, rng: random.Random) -> str | None:
    words = name.split("_")
    noun = words[-2]
    if len(noun) < 6:
        return None
    cut = rng.randrange(1, len(noun) - 2)
    words[-2] = noun[:cut] + noun[cut + 1] + noun[cut] + noun[cut + 2 :]
    return "_".join(words)


def load_generated_plan(directory: Path, names: list[str]) -> RuleContext:
    lines = ["events:"] + [f"  {name}: {{}}" for name in names]
    (directory / "events.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (directory / "evdict.yaml").write_text("plan: [events.yaml]\n", encoding="utf-8")
    config = load_config(directory / "evdict.yaml")
    plan: Plan = load_plan(config)
    return RuleContext(config, plan)


def clear_caches() -> None:
    """Forget every cached lexicon lookup, so the next run is a first run."""
    from evdict.names import lexicon

    for value in vars(lexicon).values():
        cache_clear = getattr(value, "cache_clear", None)
        if callable(cache_clear):
            cache_clear()


def time_rule(ctx: RuleContext, code: str, repeat: int) -> tuple[float, float, list[Diagnostic]]:
    rule = get_rule(code)
    assert rule is not None
    clear_caches()
    start = time.perf_counter()
    found = list(rule().check(ctx))
    first = time.perf_counter() - start
    warm = []
    for _ in range(repeat):
        start = time.perf_counter()
        list(rule().check(ctx))
        warm.append(time.perf_counter() - start)
    return first, statistics.median(warm), found


def naive_all_pairs(ctx: RuleContext, sample: int) -> tuple[float, float]:
    """The baseline: every pair of a sample compared in a Python loop; seconds for the
    sample and extrapolated to every pair of the plan."""
    from rapidfuzz.distance import Levenshtein

    finder = NearDuplicateFinder.from_config(ctx.config)
    events = list(ctx.plan.events.values())
    names = [finder.read(event) for event in events[:sample]]
    start = time.perf_counter()
    close = 0
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            if Levenshtein.distance(first.text, second.text, score_cutoff=2) <= 2:
                close += finder.why_alike(first, second) is not None
    elapsed = time.perf_counter() - start
    total = len(events)
    return elapsed, elapsed * (total * (total - 1)) / (len(names) * (len(names) - 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sample", type=int, default=1000)
    args = parser.parse_args()

    names, injected = generate_names(args.events)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = load_generated_plan(Path(tmp), names)
    print(f"{len(ctx.plan.events)} events ({len(injected)} injected duplicates)")
    print(f"{'rule':8} {'first run':>10} {'warm':>10} {'findings':>9}")
    findings: dict[str, list[Diagnostic]] = {}
    totals = {"naming": 0.0, "duplicates": 0.0}
    for code in ("EV101", "EV102", "EV103", "EV104", "EV105", "EV201", "EV202"):
        first, warm, findings[code] = time_rule(ctx, code, args.repeat)
        totals["naming" if code.startswith("EV1") else "duplicates"] += warm
        print(f"{code:8} {first:9.3f}s {warm:9.3f}s {len(findings[code]):9d}")
    print(
        f"warm totals: EV101-EV105 {totals['naming']:.3f}s, EV201-EV202 {totals['duplicates']:.3f}s"
    )

    sample, extrapolated = naive_all_pairs(ctx, args.sample)
    print(
        f"baseline: naive all-pairs loop, {args.sample} names {sample:.3f}s, "
        f"extrapolated to {len(ctx.plan.events)} names {extrapolated:.1f}s "
        f"(EV201+EV202 warm: {extrapolated / max(totals['duplicates'], 1e-9):.0f}x faster)"
    )

    reported = {
        d.entry.removeprefix("events.") for d in findings["EV201"] + findings["EV202"] if d.entry
    }
    caught = len(injected & reported)
    print(f"caught {caught} of {len(injected)} injected duplicates ({caught / len(injected):.0%})")
    generated = [
        diagnostic.message.rsplit(": ", 1)[-1]
        for diagnostic in findings["EV202"]
        if diagnostic.entry and diagnostic.entry.removeprefix("events.") not in injected
    ]
    print(f"EV202 findings on generated (not injected) names: {len(generated)}")
    for reason, count in Counter(generated).most_common(5):
        print(f"  {count:4d} x {reason}")
    missed = sorted(injected - reported)[:8]
    if missed:
        print("missed, e.g.:", ", ".join(missed))


if __name__ == "__main__":
    main()
