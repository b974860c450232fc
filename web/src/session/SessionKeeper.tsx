/**
 * Watches the session while the app is open (the quiet refreshes start with the first one,
 * in useMe). When the session can no longer be renewed, a user who was signed in is sent to
 * sign in and comes back to the page they were on.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

import { whenSignedOut } from "../api/client";
import { withCsrf } from "../api/csrf";
import { session, signInUrl } from "../api/session";
import { ME_KEY } from "./useMe";

export function SessionKeeper({ signedIn }: { signedIn: boolean }) {
  const queryClient = useQueryClient();

  useEffect(() => {
    whenSignedOut(() => {
      const wasSignedIn = Boolean(queryClient.getQueryData(ME_KEY));
      queryClient.setQueryData(ME_KEY, null);
      if (wasSignedIn) window.location.assign(signInUrl(window.location.pathname + window.location.search));
    });
  }, [queryClient]);

  useEffect(() => {
    if (!signedIn) session.stop();
  }, [signedIn]);

  return null;
}

export async function signOut(): Promise<void> {
  session.stop();
  await fetch("/auth/logout", {
    method: "POST",
    credentials: "same-origin",
    headers: withCsrf("POST", new Headers()),
  }).catch(() => undefined);
  window.location.assign("/");
}
