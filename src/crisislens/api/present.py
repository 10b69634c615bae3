"""Records turned into the API's JSON shapes (see ``api.schemas``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from crisislens.models import Actor, Event, EventMention, to_jsonable
from crisislens.views.describe import cameo_name, summary_line


def event_summary(event: Event, names: Mapping[str, str]) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "date": event.date,
        "date_precision": event.date_precision,
        "summary": summary_line(event, names),
        "source_actor": to_jsonable(event.source_actor),
        "target_actor": to_jsonable(event.target_actor),
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "cameo_name": cameo_name(event.cameo, names),
        "plover": event.plover,
        "acled_type": event.acled_type,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "location": to_jsonable(event.location),
        "fatalities": event.fatalities,
        "injured": event.injured,
        "num_articles": event.num_articles,
    }


def event_detail(event: Event, reports: Sequence[tuple[EventMention, dict[str, Any]]], names: Mapping[str, str]) -> dict[str, Any]:
    return {
        **event_summary(event, names),
        "date_text": event.date_text,
        "reported_by": "; ".join(event.reported_by) or None,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "first_reported": event.first_reported,
        "last_reported": event.last_reported,
        "reports": [
            {
                "mention_id": mention.mention_id,
                "article_id": mention.span.article_id,
                "sentence_index": mention.span.sentence_index,
                "sentence": mention.span.sentence,
                "start": mention.span.start,
                "end": mention.span.end,
                "trigger": mention.trigger,
                "cameo": mention.cameo,
                "fatalities": mention.fatalities,
                "injured": mention.injured,
                "reported_by": mention.reported_by,
                "article": article,
            }
            for mention, article in reports
        ],
    }


def actor_out(actor: Actor, events: int) -> dict[str, Any]:
    return {**to_jsonable(actor), "aliases": list(actor.aliases), "events": events}
