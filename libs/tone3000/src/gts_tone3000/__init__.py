"""TONE3000 API v1 client: OAuth, paginated data endpoints, rate limit and retries."""

from gts_tone3000.client import Tone3000Client
from gts_tone3000.clock import Clock, SystemClock
from gts_tone3000.config import DEFAULT_BASE_URL, Tone3000Config
from gts_tone3000.errors import (
    Tone3000DownloadTooLargeError,
    Tone3000Error,
    Tone3000GrantError,
    Tone3000RateLimited,
    Tone3000Unauthorized,
)
from gts_tone3000.limiter import SlidingWindowLimiter
from gts_tone3000.origin import same_site
from gts_tone3000.pkce import authorize_url, new_pkce_pair, new_state
from gts_tone3000.retry_after import retry_after_seconds
from gts_tone3000.shapes import Model, Named, Page, Tone, User, UserRef
from gts_tone3000.tokens import TokenSet
from gts_tone3000.user_api import (
    LIST_PAGE_SIZE_MAX,
    SEARCH_PAGE_SIZE_MAX,
    SearchSort,
    Tone3000UserApi,
)
from gts_tone3000.vocabulary import (
    ARCHITECTURES,
    DEFAULT_ARCHITECTURES,
    GEARS,
    SIZES,
    TONE_FORMATS,
    Architecture,
    Gear,
    Size,
    ToneFormat,
)

__all__ = [
    "ARCHITECTURES",
    "DEFAULT_ARCHITECTURES",
    "DEFAULT_BASE_URL",
    "GEARS",
    "LIST_PAGE_SIZE_MAX",
    "SEARCH_PAGE_SIZE_MAX",
    "SIZES",
    "TONE_FORMATS",
    "Architecture",
    "Clock",
    "Gear",
    "Model",
    "Named",
    "Page",
    "SearchSort",
    "Size",
    "SlidingWindowLimiter",
    "SystemClock",
    "TokenSet",
    "Tone",
    "Tone3000Client",
    "Tone3000Config",
    "Tone3000DownloadTooLargeError",
    "Tone3000Error",
    "Tone3000GrantError",
    "Tone3000RateLimited",
    "Tone3000Unauthorized",
    "Tone3000UserApi",
    "ToneFormat",
    "User",
    "UserRef",
    "authorize_url",
    "new_pkce_pair",
    "new_state",
    "retry_after_seconds",
    "same_site",
]
