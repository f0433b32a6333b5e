"""Every registered rule is documented and has data cases that flag and that pass.

Rules are added by several people at once: this test holds each of them to the
house rules, whatever module it lives in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from evdict.rules.registry import DOC_SECTIONS, Rule, all_rules

CASES = Path(__file__).parent / "cases"
RULES = all_rules()


def test_codes_and_names_are_well_formed_and_unique() -> None:
    codes = [rule.code for rule in RULES]
    names = [rule.name for rule in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for rule in RULES:
        assert re.fullmatch(r"EV\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), f"{rule.code}: {rule.name!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_docstring_has_the_four_sections_in_order(rule: type[Rule]) -> None:
    headings = re.findall(r"^## (.+)$", rule.doc(), flags=re.MULTILINE)
    assert tuple(headings) == DOC_SECTIONS, f"{rule.code} sections: {headings}"
    for section in re.split(r"^## .+$", rule.doc(), flags=re.MULTILINE)[1:]:
        assert section.strip(), f"{rule.code} has an empty section"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_case_file_flags_and_passes(rule: type[Rule]) -> None:
    case_file = CASES / f"{rule.code}.yaml"
    assert case_file.is_file(), f"{rule.code} has no {case_file.relative_to(CASES.parents[1])}"
    spec = YAML(typ="safe").load(case_file.read_text(encoding="utf-8"))
    assert spec["rule"] == rule.code
    expectations = [bool(case["expect"]) for case in spec["cases"]]
    assert True in expectations, f"{rule.code}: no case expects a finding"
    assert False in expectations, f"{rule.code}: no case expects none"
