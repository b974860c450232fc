/** One ABX trial: A, B and this trial's X in the A/B player, and the answer (buttons, or the
 * keys A and B). The last answer's outcome is said briefly above. */
import { useEffect } from "react";

import { ErrorNote } from "../components/ErrorNote";
import { AbPlayer } from "./AbPlayer";
import type { AbxAnswered, AbxRun } from "./types";

export function AbxTrialView({
  run,
  labelA,
  labelB,
  last,
  onAnswer,
  pending,
  error,
}: {
  run: AbxRun;
  labelA: string;
  labelB: string;
  last: AbxAnswered | null;
  onAnswer: (answer: "A" | "B") => void;
  pending: boolean;
  error: unknown;
}) {
  const n = run.current ?? run.trials;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || pending) return;
      const target = e.target as HTMLElement | null;
      if (target && ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName)) return;
      const key = e.key.toUpperCase();
      if (key === "A" || key === "B") {
        e.preventDefault();
        onAnswer(key);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onAnswer, pending]);

  const sources = [
    { key: "A", label: `A · ${labelA}`, url: run.audio.A ?? "" },
    { key: "B", label: `B · ${labelB}`, url: run.audio.B ?? "" },
    { key: "X", label: "X", url: run.x_url ?? "" },
  ];
  return (
    <section className="panel abx-trial" aria-labelledby="abx-trial-title">
      <div className="abx-trial__head">
        <h2 id="abx-trial-title">
          Trial {n} of {run.trials}
        </h2>
        <progress max={run.trials} value={run.answered.length} aria-label="Trials answered" />
      </div>
      <p className="abx-trial__last" aria-live="polite">
        {last &&
          (last.correct ? (
            <span className="abx-trial__right">Trial {last.n}: right, X was {last.x}.</span>
          ) : (
            <span className="abx-trial__wrong">Trial {last.n}: wrong, X was {last.x}.</span>
          ))}
      </p>
      <AbPlayer sources={sources} title={`Trial ${n}: A, B and X`} />
      <div className="abx-trial__answer" role="group" aria-label="Your answer">
        <button type="button" className="button button--primary" disabled={pending} onClick={() => onAnswer("A")}>
          X is A <kbd>A</kbd>
        </button>
        <button type="button" className="button button--primary" disabled={pending} onClick={() => onAnswer("B")}>
          X is B <kbd>B</kbd>
        </button>
      </div>
      {error !== null && error !== undefined && <ErrorNote error={error} title="The answer was not taken" />}
    </section>
  );
}
