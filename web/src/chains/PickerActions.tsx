/** A block picker's Add button (its children say what it adds) and its Cancel button. */
export interface PickerActionsProps {
  children: React.ReactNode;
  disabled?: boolean;
  onAdd: () => void;
  onCancel: () => void;
}

export function PickerActions({ children, disabled, onAdd, onCancel }: PickerActionsProps) {
  return (
    <div className="actions">
      <button type="button" className="button button--primary" disabled={disabled} onClick={onAdd}>
        {children}
      </button>
      <button type="button" className="button button--quiet" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
