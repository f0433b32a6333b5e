"""Acme Enrich backend: the API behind the web app, the Chrome extension and the public API."""
