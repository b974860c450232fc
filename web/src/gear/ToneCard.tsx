/** One TONE3000 tone: title, author, gear type, tags, model count; expands to its models. */
import { useId, useState } from "react";

import { toneModelCount } from "./format";
import { ToneModels } from "./ToneModels";
import { GEAR_TYPES } from "./toneSearch";
import type { Tone } from "./types";
import "./ToneCard.css";

const IMPORTABLE = new Set(["nam", "ir"]);

function gearLabel(gear: string | null | undefined): string {
  return GEAR_TYPES.find(([value]) => value === gear)?.[1] ?? gear ?? "Unknown gear";
}

export function ToneCard({ tone }: { tone: Tone }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const author = tone.user?.display_name || tone.user?.username;
  const format = (tone.format ?? "nam").toLowerCase();
  const importable = IMPORTABLE.has(format);
  return (
    <article className="tone-card" aria-labelledby={`${id}-title`}>
      <div className="tone-card__head">
        <h3 id={`${id}-title`} className="tone-card__title">
          {tone.title}
        </h3>
        <span className="muted">{author ? `by ${author}` : "author unknown"}</span>
      </div>
      <p className="tone-card__facts">
        <span className="tag">{gearLabel(tone.gear)}</span>
        <span className="tag">{format === "ir" ? "IR" : format.toUpperCase()}</span>
        <span>{toneModelCount(tone)}</span>
        {tone.sizes && tone.sizes.length > 0 && <span className="muted">sizes: {tone.sizes.join(", ")}</span>}
      </p>
      {tone.tags && tone.tags.length > 0 && (
        <ul className="tone-card__tags" aria-label={`Tags of ${tone.title}`}>
          {tone.tags.map((tag) => (
            <li key={tag.name} className="tag">
              {tag.name}
            </li>
          ))}
        </ul>
      )}
      {tone.description && <p className="tone-card__description muted">{tone.description}</p>}
      {importable ? (
        <button
          type="button"
          className="button button--small tone-card__toggle"
          aria-expanded={open}
          aria-controls={`${id}-models`}
          onClick={() => setOpen((v) => !v)}
        >
          {open ? "Hide models" : "Show models"}
          <span className="visually-hidden"> of {tone.title}</span>
        </button>
      ) : (
        <p className="muted">GTS imports NAM captures and IRs; this is a {format} tone.</p>
      )}
      <div id={`${id}-models`} hidden={!open}>
        {open && <ToneModels tone={tone} />}
      </div>
    </article>
  );
}
