/** Pick 1 to 4 DI tracks: the performances every chain plays. */
import { Link } from "react-router";

import { formatClock } from "./format";
import { LIMITS } from "./form";
import type { DiTrack } from "./types";

export function DiPicker({
  tracks,
  chosen,
  onChange,
  error,
}: {
  tracks: DiTrack[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  const full = chosen.length >= LIMITS.dis.max;
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  const missing = chosen.filter((id) => !tracks.some((t) => t.id === id));
  return (
    <fieldset
      className={error ? "picker picker--invalid" : "picker"}
      aria-describedby={`di-hint${error ? " di-error" : ""}`}
      data-invalid={error ? "true" : undefined}
    >
      <legend>DI tracks</legend>
      <p id="di-hint" className="field__hint">
        Pick 1 to {LIMITS.dis.max}: every chain plays each of them.
      </p>
      {tracks.length === 0 ? (
        <p className="empty">
          You have no DI tracks yet. <Link to="/di-tracks">Upload a DI recording</Link> first.
        </p>
      ) : (
        <ul className="picker__list">
          {tracks.map((track) => {
            const on = chosen.includes(track.id);
            const facts = [formatClock(track.duration_seconds), track.guitar, track.pickup && `${track.pickup} pickup`, track.tuning]
              .filter(Boolean)
              .join(" · ");
            return (
              <li key={track.id}>
                <label className="picker__item">
                  <input type="checkbox" checked={on} disabled={!on && full} onChange={(e) => toggle(track.id, e.target.checked)} />
                  <span>
                    <span className="picker__name">{track.name}</span>
                    <span className="picker__facts muted">{facts}</span>
                  </span>
                </label>
              </li>
            );
          })}
          {missing.map((id) => (
            <li key={id}>
              <label className="picker__item">
                <input type="checkbox" checked onChange={() => toggle(id, false)} />
                <span>
                  <span className="picker__name">A deleted DI track</span>
                  <span className="picker__facts muted">Untick it to save.</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <small id="di-error" className="field__error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
