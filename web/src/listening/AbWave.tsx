/**
 * The waveform of the source heard, as the A/B player's seek slider: a click seeks, a drag
 * draws a loop region; focused, the arrows, Page Up/Down, Home and End seek. The part played
 * (up to the playhead line) is sized by the player each frame through `headRef`, not by
 * rendering.
 */
import { useEffect, useRef, useState } from "react";

import { seekSlider, seekTarget } from "../components/waveformTime";
import { drawPeaks, peaksFor } from "./abWave";
import { timeAtX, type Loop } from "./abTime";

/** Pixels a pointer must move before a press is a drag (a loop) rather than a click (a seek). */
const DRAG_PX = 4;

export interface AbWaveProps {
  buffer: AudioBuffer | null;
  /** seconds */
  duration: number;
  loop: Loop | null;
  label: string;
  headRef: React.RefObject<HTMLDivElement | null>;
  sliderRef: React.RefObject<HTMLDivElement | null>;
  /** seconds, now (for the keys) */
  playhead: () => number;
  onSeek: (seconds: number) => void;
  onLoop: (from: number, to: number) => void;
}

const percent = (seconds: number, duration: number) => `${duration > 0 ? (100 * seconds) / duration : 0}%`;

export function AbWave({ buffer, duration, loop, label, headRef, sliderRef, playhead, onSeek, onLoop }: AbWaveProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const press = useRef<{ x: number; dragging: boolean } | null>(null);
  const [draft, setDraft] = useState<Loop | null>(null);

  useEffect(() => {
    const element = canvas.current;
    if (!element || !buffer) return;
    const colour = getComputedStyle(element).getPropertyValue("--ab-wave").trim() || "#6b7488";
    const draw = () => drawPeaks(element, peaksFor(buffer), colour);
    draw();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(draw);
    observer.observe(element);
    return () => observer.disconnect();
  }, [buffer]);

  const timeOf = (event: React.PointerEvent) => {
    const box = event.currentTarget.getBoundingClientRect();
    return timeAtX(event.clientX - box.left, box.width, duration);
  };

  const onPointerDown = (event: React.PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || duration <= 0) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    press.current = { x: event.clientX, dragging: false };
  };
  const onPointerMove = (event: React.PointerEvent<HTMLDivElement>) => {
    const held = press.current;
    if (!held) return;
    if (!held.dragging && Math.abs(event.clientX - held.x) < DRAG_PX) return;
    held.dragging = true;
    const box = event.currentTarget.getBoundingClientRect();
    const from = timeAtX(held.x - box.left, box.width, duration);
    const to = timeOf(event);
    setDraft({ start: Math.min(from, to), end: Math.max(from, to) });
  };
  const onPointerUp = (event: React.PointerEvent<HTMLDivElement>) => {
    const held = press.current;
    press.current = null;
    setDraft(null);
    if (!held) return;
    if (!held.dragging) return onSeek(timeOf(event));
    const box = event.currentTarget.getBoundingClientRect();
    onLoop(timeAtX(held.x - box.left, box.width, duration), timeOf(event));
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "ArrowUp" || event.key === "ArrowDown") return;
    const target = seekTarget(event.key, event.shiftKey, playhead(), duration);
    if (target === null) return;
    event.preventDefault();
    onSeek(target);
  };

  const shown = draft ?? loop;
  return (
    <div
      ref={sliderRef}
      className="ab-wave"
      {...seekSlider(label, Math.round(duration * 10) / 10, 0)}
      data-loading={buffer ? undefined : "true"}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => {
        press.current = null;
        setDraft(null);
      }}
      onKeyDown={onKeyDown}
    >
      <canvas ref={canvas} className="ab-wave__canvas" aria-hidden="true" />
      {shown && (
        <div
          className={draft ? "ab-wave__loop ab-wave__loop--draft" : "ab-wave__loop"}
          style={{ left: percent(shown.start, duration), width: percent(shown.end - shown.start, duration) }}
          aria-hidden="true"
        />
      )}
      <div ref={headRef} className="ab-wave__head" aria-hidden="true" />
    </div>
  );
}
