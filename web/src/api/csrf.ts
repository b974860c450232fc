/** The double-submit CSRF token: the `gts_csrf` cookie, echoed in `X-CSRF-Token` on unsafe requests. */
export const CSRF_HEADER = "X-CSRF-Token";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function csrfToken(cookies: string = document.cookie): string | null {
  const match = /(?:^|;\s*)gts_csrf=([^;]*)/.exec(cookies);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/** Headers for a request with `method`: the CSRF token when the method changes state. */
export function withCsrf(method: string, headers: Headers, cookies?: string): Headers {
  if (!SAFE.has(method.toUpperCase())) {
    const token = csrfToken(cookies);
    if (token) headers.set(CSRF_HEADER, token);
  }
  return headers;
}
