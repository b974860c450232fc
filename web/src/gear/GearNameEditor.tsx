/** The item's name as a heading, renamed in place; the API's error shows at the field. */
import { useEffect, useId, useRef, useState } from "react";

import { errorAt } from "../api/problem";
import { SaveCancel } from "../components/SaveCancel";
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

  const error = errorAt(update.error, "name");
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
      <SaveCancel label="Save name" pending={update.isPending} onCancel={stop} />
    </form>
  );
}
