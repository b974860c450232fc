/** A delete button that asks once more in place ("Delete X?" Yes / Keep it), then shows failures in words. */
import { ConfirmAction } from "./ConfirmAction";

export function ConfirmDelete({
  what,
  question,
  onConfirm,
  pending,
  error,
  showError = true,
}: {
  /** the thing's name, for labels */
  what: string;
  /** what is asked; by default "Delete “what”?" */
  question?: string;
  onConfirm: () => void;
  pending: boolean;
  error: unknown;
  /** false when the caller explains a refusal itself */
  showError?: boolean;
}) {
  return (
    <ConfirmAction
      label={`Delete ${what}`}
      shortLabel="Delete"
      question={question ?? `Delete “${what}”?`}
      yes="Yes, delete"
      no="Keep it"
      pendingLabel="Deleting…"
      failed={`“${what}” was not deleted`}
      onConfirm={onConfirm}
      pending={pending}
      error={error}
      showError={showError}
    />
  );
}
