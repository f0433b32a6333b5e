"""Personal data in names and values: the detectors shared by plan rules, scanning and validation.

Three questions, each a small function in a module of its own:

- :func:`~evdict.pii.names.classify_name` (or a configured
  :class:`~evdict.pii.names.NameClassifier`): does a property *name* say it carries
  personal data (``userEmail``, ``ip_address``, ``firstName``)? The personal-data noun
  must be the *head* of the name, so ``email_template_id``, ``phone_verified`` and
  ``has_email`` are not personal data.
- :func:`~evdict.pii.values.detect_value`: is a *value* personal data (an email
  address, a phone number, an IP address, a Luhn-valid card number)? It never returns
  the value itself, only a redacted preview (:func:`~evdict.pii.values.redact`).
- :func:`~evdict.pii.hashes.looks_hashed`: does a value look like the output of a hash
  function?

What they find is a :class:`~evdict.pii.match.PiiMatch` (a kind and a category, never
the value).

Every pattern is precompiled, anchored or bounded, and free of nested quantifiers
that could backtrack catastrophically: the detectors run on untrusted payloads.
"""
