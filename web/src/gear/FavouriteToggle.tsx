/** The star: a toggle button that marks an item as a favourite. */
import { describe } from "../api/problem";
import type { GearItem } from "./types";
import { useUpdateGear } from "./useGear";

export function FavouriteToggle({ item }: { item: GearItem }) {
  const update = useUpdateGear(item.id);
  const on = update.isPending ? !item.favourite : item.favourite;
  return (
    <>
      <button
        type="button"
        className={on ? "favourite favourite--on" : "favourite"}
        aria-pressed={on}
        aria-label={`Favourite ${item.name}`}
        title={on ? "Favourite (click to unmark)" : "Mark as favourite"}
        disabled={update.isPending}
        onClick={() => update.mutate({ favourite: !item.favourite })}
      >
        <span aria-hidden="true">{on ? "★" : "☆"}</span>
      </button>
      {update.isError && (
        <span className="field__error" role="alert">
          {describe(update.error)}
        </span>
      )}
    </>
  );
}
