"""Commands that do one job beyond checking: each module is one command's library half
(``diff``, ``rename``, ``init`` with its ``draft``, ``export``, ``validate``); the CLI in
:mod:`evdict.cli` is their other half."""
