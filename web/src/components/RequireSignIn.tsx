/** Pages of one's own: shown signed in; otherwise a way to sign in that comes back here. */
import type { UseQueryResult } from "@tanstack/react-query";
import { useLocation } from "react-router";

import { signInUrl } from "../api/session";
import type { Me } from "../session/useMe";
import { ErrorNote } from "./ErrorNote";
import { Loading } from "./Loading";

export function RequireSignIn({ me, children }: { me: UseQueryResult<Me | null>; children: React.ReactNode }) {
  const location = useLocation();
  if (me.isPending) return <Loading what="your session" />;
  if (me.isError) return <ErrorNote error={me.error} />;
  if (!me.data) {
    return (
      <section className="panel signin-needed">
        <h1>Sign in to continue</h1>
        <p>This page shows your own gear, DI tracks, chains and shootouts.</p>
        <a className="button button--primary" href={signInUrl(location.pathname + location.search)}>
          Sign in with TONE3000
        </a>
      </section>
    );
  }
  return <>{children}</>;
}
