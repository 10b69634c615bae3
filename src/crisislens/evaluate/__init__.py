"""Scoring crisislens against published gold data (one module per benchmark format)."""
