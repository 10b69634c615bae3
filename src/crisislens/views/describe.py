"""Events described in words an analyst can scan."""

from __future__ import annotations

from collections.abc import Mapping

from crisislens.models import Event


def cameo_name(code: str, names: Mapping[str, str]) -> str | None:
    """The name of ``code``, or of its nearest parent code."""
    for length in range(len(code), 1, -1):
        if code[:length] in names:
            return names[code[:length]]
    return None


def summary_line(event: Event, names: Mapping[str, str]) -> str:
    """One line an analyst can scan: source — action — target, place."""
    source = event.source_actor.name if event.source_actor else "unknown actor"
    action = (cameo_name(event.cameo, names) or f"CAMEO {event.cameo}").lower()
    line = f"{source} — {action}"
    if event.target_actor:
        line += f" — {event.target_actor.name}"
    if event.location:
        line += f", {event.location.name}"
    return line
