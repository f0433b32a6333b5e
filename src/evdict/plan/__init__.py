"""The tracking plan: its model (`model`), loading and merging the YAML files (`load`, with
the parse `cache`), the plan at a git revision (`git`), the change model of `evdict diff`
(`changes`, `compare`) and the byte-exact editor `evdict rename` uses (`edit` and its
methods)."""
