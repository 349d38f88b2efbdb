"""Files handed to the browser: always as an attachment, never sniffed, never rendered."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.utils.http import content_disposition_header


def _harden(response: HttpResponseBase) -> Any:
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """`filename` is quoted as RFC 6266 asks (`filename*=utf-8''...` when it is not plain ASCII), so no name
    can break the header."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return _harden(response)


def stored_attachment(version: Any) -> FileResponse:
    """A stored document version (sarhub.documents), streamed from private storage."""
    response = FileResponse(
        version.file.open("rb"), as_attachment=True, filename=version.display_name, content_type=version.content_type
    )
    return _harden(response)
