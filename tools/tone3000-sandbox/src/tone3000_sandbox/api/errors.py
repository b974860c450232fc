"""API errors as TONE3000-style JSON: `{"error": ..., "message": ...}` with a status."""

from __future__ import annotations

from litestar import Response

from tone3000_sandbox.api.request import Req


class ApiError(Exception):
    """An error answer: `status`, a short `error` code and a `message` naming the field."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message


def api_error_response(_: Req, exc: ApiError) -> Response[object]:
    """The JSON answer for an `ApiError`."""
    return Response({"error": exc.error, "message": exc.message}, status_code=exc.status)
