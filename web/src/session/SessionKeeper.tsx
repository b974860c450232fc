/**
 * Keeps the session alive while the app is open: one quiet refresh at start (which says how
 * long the access token lives) and then before each expiry. When the session is gone, the
 * user is sent to sign in and comes back to the page they were on.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useLocation } from "react-router";

import { whenSignedOut } from "../api/client";
import { withCsrf } from "../api/csrf";
import { session, signInUrl } from "../api/session";
import { ME_KEY } from "./useMe";

export function SessionKeeper({ signedIn }: { signedIn: boolean }) {
  const location = useLocation();
  const queryClient = useQueryClient();
  const here = location.pathname + location.search;

  useEffect(() => {
    whenSignedOut(() => {
      const wasSignedIn = Boolean(queryClient.getQueryData(ME_KEY));
      queryClient.setQueryData(ME_KEY, null);
      if (wasSignedIn) window.location.assign(signInUrl(window.location.pathname + window.location.search));
    });
  }, [queryClient]);

  useEffect(() => {
    if (!signedIn) return;
    void session.refresh();
    return () => session.stop();
  }, [signedIn]);

  useEffect(() => {
    if (signedIn) sessionStorage.setItem("gts-last-page", here);
  }, [signedIn, here]);

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
