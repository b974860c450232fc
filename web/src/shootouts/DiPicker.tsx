/** Pick 1 to 4 DI tracks: the performances every chain plays. */
import { Link } from "react-router";

import { formatClock } from "./format";
import { LIMITS } from "./form";
import { PickerFieldset, type Choice } from "./PickerFieldset";
import { PickerItem } from "./PickerItem";
import type { DiTrack } from "./types";

export function DiPicker({ tracks, chosen, onChange, error }: { tracks: DiTrack[] } & Choice) {
  const full = chosen.length >= LIMITS.dis.max;
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  const missing = chosen.filter((id) => !tracks.some((t) => t.id === id));
  return (
    <PickerFieldset
      name="di"
      legend="DI tracks"
      hint={`Pick 1 to ${LIMITS.dis.max}: every chain plays each of them.`}
      error={error}
      empty={
        tracks.length === 0 ? (
          <p className="empty">
            You have no DI tracks yet. <Link to="/di-tracks">Upload a DI recording</Link> first.
          </p>
        ) : null
      }
    >
      <ul className="picker__list">
        {tracks.map((track) => {
          const on = chosen.includes(track.id);
          const facts = [formatClock(track.duration_seconds), track.guitar, track.pickup && `${track.pickup} pickup`, track.tuning]
            .filter(Boolean)
            .join(" · ");
          return (
            <li key={track.id}>
              <PickerItem
                name={track.name}
                facts={facts}
                checked={on}
                disabled={!on && full}
                onChange={(e) => toggle(track.id, e.target.checked)}
              />
            </li>
          );
        })}
        {missing.map((id) => (
          <li key={id}>
            <PickerItem name="A deleted DI track" facts="Untick it to save." checked onChange={() => toggle(id, false)} />
          </li>
        ))}
      </ul>
    </PickerFieldset>
  );
}
