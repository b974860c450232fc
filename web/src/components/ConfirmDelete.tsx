/** A delete button that asks once more in place ("Delete X?" Yes / Keep it), then shows failures in words. */
import { useEffect, useRef, useState } from "react";

import { ErrorNote } from "./ErrorNote";
import "./ConfirmDelete.css";

export function ConfirmDelete({
  what,
  question,
  onConfirm,
  pending,
  error,
  showError = true,
}: {
  /** the thing's name, for labels */
  what: string;
  /** what is asked; by default "Delete “what”?" */
  question?: string;
  onConfirm: () => void;
  pending: boolean;
  error: unknown;
  /** false when the caller explains a refusal itself */
  showError?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) yes.current?.focus();
    else if (wasAsking.current) start.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  return (
    <div className="confirm-delete">
      {asking ? (
        <span className="confirm-delete__ask" role="group" aria-label={`Delete ${what}?`}>
          <span>{question ?? `Delete “${what}”?`}</span>
          <button
            ref={yes}
            type="button"
            className="button button--small button--danger"
            disabled={pending}
            onClick={() => {
              onConfirm();
              setAsking(false);
            }}
          >
            {pending ? "Deleting…" : "Yes, delete"}
          </button>
          <button type="button" className="button button--small button--quiet" onClick={() => setAsking(false)}>
            Keep it
          </button>
        </span>
      ) : (
        <button
          ref={start}
          type="button"
          className="button button--small button--danger"
          aria-label={`Delete ${what}`}
          disabled={pending}
          onClick={() => setAsking(true)}
        >
          {pending ? "Deleting…" : "Delete"}
        </button>
      )}
      {showError && error != null && <ErrorNote error={error} title={`“${what}” was not deleted`} />}
    </div>
  );
}
