"""The sandbox's sign-in page: pick a sandbox user, approve or cancel."""

from __future__ import annotations

from html import escape

from tone3000_sandbox.library import Library

# browsers ask every site for /favicon.ico; an empty data: icon spares them a 404
NO_FAVICON = '<link rel="icon" href="data:,">'


def sign_in_page(
    library: Library, form_action: str, *, error: str | None, login_hint: str | None,
    select_tone: bool,
) -> str:  # fmt: skip
    """HTML with one form that POSTs `username` (and `tone_id` for a select prompt)."""
    # the hinted user is picked; without a hint, the first one, so "Sign in" just works
    chosen = login_hint or (library.users[0].username if library.users else None)
    users = "".join(
        f'<li><label><input type="radio" name="username" value="{escape(u.username)}"'
        f"{' checked' if u.username == chosen else ''}> {escape(u.username)}"
        f" ({escape(u.display_name)})</label></li>"
        for u in library.users
    )
    tone_picker = ""
    if select_tone:
        options = "".join(
            f'<option value="{t.id}">{escape(t.title)}</option>'
            for t in library.tones.values()
            if t.is_public
        )
        tone_picker = f'<p><label>Tone <select name="tone_id">{options}</select></label></p>'
    notice = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">{NO_FAVICON}'
        "<title>TONE3000 sandbox: sign in</title></head><body><h1>TONE3000 sandbox</h1>"
        "<p>Sign in as one of the sandbox users to let the application use your library.</p>"
        f'{notice}<form method="post" action="{escape(form_action)}"><ul>{users}</ul>'
        f"{tone_picker}"
        '<button type="submit" name="action" value="approve">Sign in and allow</button> '
        '<button type="submit" name="action" value="cancel">Cancel</button>'
        "</form></body></html>"
    )


def error_page(message: str) -> str:
    """HTML for a request that cannot be redirected back (bad client_id or redirect_uri)."""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">{NO_FAVICON}'
        "<title>TONE3000 sandbox: error</title></head>"
        f'<body><h1>Cannot sign in</h1><p role="alert">{escape(message)}</p>'
        "</body></html>"
    )
