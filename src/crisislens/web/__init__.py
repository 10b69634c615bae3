"""The web dashboard: static files in ``static/`` served by ``crisislens serve`` (see crisislens.api)."""
