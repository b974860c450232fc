/** A block card's Move up, Move down and Remove buttons; `label` is what they call the block. */
export interface BlockActionsProps {
  label: string;
  index: number;
  /** blocks in the list */
  count: number;
  onMove: (to: number, how: "up" | "down") => void;
  onRemove: () => void;
}

export function BlockActions({ label, index, count, onMove, onRemove }: BlockActionsProps) {
  return (
    <div className="block-card__actions">
      <button
        type="button"
        className="button button--small button--quiet"
        data-move="up"
        disabled={index === 0}
        aria-label={`Move ${label} up`}
        onClick={() => onMove(index - 1, "up")}
      >
        ↑<span className="block-card__action-text"> Up</span>
      </button>
      <button
        type="button"
        className="button button--small button--quiet"
        data-move="down"
        disabled={index === count - 1}
        aria-label={`Move ${label} down`}
        onClick={() => onMove(index + 1, "down")}
      >
        ↓<span className="block-card__action-text"> Down</span>
      </button>
      <button type="button" className="button button--small button--danger" aria-label={`Remove ${label}`} onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}
