"""The REST API and dashboard server (``crisislens serve``)."""

from crisislens.api.app import ServeSettings, create_app

__all__ = ["ServeSettings", "create_app"]
