"""Event and property names read as words: their case styles (:mod:`~evdict.names.case`),
the English lexicon behind them (:mod:`~evdict.names.lexicon`), their grammar
(:mod:`~evdict.names.grammar`) and synonyms (:mod:`~evdict.names.synonyms`)."""
