/** A small form's submit button, which reads "Saving…" while the save runs, and its Cancel button. */
export function SaveCancel({ label, pending, onCancel }: { label: string; pending: boolean; onCancel: () => void }) {
  return (
    <div className="actions">
      <button type="submit" className="button button--primary button--small" disabled={pending}>
        {pending ? "Saving…" : label}
      </button>
      <button type="button" className="button button--small button--quiet" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
