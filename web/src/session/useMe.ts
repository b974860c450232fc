/** The signed-in user (null when signed out), kept fresh with the session. */
import { useQuery } from "@tanstack/react-query";

import { api, unwrap } from "../api/client";
import { csrfToken } from "../api/csrf";
import { ApiError } from "../api/problem";
import type { Schemas } from "../api/schemas";
import { session } from "../api/session";

export type Me = Schemas["Me"];

export const ME_KEY = ["me"] as const;

let renewedAtStart = false;

/**
 * Who is signed in. Without the CSRF cookie there is no session, and nothing is asked; with
 * it, the session is renewed first (which also starts the quiet refresh), so a page load
 * never meets an expired access token.
 */
async function whoAmI(): Promise<Me | null> {
  if (csrfToken() === null) return null;
  if (!renewedAtStart) {
    renewedAtStart = true;
    if ((await session.refresh()) === "signed-out") return null;
  }
  try {
    return unwrap(await api.GET("/api/v1/me"));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: whoAmI, staleTime: 5 * 60_000 });
}
