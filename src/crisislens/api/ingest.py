"""``POST /api/ingest``: articles sent over HTTP go through the same reader and pipeline as files."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.concurrency import run_in_threadpool

from crisislens.pipeline import Pipeline, ingest
from crisislens.settings import PipelineSettings
from crisislens.store.duckdb import Store

logger = logging.getLogger(__name__)

# The body's media type decides how it is read: as the file kind the reader already knows.
SUFFIXES = {
    "application/json": ".jsonl",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "text/plain": ".txt",
    "text/html": ".html",
}
MULTIPART = "multipart/form-data"
MAX_FILES = 1000
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class IngestService:
    """Checks the token and the body, then codes the articles one request at a time."""

    def __init__(self, store: Store, token: str | None, max_bytes: int) -> None:
        self._store = store
        self._token = token
        self._max_bytes = max_bytes
        self._pipeline: Pipeline | None = None
        self._lock = threading.Lock()

    async def handle(self, request: Request) -> dict[str, Any]:
        self._authorise(request.headers.get("authorization"))
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type not in SUFFIXES and media_type != MULTIPART:
            kinds = ", ".join([*SUFFIXES, MULTIPART])
            raise HTTPException(415, f"send the articles as one of {kinds}, not {media_type or 'no content type'!r}")
        body = await self._read_body(request)
        if not body.strip():
            raise HTTPException(400, "the request body is empty: send at least one article")
        if media_type == MULTIPART:
            files = await _uploaded_files(request, body, self._max_bytes)
        else:
            content = _json_to_jsonl(body) if media_type == "application/json" else body
            files = [(_file_name(request.query_params.get("filename"), body) + SUFFIXES[media_type], content)]
        return await run_in_threadpool(self._ingest, files)

    def _authorise(self, header: str | None) -> None:
        if self._token is None:
            raise HTTPException(403, "ingest is disabled on this server (start it with --ingest-token TOKEN to allow it)")
        scheme, _, given = (header or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), self._token.encode()):
            raise HTTPException(401, "missing or wrong token: send 'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"})

    async def _read_body(self, request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self._max_bytes:
            raise HTTPException(413, f"the body is larger than the limit of {self._max_bytes} bytes")
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self._max_bytes:
                raise HTTPException(413, f"the body is larger than the limit of {self._max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def _ingest(self, files: list[tuple[str, bytes]]) -> dict[str, Any]:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline(PipelineSettings())
            with tempfile.TemporaryDirectory(prefix="crisislens-upload-") as folder:
                for name, content in files:
                    (Path(folder) / name).write_bytes(content)
                report = ingest([Path(folder)], self._store, self._pipeline)
        logger.info("ingested %d articles over HTTP (%d unchanged, %d skipped)", report.ingested, report.unchanged, len(report.skipped))
        return {
            "ingested": report.ingested,
            "unchanged": report.unchanged,
            "skipped": [{"origin": Path(s.origin).name, "reason": s.reason} for s in report.skipped],
            "events": report.totals.get("events", 0),
        }


async def _uploaded_files(request: Request, body: bytes, max_bytes: int) -> list[tuple[str, bytes]]:
    """The files of a multipart form (any field name), each kept under its own, sanitised, name."""

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, replay).form(max_files=MAX_FILES, max_fields=MAX_FILES, max_part_size=max_bytes)
    except (MultiPartException, ValueError) as error:
        raise HTTPException(400, f"cannot read the multipart form: {error}") from None
    files: dict[str, bytes] = {}
    for _, value in form.multi_items():
        if isinstance(value, UploadFile):
            # The reader picks the format by suffix (.jsonl, .html, anything else is text), as for files on disk.
            suffix = _SAFE_NAME.sub("", Path(value.filename or "").suffix.lower()) or ".txt"
            name = _file_name(value.filename, body) + suffix
            while name in files:
                name = f"{Path(name).stem}_{len(files)}{Path(name).suffix}"
            files[name] = await value.read()
    if not files:
        raise HTTPException(400, "the form has no file: send each article file in a file field")
    return list(files.items())


def _file_name(given: str | None, body: bytes) -> str:
    """The stem the reader takes article ids from: the client's file name, else one unique to the body."""
    base = Path((given or "").replace("\\", "/")).name  # a client's path never reaches the disk
    stem = Path(_SAFE_NAME.sub("_", base)).stem.strip("._")
    return stem or f"upload-{hashlib.sha1(body).hexdigest()[:12]}"


def _json_to_jsonl(body: bytes) -> bytes:
    """One JSON article object, or a list of them, as JSONL lines."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HTTPException(400, f"the body is not valid JSON: {error}") from None
    records = data if isinstance(data, list) else [data]
    if not records or not all(isinstance(record, dict) for record in records):
        raise HTTPException(400, "send a JSON article object or a list of them (each with at least 'text')")
    return "\n".join(json.dumps(record, ensure_ascii=False) for record in records).encode("utf-8")
