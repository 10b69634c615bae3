from crisislens.ingest.read import read_articles

__all__ = ["read_articles"]
