"""The request type the sandbox's handlers take."""

from typing import Any

from litestar import Request
from litestar.datastructures import State

# any user/auth types: the sandbox reads headers, forms and URLs only
Req = Request[Any, Any, State]
