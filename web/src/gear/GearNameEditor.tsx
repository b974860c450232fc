/** The item's name as a heading, renamed in place; the API's error shows at the field. */
import { useEffect, useId, useRef, useState } from "react";

import { ApiError, describe } from "../api/problem";
import type { GearItem } from "./types";
import { useUpdateGear } from "./useGear";

export function GearNameEditor({ item, headingId }: { item: GearItem; headingId: string }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(item.name);
  const update = useUpdateGear(item.id);
  const inputRef = useRef<HTMLInputElement>(null);
  const renameRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const id = useId();

  useEffect(() => {
    if (editing) inputRef.current?.select();
    else if (returnFocus.current) {
      returnFocus.current = false;
      renameRef.current?.focus();
    }
  }, [editing]);

  const stop = () => {
    returnFocus.current = true;
    setEditing(false);
    update.reset();
  };

  if (!editing) {
    return (
      <div className="gear-name">
        <h3 id={headingId} className="gear-name__text">
          {item.name}
        </h3>
        <button
          ref={renameRef}
          type="button"
          className="button button--quiet button--small"
          aria-label={`Rename ${item.name}`}
          onClick={() => {
            setName(item.name);
            setEditing(true);
          }}
        >
          Rename
        </button>
      </div>
    );
  }

  const error =
    update.error instanceof ApiError
      ? (update.error.fieldError("name") ?? describe(update.error))
      : update.error
        ? describe(update.error)
        : undefined;
  return (
    <form
      className="gear-name gear-name--editing"
      onSubmit={(e) => {
        e.preventDefault();
        if (name === item.name) return stop();
        update.mutate({ name }, { onSuccess: stop });
      }}
    >
      <h3 id={headingId} className="visually-hidden">
        {item.name}
      </h3>
      <div className={error ? "field field--invalid" : "field"}>
        <label htmlFor={`${id}-name`}>New name for {item.name}</label>
        <input
          ref={inputRef}
          id={`${id}-name`}
          value={name}
          maxLength={200}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              stop();
            }
          }}
        />
        {error && (
          <small id={`${id}-error`} className="field__error" role="alert">
            {error}
          </small>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary button--small" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save name"}
        </button>
        <button type="button" className="button button--quiet button--small" onClick={stop}>
          Cancel
        </button>
      </div>
    </form>
  );
}
