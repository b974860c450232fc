/** A number box beside a slider: the text as typed, a valid number passed on, a wrong one's reason shown until the box is left. */
import { useEffect, useState } from "react";

export type Checked = { value: number } | { error: string };

export function useTypedNumber(value: number, check: (text: string) => Checked, onChange: (value: number) => void) {
  const [text, setText] = useState(String(value));
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => setText(String(value)), [value]);

  const typed = (next: string) => {
    setText(next);
    const checked = check(next);
    if ("value" in checked) {
      setLocal(null);
      onChange(checked.value);
    } else {
      setLocal(checked.error);
    }
  };
  /** leaving the box puts back the last good value over a wrong one */
  const leave = () => {
    if (local) {
      setLocal(null);
      setText(String(value));
    }
  };
  return { text, local, typed, leave };
}
