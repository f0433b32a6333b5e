"""The rule catalogue: one module per family, each rule registered where it is defined."""

from evdict.rules.registry import Rule, all_rules, get_rule, register

__all__ = ["Rule", "all_rules", "get_rule", "register"]
