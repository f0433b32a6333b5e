"""Every way a plan file can fail to load is a located finding, never a traceback.

Each case writes plan files, lints them with the loader's rules (EV0xx) through
:func:`evdict.api.lint`, and compares ``path:line:col: CODE message`` exactly.
Positions are 1-based: the key for an entry, the value for a bad value.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evdict.api import Options, lint, load_plan
from tests.conftest import RunCli, WriteFiles


def findings(*select: str, use_cache: bool = False) -> list[str]:
    result = lint(Options(select=select or ("EV0",), use_cache=use_cache))
    return [f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}" for d in result.diagnostics]


CASES: dict[str, tuple[dict[str, str | bytes], list[str]]] = {
    "unclosed flow mapping": (
        {"events.yaml": 'events:\n  signup_completed: {description: "Signed up"\n  b: {}\n'},
        [
            "events.yaml:3:3: EV001 did not find expected ',' or '}' "
            "(while parsing a flow mapping started at line 2, column 21)"
        ],
    ),
    "bad indentation": (
        {
            "events.yaml": "events:\n  signup_completed:\n    description: Signed up.\n"
            "   owner: team-growth\n"
        },
        [
            "events.yaml:4:4: EV001 did not find expected key "
            "(while parsing a block mapping started at line 2, column 3)"
        ],
    ),
    "tab indentation": (
        {"events.yaml": "events:\n  signup_completed:\n\towner: team-growth\n"},
        ["events.yaml:3:1: EV001 a tab character cannot indent YAML (use spaces)"],
    ),
    "unterminated quote": (
        {"events.yaml": 'events:\n  a: {description: "oops}\n'},
        [
            "events.yaml:3:1: EV001 found unexpected end of stream "
            "(while scanning a quoted scalar started at line 2, column 20)"
        ],
    ),
    "control character (column counts characters, not bytes)": (
        {"events.yaml": 'events:\n  a: {description: "café \x01"}\n'},
        [
            "events.yaml:2:26: EV001 character U+0001 is not allowed in YAML "
            "(control characters are not allowed)"
        ],
    ),
    "duplicate key in one mapping": (
        {
            "events.yaml": "events:\n  signup_completed: {owner: a}\n  report_exported: {}\n"
            "  signup_completed: {owner: b}\n"
        },
        ["events.yaml:4:3: EV003 duplicate key `signup_completed` (first defined on line 2)"],
    ),
    "duplicate key nested": (
        {
            "events.yaml": "events:\n  signup_completed:\n    owner: a\n    description: x\n    owner: b\n"
        },
        ["events.yaml:5:5: EV003 duplicate key `owner` (first defined on line 3)"],
    ),
    "duplicate key in a flow mapping": (
        {"events.yaml": "events:\n  signup_completed: {owner: a, owner: b}\n"},
        ["events.yaml:2:32: EV003 duplicate key `owner` (first defined on line 2)"],
    ),
    "event, shared property and funnel defined in two files": (
        {
            "tracking-plan/billing.yaml": "# billing\nproperties:\n  workspace_id: {type: integer}\n"
            "events:\n  plan_upgraded: {}\n  signup_completed: {owner: team-billing}\n"
            "funnels:\n  activation:\n    steps: [plan_upgraded]\n",
            "tracking-plan/growth.yaml": "properties:\n  workspace_id: {type: string}\n"
            "events:\n  signup_completed: {owner: team-growth}\n"
            "funnels:\n  activation:\n    steps: [signup_completed]\n",
        },
        [
            "tracking-plan/growth.yaml:2:3: EV003 property `workspace_id` is already defined at "
            "tracking-plan/billing.yaml:3",
            "tracking-plan/growth.yaml:4:3: EV003 event `signup_completed` is already defined at "
            "tracking-plan/billing.yaml:6",
            "tracking-plan/growth.yaml:6:3: EV003 funnel `activation` is already defined at "
            "tracking-plan/billing.yaml:8",
        ],
    ),
    "events.yaml and tracking-plan/ together": (
        {
            "events.yaml": "events:\n  signup_completed: {}\n",
            "tracking-plan/growth.yaml": "\nevents:\n  signup_completed: {}\n",
        },
        [
            "tracking-plan/growth.yaml:3:3: EV003 event `signup_completed` is already defined at "
            "events.yaml:2"
        ],
    ),
    "not UTF-8 (column counts characters)": (
        {
            "events.yaml": "events:\n  signup_completed:\n    description: Signé up — caf".encode()
            + b"\xe9\n"
        },
        ["events.yaml:3:32: EV001 not UTF-8 text (byte 0xe9)"],
    ),
    "UTF-16 is not UTF-8": (
        {"events.yaml": "events: {}\n".encode("utf-16")},
        ["events.yaml:1:1: EV001 not UTF-8 text (byte 0xff)"],
    ),
    "empty file": ({"events.yaml": ""}, []),
    "only comments": ({"events.yaml": "# nothing planned yet\n\n"}, []),
    "only a document marker": ({"events.yaml": "---\n...\n"}, []),
    "top level is a list": (
        {"events.yaml": "- signup_completed\n- report_exported\n"},
        [
            'events.yaml:1:1: EV002 (top level): expected object, got array ["signup_completed", '
            '"report_exported"]'
        ],
    ),
    "top level is a scalar": (
        {"events.yaml": "just some text\n"},
        ["events.yaml:1:1: EV002 (top level): expected object, got string 'just some text'"],
    ),
    "several documents": (
        {"events.yaml": "events:\n  signup_completed: {}\n---\nevents:\n  report_exported: {}\n"},
        ["events.yaml:3:1: EV001 a plan file holds one YAML document, found several"],
    ),
    "a leading document marker is one document": (
        {"events.yaml": "---\nevents:\n  signup_completed: {status: gone}\n"},
        [
            "events.yaml:3:30: EV002 events.signup_completed.status: 'gone' is not one of "
            "planned, active, deprecated"
        ],
    ),
    "UTF-8 BOM and CRLF line endings keep positions": (
        {
            "events.yaml": b"\xef\xbb\xbfevents:\r\n  signup_completed:\r\n    status: gone\r\n"
            b"    owner: 12\r\n"
        },
        [
            "events.yaml:3:13: EV002 events.signup_completed.status: 'gone' is not one of "
            "planned, active, deprecated",
            "events.yaml:4:12: EV002 events.signup_completed.owner: expected string, got integer 12",
        ],
    ),
    "python tags are refused, nothing constructed": (
        {
            "events.yaml": "events:\n"
            '  a: !!python/object/apply:os.system ["touch PWNED"]\n'
            "  b: !!python/name:os.system ''\n"
            "  c: !custom {owner: x}\n"
            "  !!binary aGk=: {}\n"
            "  d: {owner: !!str 12}\n"
        },
        [
            "events.yaml:2:6: EV001 unsupported YAML tag '!!python/object/apply:os.system' "
            "(a plan holds plain values only)",
            'events.yaml:2:6: EV002 events.a: expected object, got array ["touch PWNED"]',
            "events.yaml:3:6: EV001 unsupported YAML tag '!!python/name:os.system' "
            "(a plan holds plain values only)",
            "events.yaml:3:6: EV002 events.b: expected object, got string ''",
            "events.yaml:4:6: EV001 unsupported YAML tag '!custom' (a plan holds plain values only)",
            "events.yaml:5:3: EV001 unsupported YAML tag '!!binary' (a plan holds plain values only)",
        ],
    ),
    "anchors and aliases: findings inside an alias point at it": (
        {
            "events.yaml": "events:\n  signup_completed: &base\n    owner: team-growth\n"
            "    status: gone\n  report_shared: *base\n"
        },
        [
            "events.yaml:4:13: EV002 events.signup_completed.status: 'gone' is not one of "
            "planned, active, deprecated",
            "events.yaml:5:18: EV002 events.report_shared.status: 'gone' is not one of "
            "planned, active, deprecated",
        ],
    ),
    "undefined and self-referencing aliases": (
        {"events.yaml": "events:\n  a: *nope\n  b: &loop [*loop]\n"},
        [
            "events.yaml:2:6: EV001 alias '*nope' refers to no anchor '&nope' defined before it",
            "events.yaml:2:6: EV002 events.a: expected object, got null",
            "events.yaml:3:6: EV002 events.b: expected object, got array [null]",
            "events.yaml:3:13: EV001 alias '*loop' refers to no anchor '&loop' defined before it",
        ],
    ),
    "merge keys: merged values point at '<<'": (
        {
            "events.yaml": "events:\n  signup_completed: &base\n    owner: team-growth\n"
            "    status: gone\n  report_exported:\n    <<: *base\n    status: active\n"
            "  report_shared:\n    <<: [*base, {interaction: hover}]\n"
            "  bad_merge:\n    <<: 5\n  merged_twice:\n    <<: *base\n    <<: *base\n"
        },
        [
            "events.yaml:4:13: EV002 events.signup_completed.status: 'gone' is not one of "
            "planned, active, deprecated",
            "events.yaml:9:9: EV002 events.report_shared.interaction: 'hover' is not one of "
            "active, passive, programmatic",
            "events.yaml:9:9: EV002 events.report_shared.status: 'gone' is not one of "
            "planned, active, deprecated",
            "events.yaml:11:9: EV001 '<<' merges a mapping or a list of mappings",
            "events.yaml:13:9: EV002 events.merged_twice.status: 'gone' is not one of "
            "planned, active, deprecated",
            "events.yaml:14:5: EV003 duplicate key `<<` (first defined on line 13)",
        ],
    ),
    "a collection as a key": (
        {"events.yaml": "events:\n  ? [a, b]\n  : {}\n  signup_completed: {}\n"},
        ["events.yaml:2:5: EV001 a mapping key must be a plain value"],
    ),
    "nesting too deep": (
        {"events.yaml": "events: " + "[" * 150 + "]" * 150 + "\n"},
        ["events.yaml:1:108: EV001 nesting deeper than 100 levels"],
    ),
    "unknown key on an event": (
        {"events.yaml": "events:\n  signup_completed:\n    desciption: Signed up.\n"},
        [
            "events.yaml:3:5: EV002 events.signup_completed.desciption: unknown key `desciption` "
            "(did you mean `description`?)"
        ],
    ),
    "unknown top-level key": (
        {"events.yaml": "event:\n  signup_completed: {}\n"},
        ["events.yaml:1:1: EV002 event: unknown key `event` (did you mean `events`?)"],
    ),
    "wrong enum value": (
        {"events.yaml": "events:\n  signup_completed:\n    interaction: hover\n"},
        [
            "events.yaml:3:18: EV002 events.signup_completed.interaction: 'hover' is not one of "
            "active, passive, programmatic"
        ],
    ),
    "wrong property type name": (
        {
            "events.yaml": "events:\n  payment_failed:\n    properties:\n"
            "      retry_count: {type: str}\n      tags: {type: [string, 7]}\n"
            "      seats: {type: integer, minimum: low}\n"
        },
        [
            "events.yaml:4:27: EV002 events.payment_failed.properties.retry_count.type: 'str' "
            "is not one of string, integer, number, boolean, array, object, null",
            "events.yaml:5:29: EV002 events.payment_failed.properties.tags.type.1: 7 "
            "is not one of string, integer, number, boolean, array, object, null",
            "events.yaml:6:39: EV002 events.payment_failed.properties.seats.minimum: "
            "expected number, got string 'low'",
        ],
    ),
    "funnel shapes": (
        {
            "events.yaml": "events:\n  signup_completed: {}\nfunnels:\n"
            "  activation:\n    description: no steps\n"
            "  empty:\n    steps: []\n"
            "  onboarding:\n    steps:\n      - signup_completed\n"
            "      - {event: signup_completed, within: 7 days}\n"
            "      - {event: signup_completed, whithin: 7d}\n"
            "      - 5\n      - {within: 7d}\n"
        },
        [
            "events.yaml:4:3: EV002 funnels.activation: missing required key `steps`",
            "events.yaml:7:12: EV002 funnels.empty.steps: must not be empty",
            "events.yaml:11:43: EV002 funnels.onboarding.steps.1.within: '7 days' does not match "
            "the pattern ^[0-9]+[mhdw]$",
            "events.yaml:12:35: EV002 funnels.onboarding.steps.2.whithin: unknown key `whithin` "
            "(did you mean `within`?)",
            "events.yaml:13:9: EV002 funnels.onboarding.steps.3: expected string, got integer 5",
            "events.yaml:14:9: EV002 funnels.onboarding.steps.4: missing required key `event`",
        ],
    ),
    "keys are the text as written; names must not be empty or too long": (
        {
            "events.yaml": f"events:\n  1: {{}}\n  true: {{}}\n  null: {{}}\n  '': {{}}\n  {'x' * 256}: {{}}\n"
        },
        [
            "events.yaml:5:3: EV002 events: the name '' must not be empty",
            f"events.yaml:6:3: EV002 events: the name '{'x' * 76}... is longer than 255 characters",
        ],
    ),
}


@pytest.mark.parametrize(("files", "expected"), CASES.values(), ids=CASES.keys())
def test_load_failure_is_a_located_finding(
    write: WriteFiles, files: dict[str, str | bytes], expected: list[str]
) -> None:
    write(
        **{
            name: content.encode() if isinstance(content, str) else content
            for name, content in files.items()
        }
    )
    assert findings() == expected


def test_python_tag_constructs_nothing(write: WriteFiles) -> None:
    root = write(**{"events.yaml": '!!python/object/apply:os.system ["touch PWNED"]\n'})
    assert findings() == [
        "events.yaml:1:1: EV001 unsupported YAML tag '!!python/object/apply:os.system' "
        "(a plan holds plain values only)",
        'events.yaml:1:1: EV002 (top level): expected object, got array ["touch PWNED"]',
    ]
    assert not (root / "PWNED").exists()


def test_billion_laughs_is_refused_at_the_alias_that_overflows(write: WriteFiles) -> None:
    levels = ["lol0: &lol0 [" + ", ".join(["lol"] * 10) + "]"]
    levels += [
        f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * 10) + "]"
        for level in range(1, 9)
    ]
    write(**{"events.yaml": "\n".join(levels) + "\nevents: *lol8\n"})
    # lol0..lol4 expand to 123,440 values; the 8th *lol4 on line 6 passes 1,000,000.
    assert findings() == [
        "events.yaml:6:63: EV001 aliases expand this document to over 1,000,000 values "
        "(a 'billion laughs' document?)"
    ]


def test_broken_and_looping_symlinks_are_unreadable_files(write: WriteFiles) -> None:
    root = write(**{"tracking-plan/growth.yaml": "events:\n  signup_completed: {}\n"})
    (root / "tracking-plan/gone.yaml").symlink_to("missing.yaml")
    (root / "tracking-plan/self.yaml").symlink_to("self.yaml")
    assert findings() == [
        "tracking-plan/gone.yaml:1:1: EV001 cannot read the file: No such file or directory "
        "(a symbolic link to 'missing.yaml')",
        "tracking-plan/self.yaml:1:1: EV001 cannot read the file: Too many levels of symbolic "
        "links (a symbolic link to 'self.yaml')",
    ]


def test_directory_symlink_loop_neither_hangs_nor_repeats(write: WriteFiles) -> None:
    root = write(**{"tracking-plan/team/growth.yaml": "events:\n  signup_completed: {}\n"})
    (root / "tracking-plan/team/loop").symlink_to("..")
    (root / "tracking-plan/alias.yaml").symlink_to("team/growth.yaml")
    plan = load_plan(use_cache=False)
    # Read once, and shown as the file the link points to.
    assert [document.path for document in plan.documents] == ["tracking-plan/team/growth.yaml"]
    assert findings() == []


def test_directories_and_fifos_named_like_plan_files_are_not_plan_files(
    write: WriteFiles,
) -> None:
    root = write(**{"tracking-plan/growth.yaml": "events:\n  signup_completed: {}\n"})
    (root / "tracking-plan/old.yaml").mkdir()
    (root / "events.yaml").mkdir()
    os.mkfifo(root / "tracking-plan/pipe.yaml")  # reading it would block forever
    assert [d.path for d in load_plan(use_cache=False).documents] == ["tracking-plan/growth.yaml"]


def test_unreadable_file_as_root_too(write: WriteFiles, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, for whom chmod 000 changes nothing: fail the read itself.
    write(**{"events.yaml": "events: {}\n"})

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert findings() == ["events.yaml:1:1: EV001 cannot read the file: Permission denied"]


def test_absolute_plan_pattern(write: WriteFiles, tmp_path: Path) -> None:
    write(
        **{
            "plans/events.yaml": "events:\n  signup_completed: {status: gone}\n",
            "evdict.yaml": f"plan: [{tmp_path / 'plans'}/*.yaml]\n",
        }
    )
    assert findings() == [
        "plans/events.yaml:2:30: EV002 events.signup_completed.status: 'gone' is not one of "
        "planned, active, deprecated"
    ]


def test_unusable_plan_pattern_is_a_usage_error(write: WriteFiles, run: RunCli) -> None:
    write(**{"evdict.yaml": "plan: ['']\n"})
    result = run("lint")
    assert result.exit_code == 2
    assert (
        result.output == "evdict: error: plan pattern '' is not usable: Unacceptable pattern: ''\n"
    )


def test_merge_keys_give_the_merged_values(write: WriteFiles) -> None:
    write(
        **{
            "events.yaml": """
            events:
              signup_completed: &base
                owner: team-growth
                category: activation
              report_exported:
                <<: *base
                owner: team-reporting
            """
        }
    )
    plan = load_plan(use_cache=False)
    exported = plan.events["report_exported"]
    assert (exported.owner, exported.category) == ("team-reporting", "activation")
    assert exported.origin.location("category").line == 6  # the '<<' line


def test_cli_reports_load_failures_with_exit_1(write: WriteFiles, run: RunCli) -> None:
    write(**{"events.yaml": b"events: {a: [\xff\n", "tracking-plan/x.yaml": "- 1\n"})
    result = run("lint", "--select", "EV0")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "events.yaml:1:14: EV001 [error] not UTF-8 text (byte 0xff)",
        "tracking-plan/x.yaml:1:1: EV002 [error] (top level): expected object, got array [1]",
        "0 events in 2 files: 2 errors",
    ]


def test_unknown_references_suggest_the_closest_name(write: WriteFiles) -> None:
    write(
        **{
            "events.yaml": """
            properties:
              workspace_id: {type: string}
            events:
              signup_completed:
                properties:
                  workspace_idd: {required: true}
              enrichment_done:
                deprecated: {since: "2026-09", replaced_by: signup_complete}
            funnels:
              activation:
                steps: [signup_complted, report_exported]
            """
        }
    )
    result = lint(Options(select=("EV004",), use_cache=False))
    assert [(d.line, d.column, d.entry, d.suggestion) for d in result.diagnostics] == [
        (6, 7, "events.signup_completed.properties.workspace_idd", "workspace_id"),
        (8, 49, "events.enrichment_done", "signup_completed"),
        (11, 13, "funnels.activation", "signup_completed"),
        (11, 30, "funnels.activation", None),
    ]
