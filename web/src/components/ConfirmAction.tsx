/**
 * A button that asks once more in place ("Question?" Yes / No), then shows failures in words:
 * for a step that cannot be taken back (deleting, revealing a blind test to everyone).
 */
import { useEffect, useRef, useState } from "react";

import { ErrorNote } from "./ErrorNote";
import "./ConfirmDelete.css";

export interface ConfirmActionProps {
  /** the button's words, and its accessible name */
  label: string;
  /** the button's words when they are shorter than `label` */
  shortLabel?: string;
  /** what is asked */
  question: string;
  /** the yes button's words */
  yes: string;
  /** the no button's words */
  no: string;
  /** the button's words while the step runs */
  pendingLabel: string;
  /** the title of the note a failure shows */
  failed: string;
  onConfirm: () => void;
  pending: boolean;
  error: unknown;
  /** false when the caller explains a refusal itself */
  showError?: boolean;
  /** `button--danger` for a loss, `button--primary` otherwise */
  tone?: "danger" | "primary";
}

export function ConfirmAction({
  label,
  shortLabel,
  question,
  yes,
  no,
  pendingLabel,
  failed,
  onConfirm,
  pending,
  error,
  showError = true,
  tone = "danger",
}: ConfirmActionProps) {
  const [asking, setAsking] = useState(false);
  const yesButton = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) yesButton.current?.focus();
    else if (wasAsking.current) start.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  const look = `button button--small button--${tone}`;
  return (
    <div className="confirm-delete">
      {asking ? (
        <span className="confirm-delete__ask" role="group" aria-label={`${label}?`}>
          <span>{question}</span>
          <button
            ref={yesButton}
            type="button"
            className={look}
            disabled={pending}
            onClick={() => {
              onConfirm();
              setAsking(false);
            }}
          >
            {pending ? pendingLabel : yes}
          </button>
          <button type="button" className="button button--small button--quiet" onClick={() => setAsking(false)}>
            {no}
          </button>
        </span>
      ) : (
        <button
          ref={start}
          type="button"
          className={look}
          aria-label={shortLabel ? label : undefined}
          disabled={pending}
          onClick={() => setAsking(true)}
        >
          {pending ? pendingLabel : (shortLabel ?? label)}
        </button>
      )}
      {showError && error != null && <ErrorNote error={error} title={failed} />}
    </div>
  );
}
