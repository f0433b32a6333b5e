"""Vue and Svelte single-file components: their script blocks are scanned in place."""

from __future__ import annotations

from pathlib import Path

from evdict.scanner.frontends.javascript import extract
from evdict.scanner.model import Str
from tests.conftest import RunCli, WriteFiles

VUE = """\
<template>
  <button @click="upgrade">Upgrade to <b>pro</b></button>
</template>

<script setup lang="ts">
import posthog from "posthog-js";

function upgrade(): void {
  posthog.capture("plan_upgraded", { plan: "pro" as const });
}
</script>

<style scoped>
button { color: rebeccapurple; }
</style>
"""

SVELTE = """\
<script>
  import posthog from "posthog-js";
  const open = () => posthog.capture("nav_opened", { from: "header" });
</script>

<nav on:click={open}>Menu</nav>
"""


def test_positions_are_the_component_files_own() -> None:
    facts = extract(VUE.encode(), "src/Billing.vue")
    assert facts.language == "typescript"
    assert facts.failure is None
    (site,) = facts.calls["capture"]
    assert site.call.pos[:2] == (9, 3)
    assert site.call.args[0] == Str("plan_upgraded", (9, 19, 9, 34))
    svelte = extract(SVELTE.encode(), "src/Nav.svelte")
    assert svelte.language == "javascript"
    assert svelte.calls["capture"][0].call.args[0] == Str("nav_opened", (3, 38, 3, 50))


def test_markup_alone_holds_no_call_and_no_error() -> None:
    facts = extract(b"<template><p>{{ track('x') }}</p></template>\n", "Empty.vue")
    assert facts.failure is None
    assert facts.calls == {}


def test_components_are_scanned_and_renamed_in_place(write: WriteFiles, run: RunCli) -> None:
    root = write(
        **{
            "events.yaml": "events:\n  plan_upgraded: {}\n  nav_opened: {}\n",
            "src/Billing.vue": VUE,
            "src/Nav.svelte": SVELTE,
        }
    )
    assert run("scan").output.splitlines() == [
        "src/Billing.vue:9:3: plan_upgraded [posthog] plan",
        "src/Nav.svelte:3:22: nav_opened [posthog] from",
        "2 tracking calls (2 events) in 2 files.",
    ]
    result = run("rename", "plan_upgraded", "plan_changed")
    assert result.exit_code == 0, result.output
    renamed = (root / "src/Billing.vue").read_text(encoding="utf-8")
    assert renamed == VUE.replace('"plan_upgraded"', '"plan_changed"')
    assert Path(root / "src/Nav.svelte").read_text(encoding="utf-8") == SVELTE


HANDLERS_VUE = """\
<template>
  <div>
    <button @click="posthog.capture('trial_started', { plan: 'pro' })" class="cta">Try</button>
    <a v-on:click.prevent="open(); posthog.capture('docs_opened')">Docs</a>
  </div>
</template>

<script setup>
import posthog from "posthog-js";
const open = () => window.open("/docs");
</script>
"""

HANDLERS_SVELTE = """\
<script>
  import posthog from "posthog-js";
</script>

<button on:click={() => posthog.capture("invite_sent", { seats: { count: 2 }.count })}>
  Invite
</button>
"""


def test_template_event_handlers_are_read_in_place() -> None:
    vue = extract(HANDLERS_VUE.encode(), "Cta.vue")
    assert vue.failure is None
    assert [(site.call.pos[:2], site.call.args[0]) for site in vue.calls["capture"]] == [
        ((3, 21), Str("trial_started", (3, 37, 3, 52))),
        ((4, 36), Str("docs_opened", (4, 52, 4, 65))),
    ]
    svelte = extract(HANDLERS_SVELTE.encode(), "Invite.svelte")
    assert svelte.failure is None
    (site,) = svelte.calls["capture"]
    assert site.call.args[0] == Str("invite_sent", (5, 41, 5, 54))
