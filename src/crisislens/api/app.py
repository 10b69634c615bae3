"""The REST API and the dashboard over one crisislens database (``crisislens serve``)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from importlib.metadata import version
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from swagger_ui_bundle import swagger_ui_path

from crisislens.api import schemas
from crisislens.api.filters import event_filter
from crisislens.api.ingest import IngestService
from crisislens.api.present import actor_out, event_detail, event_summary
from crisislens.knowledge import load_knowledge
from crisislens.views import aggregate as views
from crisislens.store.duckdb import EventFilter, Store

logger = logging.getLogger(__name__)

MAX_PAGE = 500
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": schemas.ErrorBody} for code in (400, 404, 422)}


_ARTICLE = schemas.ArticleIn.model_json_schema()
_TEXT = {"type": "string", "pattern": r"\S"}
INGEST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"anyOf": [_ARTICLE, {"type": "array", "items": _ARTICLE, "minItems": 1}]}},
        "application/x-ndjson": {"schema": {**_TEXT, "description": "One JSON article per line"}},
        "text/plain": {"schema": {**_TEXT, "description": "One article; an optional first line ' date YYYY-MM-DD'"}},
        "text/html": {"schema": {**_TEXT, "description": "One article page"}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}, "minItems": 1}},
                "required": ["files"],
            },
            "encoding": {"files": {"contentType": "application/octet-stream"}},
        },
    },
}


def reader(request: Request) -> Iterator[Store]:
    """The app's database on a connection of the request's own (requests run on several threads)."""
    cursor = request.app.state.store.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


Reader = Annotated[Store, Depends(reader)]
Filters = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
By = Annotated[Literal["day", "week", "month"], Query(description="Period length")]
Search = Annotated[str | None, Query(max_length=200, description="Text to look for")]
Id = Annotated[str, PathParam(min_length=1, max_length=200)]


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """How ``crisislens serve`` runs: the database, and whether (and with which token) ingest is allowed."""

    db: Path
    ingest_token: str | None = None
    max_upload_bytes: int = 20 * 1024 * 1024


def static_dir() -> Path:
    return Path(str(resources.files("crisislens.web") / "static"))


def create_app(settings: ServeSettings) -> FastAPI:
    """The FastAPI application; the database stays open (read-only unless ingest is enabled) for its lifetime."""
    store = Store(settings.db, read_only=settings.ingest_token is None)
    cameo_names = {code: entry.name for code, entry in load_knowledge().cameo.items()}
    ingest_service = IngestService(store, settings.ingest_token, settings.max_upload_bytes)
    app = FastAPI(
        title="crisislens",
        version=version("crisislens"),
        description="Conflict event data coded from news articles: events, actors, articles and the views built on them.",
        docs_url=None,
        redoc_url=None,
    )
    app.router.on_shutdown.append(store.close)

    app.state.store = store

    _install_error_handlers(app)

    @app.get("/api/stats", response_model=schemas.Stats, tags=["stats"])
    def stats(db: Reader) -> dict[str, Any]:
        """Row counts and the span of event dates."""
        first, last = views.date_range(db)
        return {**db.counts(), "first_date": first, "last_date": last}

    @app.get("/api/events", response_model=schemas.EventPage, responses=ERRORS, tags=["events"])
    def list_events(
        db: Reader,
        where: Filters,
        sort: Literal["date", "-date", "fatalities", "-fatalities", "num_articles", "-num_articles"] = "date",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Events matching the filters, one page at a time."""
        page = EventFilter(**{**_fields(where), "limit": limit, "offset": offset, "sort": sort})
        items = [event_summary(e, cameo_names) for e in db.events(page)]
        return {"total": db.count_events(where), "limit": limit, "offset": offset, "items": items}

    @app.get("/api/events/{event_id}", response_model=schemas.EventDetail, responses=ERRORS, tags=["events"])
    def get_event(db: Reader, event_id: Id) -> dict[str, Any]:
        """One event with every report of it: the sentence, its offsets and its article."""
        event = db.event(event_id)
        if event is None:
            raise HTTPException(404, f"no event {event_id!r} (or the prefix is not unique)")
        return event_detail(event, db.event_reports(event.event_id), cameo_names)

    @app.get("/api/actors", response_model=schemas.ActorPage, responses=ERRORS, tags=["actors"])
    def list_actors(
        db: Reader,
        q: Search = None,
        country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO-3 country")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Actors whose name, id or an alias contains ``q``, most mentioned first."""
        actors = db.actors(q, limit, country=country, offset=offset)
        counts = views.actor_event_counts(db, [a.actor_id for a in actors])
        items = [actor_out(a, counts.get(a.actor_id, 0)) for a in actors]
        return {"total": db.count_actors(q, country=country), "limit": limit, "offset": offset, "items": items}

    @app.get("/api/actors/{actor_id}", response_model=schemas.ActorDetail, responses=ERRORS, tags=["actors"])
    def get_actor(db: Reader, actor_id: Id) -> dict[str, Any]:
        """One actor: aliases, latest events and the actors it has events with."""
        found = [a for a in db.actors(actor_id) if a.actor_id == actor_id]
        if not found:
            raise HTTPException(404, f"no actor {actor_id!r}")
        actor = found[0]
        events = db.events(EventFilter(actor=actor_id, limit=200, sort="-date"))
        events = [e for e in events if actor_id in (_id(e.source_actor), _id(e.target_actor))]
        return {
            **actor_out(actor, views.actor_event_counts(db, [actor_id]).get(actor_id, 0)),
            "recent_events": [event_summary(e, cameo_names) for e in events],
            "counterparts": views.counterparts(db, actor_id),
        }

    @app.get("/api/articles", response_model=schemas.ArticlePage, responses=ERRORS, tags=["articles"])
    def list_articles(db: Reader, q: Search = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Ingested articles (title or text contains ``q``), oldest first."""
        items = db.articles(limit, text=q, offset=offset)
        return {"total": db.count_articles(text=q), "limit": limit, "offset": offset, "items": items}

    @app.get("/api/articles/{article_id}", response_model=schemas.ArticleDetail, responses=ERRORS, tags=["articles"])
    def get_article(db: Reader, article_id: Id) -> dict[str, Any]:
        """One article with its full text and the events it reports."""
        article = db.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return article

    @app.get("/api/timeline", response_model=schemas.Timeline, responses=ERRORS, tags=["views"])
    def timeline(db: Reader, where: Filters, by: By = "day") -> dict[str, Any]:
        """Events, fatalities and reporting articles per day, week or month."""
        return {"by": by, "series": views.timeline(db, where, by)}

    @app.get("/api/escalation", response_model=schemas.Escalation, responses=ERRORS, tags=["views"])
    def escalation(db: Reader, where: Filters, by: By = "week") -> dict[str, Any]:
        """The conflict–cooperation index per period (mean Goldstein score, each event counted once) and its change points."""
        return {"by": by, **views.escalation(db, where, by)}

    @app.get("/api/network", response_model=schemas.Network, responses=ERRORS, tags=["views"])
    def network(
        db: Reader,
        where: Filters,
        min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
        limit: Annotated[int, Query(ge=1, le=1000, description="Most edges returned")] = 100,
    ) -> dict[str, Any]:
        """Actor-to-actor dyads with event counts, mean Goldstein score, conflict and cooperation counts."""
        return views.network(db, where, min_events=min_events, limit=limit)

    @app.get("/api/map", response_model=schemas.MapSummary, responses=ERRORS, tags=["views"])
    def event_map(db: Reader, where: Filters, limit: Annotated[int, Query(ge=1, le=10_000)] = 2000) -> dict[str, Any]:
        """Events per country, and per named place with coordinates."""
        return views.map_summary(db, where, limit=limit)

    @app.get("/api/countries", tags=["views"], response_class=FileResponse)
    def countries() -> FileResponse:
        """Country outlines (GeoJSON, Natural Earth 1:110m) for the dashboard's map."""
        return FileResponse(static_dir() / "countries.geojson", media_type="application/geo+json")

    @app.post(
        "/api/ingest",
        response_model=schemas.IngestResult,
        responses={code: {"model": schemas.ErrorBody} for code in (400, 401, 403, 413, 415)},
        tags=["ingest"],
        openapi_extra={"requestBody": INGEST_BODY},
    )
    async def ingest(request: Request) -> dict[str, Any]:
        """Ingest articles sent as the body (JSON: one article or a list; JSONL; plain text; HTML) or uploaded as files (multipart form).

        Off unless the server was started with ``--ingest-token``; then send
        ``Authorization: Bearer <token>``. ``?filename=`` names a text or HTML article.
        """
        return await ingest_service.handle(request)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="crisislens API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(static_dir() / "index.html")

    app.mount("/docs-assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")
    app.mount("/static", StaticFiles(directory=str(static_dir())), name="static")
    return app


def _id(actor: Any) -> str | None:
    return actor.actor_id if actor is not None else None


def _fields(where: EventFilter) -> dict[str, Any]:
    return {name: getattr(where, name) for name in EventFilter.__dataclass_fields__}


def _install_error_handlers(app: FastAPI) -> None:
    """Every error is JSON ``{"error": message}``; no stack trace ever reaches a client."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return JSONResponse({"error": str(error.detail)}, status_code=error.status_code, headers=getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        problems = [
            {"where": ".".join(str(part) for part in problem.get("loc", ())), "problem": problem.get("msg", "")}
            for problem in error.errors()
        ]
        message = "; ".join(f"{p['where']}: {p['problem']}" for p in problems)
        return JSONResponse({"error": f"invalid request: {message}", "detail": problems}, status_code=422)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, error: ValueError) -> Response:
        return JSONResponse({"error": str(error)}, status_code=400)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        logger.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"error": "internal error (see the server log)"}, status_code=500)
