/** The passage a long recording's A/B player holds, and moving it along the recording. */
import { useState } from "react";

import { formatTime } from "../components/waveformTime";
import type { Passage } from "./abPassage";

export interface AbPassageProps {
  passage: Passage;
  /** Sources are loading: nothing to move yet. */
  busy: boolean;
  onMove: (start: number) => void;
}

export function AbPassage({ passage, busy, onMove }: AbPassageProps) {
  const { start, length, total } = passage;
  const last = Math.max(0, Math.floor(total - length));
  // the slider's value until it is loaded; a passage loaded elsewhere (the buttons) resets it
  const [pending, setPending] = useState({ for: start, value: start });
  const chosen = pending.for === start ? pending.value : start;
  const span = (from: number) => `${formatTime(from)}–${formatTime(Math.min(from + length, total))}`;
  return (
    <div className="ab-player__passage">
      <p className="muted">
        A long recording: every chain is held {formatTime(length)} at a time. Playing <strong>{span(start)}</strong> of{" "}
        {formatTime(total)}.
      </p>
      <div className="ab-player__passage-controls">
        <button type="button" className="button button--small" disabled={busy || start <= 0} onClick={() => onMove(start - length)}>
          ← Earlier passage
        </button>
        <input
          type="range"
          min={0}
          max={last}
          step={1}
          value={chosen}
          disabled={busy}
          aria-label="Start of the passage to load"
          aria-valuetext={span(chosen)}
          onChange={(event) => setPending({ for: start, value: Number(event.target.value) })}
        />
        <button
          type="button"
          className="button button--small"
          disabled={busy || chosen === start}
          onClick={() => onMove(chosen)}
        >
          Load {span(chosen)}
        </button>
        <button type="button" className="button button--small" disabled={busy || start >= last} onClick={() => onMove(start + length)}>
          Later passage →
        </button>
      </div>
    </div>
  );
}
