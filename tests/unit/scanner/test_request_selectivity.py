"""Which files a scan parses for a tracking endpoint reached by a plain HTTP request
(GA4's Measurement Protocol): those naming the endpoint, not every file calling
``fetch``."""

from __future__ import annotations

from pathlib import Path

from evdict.config import Config
from evdict.scanner.engine import scan_project
from tests.conftest import WriteFiles

_SENDS = """
    export const client = fetch
    export function patched() {
      return fetch
    }
    export async function send(name: string) {
      await fetch("https://www.google-analytics.com/mp/collect?measurement_id=G-1&api_secret=s", {
        method: "POST",
        body: JSON.stringify({ client_id: "c", events: [{ name, params: { plan: "pro" } }] }),
      })
    }
    send("plan_chosen")
    """
_FETCHES = """
    export async function bases() {
      return fetch("https://api.airtable.com/v0/meta/bases", { method: "POST", body: "{}" })
    }
    """
# A file importing from the sender's module an alias of `fetch` and a function returning it.
_IMPORTS = """
    import { client, patched } from "./ga4"

    export const both = [client("https://x.io"), patched()("https://x.io")]
    """


def test_only_the_file_naming_the_endpoint_is_parsed(write: WriteFiles) -> None:
    root: Path = write(
        **{"src/ga4.ts": _SENDS, "src/airtable.ts": _FETCHES, "src/imports.ts": _IMPORTS}
    )
    inventory = scan_project(Config.from_data({}, root), use_cache=False, jobs=1)
    assert [(call.path, call.event) for call in inventory.calls] == [("src/ga4.ts", "plan_chosen")]
    # Every file calling ``fetch`` was parsed (formbricks: 86 -> 122 files), and every
    # file importing an alias of ``fetch`` or a function returning it from a file parsed (continue: 92 -> 1,028 files, through aliases of aliases).
    assert inventory.files_parsed == 1
