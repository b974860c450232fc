/**
 * The owner's step that ends a blind test for everyone: the shared page then names each
 * chain's letter and lists each chain's files. Asked once more; a new render starts hidden again.
 */
import { ConfirmAction } from "../components/ConfirmAction";
import { useReveal } from "./api";
import { formatWhen } from "./format";
import type { Shootout } from "./types";

export function RevealToEveryone({ shootout }: { shootout: Shootout }) {
  const reveal = useReveal(shootout.id);
  if (shootout.revealed_at) {
    return (
      <p className="muted" role="status">
        Revealed to everyone <time dateTime={shootout.revealed_at}>{formatWhen(shootout.revealed_at)}</time>: the
        shared page names each letter’s chain. A new render shuffles the letters and starts hidden again.
      </p>
    );
  }
  return (
    <div className="results__reveal-all">
      <p className="muted">
        {shootout.visibility === "private"
          ? "Once you share it, visitors guess blind."
          : "Visitors guess blind: the shared page names no chain."}{" "}
        When the guessing is done, show everyone which letter is which chain.
      </p>
      <ConfirmAction
        label="Reveal to everyone"
        question="Show everyone which letter is which chain? This cannot be hidden again for this render."
        yes="Yes, reveal"
        no="Not yet"
        pendingLabel="Revealing…"
        failed="The chains were not revealed"
        tone="primary"
        onConfirm={() => reveal.mutate()}
        pending={reveal.isPending}
        error={reveal.error}
      />
    </div>
  );
}
