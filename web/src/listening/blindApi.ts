/**
 * A listener's blind session through the data layer. A visitor who is not signed in first
 * gets a listener cookie from the gateway; the session id is kept per shootout in this
 * browser, so a listener who already voted can read their reveal again.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, sessionFetch, unwrap } from "../api/client";
import { toApiError } from "../api/problem";
import type { BlindSession } from "./types";
import { useSessionQuery } from "./useSessionQuery";

export const blindKeys = {
  session: (sid: string) => ["listening", "session", sid] as const,
};

const STORE = "gts.listening.";

/** The blind session this browser last had for `shootoutId`, if any. */
export function rememberedSession(shootoutId: string): string | null {
  try {
    return localStorage.getItem(STORE + shootoutId);
  } catch {
    return null;
  }
}

function remember(session: BlindSession): void {
  try {
    localStorage.setItem(STORE + session.shootout_id, session.id);
  } catch {
    // private windows may refuse storage: the URL still carries the session
  }
}

/** A signed listener cookie for a visitor (the gateway keeps one it already gave). */
async function becomeListener(): Promise<void> {
  const response = await sessionFetch(new Request(`${location.origin}/api/v1/listener`, { method: "POST" }));
  if (!response.ok) throw toApiError(response.status, await response.json().catch(() => null));
}

/** Start (or get back) the caller's blind session of the shootout's latest render. */
export async function startBlind(shootoutId: string, signedIn: boolean): Promise<BlindSession> {
  if (!signedIn) await becomeListener();
  const session = unwrap(
    await api.POST("/api/v1/shootouts/{shootout_id}/listening", {
      params: { path: { shootout_id: shootoutId } },
      body: {},
    }),
  );
  remember(session);
  return session;
}

export function useBlindSession(sid: string | null) {
  return useSessionQuery(blindKeys.session(sid ?? ""), sid, async (id): Promise<BlindSession> =>
    unwrap(await api.GET("/api/v1/listening/{session_id}", { params: { path: { session_id: id } } })),
  );
}

/** The start as a mutation, so a page starts once and learns the session into the cache. */
export function useStartBlind(shootoutId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (signedIn: boolean) => startBlind(shootoutId, signedIn),
    onSuccess: (session) => client.setQueryData(blindKeys.session(session.id), session),
  });
}

export interface VoteBody {
  ratings: Record<string, number>;
  favourite: string;
}

export function useVote(sid: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: VoteBody): Promise<BlindSession> =>
      unwrap(await api.POST("/api/v1/listening/{session_id}/vote", { params: { path: { session_id: sid } }, body })),
    onSuccess: (session) => {
      client.setQueryData(blindKeys.session(session.id), session);
      remember(session);
    },
  });
}

/** Forget the remembered session (it is gone, or belongs to another listener). */
export function forgetSession(shootoutId: string): void {
  try {
    localStorage.removeItem(STORE + shootoutId);
  } catch {
    // nothing stored
  }
}
