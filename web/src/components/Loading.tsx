/** A polite "loading" line for screen readers and eyes alike. */
import "./Loading.css";

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="loading__spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}
