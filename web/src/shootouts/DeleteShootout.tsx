/** Delete, asked twice: the shootout and its rendered files go for good. */
import { useState } from "react";
import { useNavigate } from "react-router";

import { describe } from "../api/problem";
import { useDeleteShootout } from "./api";

export function DeleteShootout({ id, name }: { id: string; name: string }) {
  const [asking, setAsking] = useState(false);
  const remove = useDeleteShootout(id);
  const navigate = useNavigate();
  if (!asking) {
    return (
      <button type="button" className="button button--danger" onClick={() => setAsking(true)}>
        Delete
      </button>
    );
  }
  return (
    <div className="delete-shootout" role="group" aria-label="Confirm deletion">
      <span>Delete “{name}” and its rendered files?</span>
      <button
        type="button"
        className="button button--danger"
        autoFocus
        disabled={remove.isPending}
        onClick={() => remove.mutate(undefined, { onSuccess: () => void navigate("/shootouts") })}
      >
        {remove.isPending ? "Deleting…" : "Yes, delete it"}
      </button>
      <button type="button" className="button button--quiet" onClick={() => setAsking(false)}>
        Keep it
      </button>
      {remove.isError && (
        <span className="error-note" role="alert">
          {describe(remove.error)}
        </span>
      )}
    </div>
  );
}
