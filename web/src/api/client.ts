/**
 * The API client: typed from the gateway's OpenAPI (schema.d.ts is generated, never edited).
 * Requests ride on the session cookies, echo the CSRF token, and on a 401 refresh the session
 * once and retry; when that fails the app asks the user to sign in again.
 */
import createClient from "openapi-fetch";

import { csrfToken, withCsrf } from "./csrf";
import { toApiError } from "./problem";
import type { paths } from "./schema";
import { session } from "./session";

/** Called when the session cannot be renewed: the app sends the user to sign in. */
let onSignedOut: () => void = () => {};
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

function isAuthPath(url: string): boolean {
  return new URL(url, location.origin).pathname.startsWith("/auth/");
}

/** fetch with the CSRF header, refreshing the session once on a 401. */
export async function sessionFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  withCsrf(request.method, request.headers);
  const sentAt = Date.now();
  const response = await fetch(request);
  // no CSRF cookie means no session to renew (it lives as long as the refresh token)
  if (response.status !== 401 || isAuthPath(request.url) || csrfToken() === null) return response;
  const outcome = await session.refresh(sentAt);
  if (outcome !== "refreshed") {
    if (outcome === "signed-out") onSignedOut();
    return response;
  }
  withCsrf(retry.method, retry.headers); // the refresh set a new CSRF cookie
  return fetch(retry);
}

export const api = createClient<paths>({
  baseUrl: location.origin,
  credentials: "same-origin",
  fetch: sessionFetch,
});

/** The data of an openapi-fetch result, or throw its problem as an ApiError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw toApiError(result.response.status, result.error);
  }
  return result.data as T;
}
