/**
 * Confirm deleting an item, in a modal <dialog>: it says which chains use the item and that
 * they will no longer render. Focus starts on "Keep it"; Escape or Cancel closes it.
 */
import { useEffect, useId, useRef } from "react";
import { Link } from "react-router";

import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { kindLabel } from "./format";
import type { ChainView, GearItem } from "./types";
import { useChainsUsing, useDeleteGear } from "./useGear";
import "./DeleteGearDialog.css";

export interface DeleteGearDialogProps {
  item: GearItem;
  onClose: () => void;
  onDeleted: () => void;
}

function chainLink(chain: ChainView): string {
  return chain.group_id ? `/groups/${chain.group_id}` : `/chains/${chain.id}`;
}

export function DeleteGearDialog({ item, onClose, onDeleted }: DeleteGearDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const chains = useChainsUsing(item.id, true);
  const remove = useDeleteGear(item.id);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    keepRef.current?.focus();
    // no cleanup: removing the element ends the modal state (closing here would fire
    // `close`, and so onClose, after StrictMode's second mount)
  }, []);

  const users = chains.data ?? [];
  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-what`}
      onClose={onClose}
    >
      <h2 id={`${id}-title`}>Delete “{item.name}”?</h2>
      <p id={`${id}-what`}>
        This removes the {kindLabel(item.kind).toLowerCase()} <strong>{item.name}</strong> ({item.filename}) from your
        library.{item.source === "tone3000" ? " You can import it again from TONE3000." : ""}
      </p>
      <div aria-live="polite">
        {chains.isPending && <Loading what="the chains that use it" />}
        {chains.isError && <ErrorNote title="Could not check which chains use it" error={chains.error} />}
        {chains.isSuccess && users.length === 0 && <p className="muted">No signal chain uses it.</p>}
        {chains.isSuccess && users.length > 0 && (
          <div className="confirm-dialog__warning">
            <p>
              {users.length === 1 ? "This chain uses it" : `These ${users.length} chains use it`} and will no longer
              render until you replace it:
            </p>
            <ul>
              {users.map((chain) => (
                <li key={chain.id}>
                  <Link to={chainLink(chain)}>{chain.name}</Link>
                  {chain.group_id ? <span className="muted"> (in a group)</span> : null}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {remove.isError && <ErrorNote title="Not deleted" error={remove.error} />}
      <div className="actions confirm-dialog__actions">
        <button ref={keepRef} type="button" className="button" onClick={onClose}>
          Keep it
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate(undefined, { onSuccess: onDeleted })}
        >
          {remove.isPending ? "Deleting…" : `Delete ${item.name}`}
        </button>
      </div>
    </dialog>
  );
}
