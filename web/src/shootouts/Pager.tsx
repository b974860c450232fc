/** Previous / next through a paged list, saying where the reader is. */
export function Pager({
  offset,
  limit,
  total,
  onOffset,
  what,
}: {
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
  what: string;
}) {
  if (total <= limit) return null;
  const last = Math.min(total, offset + limit);
  return (
    <nav className="actions pager" aria-label={`Pages of ${what}`}>
      <button type="button" className="button button--small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        Previous
      </button>
      <span className="muted">
        {offset + 1}–{last} of {total}
      </span>
      <button type="button" className="button button--small" disabled={last >= total} onClick={() => onOffset(offset + limit)}>
        Next
      </button>
    </nav>
  );
}
