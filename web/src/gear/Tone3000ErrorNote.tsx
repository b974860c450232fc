/** A TONE3000 failure in words, with what to do: wait and retry, or sign in again. */
import { useEffect, useState } from "react";
import { useLocation } from "react-router";

import { signInUrl } from "../api/session";
import { tone3000Advice } from "./tone3000Errors";
import "./Tone3000ErrorNote.css";

export function Tone3000ErrorNote({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const advice = tone3000Advice(error);
  const location = useLocation();
  const [wait, setWait] = useState(advice.retryAfter ?? 0);

  useEffect(() => {
    setWait(advice.retryAfter ?? 0);
  }, [error, advice.retryAfter]);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  return (
    <div className="error-note tone3000-error" role="alert">
      <p className="tone3000-error__what">
        {title && <strong>{title}: </strong>}
        {advice.what}
      </p>
      {advice.next && <p className="tone3000-error__next">{advice.next}</p>}
      {advice.action === "retry" && onRetry && (
        <button type="button" className="button button--small" disabled={wait > 0} onClick={onRetry}>
          {wait > 0 ? `Try again in ${wait} s` : "Try again"}
        </button>
      )}
      {advice.action === "sign-in" && (
        <a className="button button--primary button--small" href={signInUrl(location.pathname + location.search)}>
          Sign in with TONE3000 again
        </a>
      )}
    </div>
  );
}
