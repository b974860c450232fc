/** One thing to tick in a picker: its name and facts, and anything more below them. */
export function PickerItem({
  name,
  facts,
  blocked = false,
  children,
  ...checkbox
}: {
  name: string;
  facts: string;
  /** cannot be picked now: shown dimmed (the caller disables its box) */
  blocked?: boolean;
  children?: React.ReactNode;
  checked: boolean;
  disabled?: boolean;
  "aria-describedby"?: string | undefined;
  onChange: (event: React.ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <label className={blocked ? "picker__item picker__item--blocked" : "picker__item"}>
      <input type="checkbox" {...checkbox} />
      <span>
        <span className="picker__name">{name}</span>
        <span className="picker__facts muted">{facts}</span>
        {children}
      </span>
    </label>
  );
}
