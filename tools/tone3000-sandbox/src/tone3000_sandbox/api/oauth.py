"""OAuth 2.0 authorization code + PKCE (S256): the sign-in page and the token endpoint."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit

from litestar import Controller, MediaType, Response, get, post
from litestar.response import Redirect

from tone3000_sandbox.api.authorize_page import error_page, sign_in_page
from tone3000_sandbox.api.request import Req
from tone3000_sandbox.grants import GrantError
from tone3000_sandbox.state import SandboxState

_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def redirect_registered(uri: str, prefixes: tuple[str, ...]) -> bool:
    """True when `uri` starts with a registered prefix (scheme, host, port if given, path)."""
    got = urlsplit(uri)
    if not got.scheme or not got.hostname or got.fragment:
        return False
    for prefix in prefixes:
        want = urlsplit(prefix)
        if (
            got.scheme == want.scheme
            and got.hostname == want.hostname
            and (want.port is None or got.port == want.port)
            and (got.path or "/").startswith(want.path or "/")
        ):
            return True
    return False


def _with_query(uri: str, params: Mapping[str, str]) -> str:
    return f"{uri}{'&' if urlsplit(uri).query else '?'}{urlencode(params)}"


class _AuthorizeRequest:
    """The authorize query, checked: `fatal` for errors that cannot go back to the client."""

    def __init__(self, query: Mapping[str, str], sandbox: SandboxState) -> None:
        settings = sandbox.settings
        self.client_id = query.get("client_id", "")
        self.redirect_uri = query.get("redirect_uri", "")
        self.state = query.get("state")
        self.challenge = query.get("code_challenge", "")
        self.prompt = query.get("prompt")
        self.tone_id = query.get("tone_id")
        self.login_hint = query.get("login_hint")
        self.fatal: str | None = None
        self.invalid: str | None = None
        if self.client_id not in settings.client_ids:
            self.fatal = f"client_id: {self.client_id!r} is not a registered client"
        elif not redirect_registered(self.redirect_uri, settings.redirect_prefixes):
            self.fatal = f"redirect_uri: {self.redirect_uri!r} is not registered for this client"
        elif not self.state:
            self.invalid = "state: required"
        elif query.get("response_type") != "code":
            self.invalid = "response_type: must be code"
        elif query.get("code_challenge_method") != "S256":
            self.invalid = "code_challenge_method: must be S256"
        elif not 43 <= len(self.challenge) <= 128:
            self.invalid = "code_challenge: 43 to 128 characters are required"

    def back(self, **params: str | None) -> Redirect:
        """Redirect to the client's `redirect_uri` with `params` and the `state`."""
        full = {k: v for k, v in params.items() if v is not None}
        if self.state is not None:
            full["state"] = self.state
        return Redirect(_with_query(self.redirect_uri, full), status_code=303)


def _form_action(request: Req) -> str:
    query = request.url.query
    return f"{request.url.path}?{query}" if query else request.url.path


class OAuthController(Controller):
    """`/oauth/authorize` (GET page, POST decision) and `/oauth/token`."""

    path = "/oauth"

    @get("/authorize", media_type=MediaType.HTML, sync_to_thread=False)
    def authorize_page(self, request: Req, sandbox: SandboxState) -> Response[str] | Redirect:
        """The sign-in page, or the redirect with `error=invalid_request`."""
        ask = _AuthorizeRequest(dict(request.query_params), sandbox)
        if ask.fatal:
            return Response(error_page(ask.fatal), status_code=400, media_type=MediaType.HTML)
        if ask.invalid:
            return ask.back(error="invalid_request", error_description=ask.invalid)
        return Response(self._page(request, sandbox, ask, None), media_type=MediaType.HTML)

    @post("/authorize", media_type=MediaType.HTML)
    async def authorize_decision(
        self, request: Req, sandbox: SandboxState
    ) -> Response[str] | Redirect:
        """Approve as form field `username` (redirect with a code), or Cancel (`canceled=true`)."""
        ask = _AuthorizeRequest(dict(request.query_params), sandbox)
        if ask.fatal:
            return Response(error_page(ask.fatal), status_code=400, media_type=MediaType.HTML)
        if ask.invalid:
            return ask.back(error="invalid_request", error_description=ask.invalid)
        form = await request.form()
        if form.get("action") == "cancel":
            return ask.back(canceled="true")
        username = str(form.get("username") or "")
        if sandbox.library.user_named(username) is None:
            message = f"username: {username!r} is not a sandbox user" if username else None
            page = self._page(request, sandbox, ask, message or "username: pick a user")
            return Response(page, status_code=400, media_type=MediaType.HTML)
        code = sandbox.grants.issue_code(ask.client_id, ask.redirect_uri, ask.challenge, username)
        tone_id = str(form.get("tone_id") or "") or ask.tone_id
        return ask.back(code=code, tone_id=tone_id if ask.prompt else None)

    @post("/token", status_code=200)
    async def token(self, request: Req, sandbox: SandboxState) -> Response[object]:
        """Form-encoded token grant: `authorization_code` (with PKCE) or `refresh_token`."""
        form = {k: str(v) for k, v in (await request.form()).items()}
        client_id = form.get("client_id", "")
        try:
            if client_id not in sandbox.settings.client_ids:
                raise GrantError("invalid_client", f"client_id: {client_id!r} is unknown", 401)
            grant_type = form.get("grant_type")
            if grant_type == "authorization_code":
                missing = [f for f in ("code", "code_verifier", "redirect_uri") if not form.get(f)]
                if missing:
                    raise GrantError("invalid_request", f"{missing[0]}: required")
                issued = sandbox.grants.exchange_code(
                    form["code"], form["code_verifier"], form["redirect_uri"], client_id
                )
            elif grant_type == "refresh_token":
                if not form.get("refresh_token"):
                    raise GrantError("invalid_request", "refresh_token: required")
                issued = sandbox.grants.refresh(form["refresh_token"], client_id)
            else:
                raise GrantError("unsupported_grant_type", f"grant_type: {grant_type!r}")
        except GrantError as exc:
            return Response(exc.body(), status_code=exc.status, headers=_NO_STORE)
        answer = {
            "access_token": issued.access_token,
            "refresh_token": issued.refresh_token,
            "expires_in": issued.expires_in,
            "token_type": "bearer",
        }
        return Response(answer, headers=_NO_STORE)

    def _page(
        self,
        request: Req,
        sandbox: SandboxState,
        ask: _AuthorizeRequest,
        error: str | None,
    ) -> str:
        return sign_in_page(
            sandbox.library,
            _form_action(request),
            error=error,
            login_hint=ask.login_hint,
            select_tone=ask.prompt == "select_tone",
        )
