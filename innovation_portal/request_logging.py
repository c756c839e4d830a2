"""Structured logs: one JSON line per request, errors tagged with the request's id.

Every request gets an id (``X-Request-ID`` in the response, and in every log
line written while it is handled), and one line when it is answered: method,
path, status, duration. Query strings are left out, since visitors type free
text into them, and so are addresses, cookies and headers. Log text is also
scrubbed of anything that looks like an e-mail address, a personal identity
number, a password or a token, whatever logged it.
"""

from __future__ import annotations

import contextvars
import datetime
import json
import logging
import re
import time
import uuid

from django.conf import settings

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)
access_logger = logging.getLogger("innovation_portal.requests")

# An id passed on by a proxy of ours is kept only when it looks like one.
_INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

_REDACTIONS = [
    # e-mail addresses
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[e-mail]"),
    # Swedish personal identity numbers (and organisation numbers, which look the same)
    (re.compile(r"\b(19|20)?\d{6}[-+]?\d{4}\b"), "[number]"),
    # credentials written as name=value or name: value
    (
        re.compile(
            r"(?i)\b(password|passwd|secret|token|api[_-]?key|authorization|cookie|sessionid"
            r"|csrftoken|otp_token)(\s*[=:]\s*)((?:bearer|basic|token)\s+)?"
            r"(\"[^\"]*\"|'[^']*'|[^\s,;&]+)"
        ),
        r"\1\2[redacted]",
    ),
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}"), r"\1 [redacted]"),
]

# Attributes of a log record that may be written out, besides the message.
_FIELDS = ("method", "path", "status", "duration_ms", "limit", "view")


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RequestIdFilter(logging.Filter):
    """Put the id of the request being handled on every record (``None`` outside requests)."""

    def filter(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line, with only known fields: never a request, its cookies or headers."""

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
        }
        for field in _FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = redact(value) if isinstance(value, str) else value
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


class PlainFormatter(logging.Formatter):
    """For a terminal in development: the same content, scrubbed, on one readable line."""

    def format(self, record):
        record.request_id = getattr(record, "request_id", None) or request_id_var.get() or "-"
        text = super().format(record)
        return redact(text)


def _incoming_request_id(request) -> str | None:
    if not getattr(settings, "TRUSTED_PROXY_COUNT", 0):
        return None
    value = request.META.get("HTTP_X_REQUEST_ID", "")
    return value if _INCOMING_ID.match(value) else None


class RequestLogMiddleware:
    """Outermost middleware: gives the request its id and logs its answer and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = _incoming_request_id(request) or uuid.uuid4().hex
        token = request_id_var.set(request.id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            status = response.status_code
            level = logging.ERROR if status >= 500 else logging.INFO
            match = getattr(request, "resolver_match", None)
            access_logger.log(
                level,
                "%s %s %s %.1f ms",
                request.method,
                request.path,
                status,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": duration_ms,
                    "view": match.view_name if match else None,
                },
            )
            return response
        finally:
            request_id_var.reset(token)
