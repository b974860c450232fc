/**
 * A text box bound to a value kept elsewhere (the URL): typing shows at once and is committed
 * after a pause; a change from outside (back, reload, "clear") replaces what is shown.
 */
import { useEffect, useRef, useState } from "react";

export function useDebouncedText(value: string, commit: (text: string) => void, delayMs = 350) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latestCommit = useRef(commit);
  latestCommit.current = commit;

  useEffect(() => {
    setText(value);
  }, [value]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const change = (next: string) => {
    setText(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => latestCommit.current(next), delayMs);
  };
  /** Commit now (Enter). */
  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    latestCommit.current(text);
  };
  return { text, change, flush };
}
