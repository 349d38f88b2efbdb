"""Files handed to the browser: always as an attachment, never sniffed, never rendered."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpResponse, HttpResponseBase


def _harden(response: HttpResponseBase) -> Any:
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _harden(response)


def stored_attachment(version: Any) -> FileResponse:
    """A stored document version (sarhub.documents), streamed from private storage."""
    response = FileResponse(
        version.file.open("rb"), as_attachment=True, filename=version.display_name, content_type=version.content_type
    )
    return _harden(response)
