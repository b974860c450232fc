"""`create_app`: the TONE3000 stand-in as a Litestar app."""

from __future__ import annotations

from litestar import Litestar, Router
from litestar.datastructures import State
from litestar.di import Provide

from tone3000_sandbox.api.admin import AdminController
from tone3000_sandbox.api.data import DataController
from tone3000_sandbox.api.deps import API_PREFIX, bearer_user
from tone3000_sandbox.api.errors import ApiError, api_error_response
from tone3000_sandbox.api.oauth import OAuthController
from tone3000_sandbox.api.paging import PageQuery
from tone3000_sandbox.api.throttle import throttle_hook
from tone3000_sandbox.library import build_library
from tone3000_sandbox.settings import SandboxSettings
from tone3000_sandbox.state import SandboxState


def create_app(settings: SandboxSettings | None = None) -> Litestar:
    """The sandbox app; synthesizes its library now (well under a second).

    The app's state is reachable as `app.state.sandbox` (a `SandboxState`) for in-process tests.
    """
    settings = settings or SandboxSettings()
    sandbox = SandboxState.create(settings, build_library(settings.seed))
    api = Router(
        path=API_PREFIX,
        route_handlers=[OAuthController, DataController],
        before_request=throttle_hook(sandbox),
    )
    return Litestar(
        route_handlers=[api, AdminController],
        dependencies={
            "sandbox": Provide(lambda: sandbox, sync_to_thread=False),
            # resolved only by handlers that ask for `user`: the data endpoints
            "user": Provide(bearer_user, sync_to_thread=False),
            # the list endpoints' `page` and `page_size` query parameters
            "paging": Provide(PageQuery, sync_to_thread=False),
        },
        exception_handlers={ApiError: api_error_response},
        state=State({"sandbox": sandbox}),
        openapi_config=None,
    )
