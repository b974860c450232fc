/** Per chosen DI, the passage every chain plays: start and end (m:ss or seconds), whole by default. */
import { Field } from "../components/Field";
import { passageField, type FieldMessages } from "./form";
import { formatTime, isWhole, parseTime, WHOLE, type PassageText } from "./passage";
import type { DiTrack } from "./types";

/** Each end of a passage and the label of its field. */
const ENDS = [
  ["start", "From"],
  ["end", "To"],
] as const;

export function PassagePicker({
  tracks,
  chosen,
  passages,
  onChange,
  errors,
}: {
  tracks: DiTrack[];
  chosen: string[];
  passages: Record<string, PassageText>;
  onChange: (diId: string, passage: PassageText) => void;
  errors: FieldMessages;
}) {
  const shown = chosen.flatMap((id) => tracks.filter((t) => t.id === id));
  if (shown.length === 0) return null;
  return (
    <div className="passages">
      <h3 className="passages__title">Passages</h3>
      <p className="field__hint">
        Compare part of a recording: the renders, the montage, the video and the metrics cover just that passage. Times as
        m:ss or seconds; leave both blank for the whole recording.
      </p>
      {shown.map((track) => {
        const text = passages[track.id] ?? WHOLE;
        return (
          <fieldset key={track.id} className="passages__di">
            <legend>
              {track.name} <span className="muted">({formatTime(track.duration_seconds)})</span>
            </legend>
            <div className="passages__times">
              {ENDS.map(([end, label]) => (
                <Field key={end} label={label} error={errors[passageField(track.id, end)]}>
                  {(props) => (
                    <input
                      {...props}
                      type="text"
                      inputMode="decimal"
                      placeholder={end === "start" ? "0:00" : formatTime(track.duration_seconds)}
                      autoComplete="off"
                      value={text[end]}
                      onChange={(e) => onChange(track.id, { ...text, [end]: e.target.value })}
                    />
                  )}
                </Field>
              ))}
              <p className="passages__length muted" aria-live="polite">
                {describe(text, track.duration_seconds)}
              </p>
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}

/** "Whole recording", or "45 s from 0:30" once both ends read as times. */
function describe(text: PassageText, duration: number): string {
  if (isWhole(text)) return "Whole recording";
  const start = parseTime(text.start) ?? 0;
  const end = parseTime(text.end) ?? duration;
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return "";
  return `${Number((Math.min(end, duration) - start).toFixed(1))} s from ${formatTime(start)}`;
}
