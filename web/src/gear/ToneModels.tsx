/** A tone's models with checkboxes; "Import selected" adds them and reports each one. */
import { useId, useState } from "react";

import { Loading } from "../components/Loading";
import { kindLabel } from "./format";
import { ImportResults } from "./ImportResults";
import { Tone3000ErrorNote } from "./Tone3000ErrorNote";
import { CAPTURE_KINDS, type GearKind, type Tone, type ToneModel } from "./types";
import { useImportModels, useToneModels } from "./useTone3000";
import "./ToneModels.css";

const MAX_AT_ONCE = 50; // ImportRequest.model_ids

function modelFacts(model: ToneModel): string {
  const arch = model.architecture_version;
  return [model.size, arch ? (arch === "custom" ? "custom architecture" : `A${arch}`) : null].filter(Boolean).join(" · ");
}

export function ToneModels({ tone }: { tone: Tone }) {
  const models = useToneModels(tone.id);
  const importer = useImportModels();
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [kind, setKind] = useState<GearKind | "">("");
  const id = useId();
  const isIr = (tone.format ?? "nam").toLowerCase() === "ir";

  if (models.isPending) return <Loading what="models" />;
  if (models.isError) return <Tone3000ErrorNote error={models.error} onRetry={() => void models.refetch()} />;
  const list = models.data;
  if (list.length === 0) {
    return (
      <p className="empty">
        This tone has no model GTS can run.
      </p>
    );
  }
  const all = list.length > 0 && list.every((m) => chosen.has(m.id));
  const toggle = (modelId: number, on: boolean) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(modelId);
      else next.delete(modelId);
      return next;
    });
  const names = new Map(list.map((m) => [m.id, m.name]));

  return (
    <form
      className="tone-models"
      onSubmit={(e) => {
        e.preventDefault();
        const model_ids = list.filter((m) => chosen.has(m.id)).map((m) => m.id);
        importer.mutate({ tone_id: tone.id, model_ids, ...(kind ? { kind } : {}) });
      }}
    >
      <fieldset className="tone-models__set">
        <legend>Models of {tone.title}</legend>
        {list.length > 1 && (
          <label className="tone-models__row tone-models__all">
            <input
              type="checkbox"
              checked={all}
              onChange={(e) => setChosen(e.target.checked ? new Set(list.slice(0, MAX_AT_ONCE).map((m) => m.id)) : new Set())}
            />
            <span>Select all</span>
          </label>
        )}
        {list.map((model) => (
          <label key={model.id} className="tone-models__row">
            <input type="checkbox" checked={chosen.has(model.id)} onChange={(e) => toggle(model.id, e.target.checked)} />
            <span className="tone-models__text">
              <span className="tone-models__name">{model.name}</span>
              <span className="muted">{modelFacts(model)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="tone-models__actions">
        {!isIr && (
          <div className="field">
            <label htmlFor={`${id}-kind`}>Import as</label>
            <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as GearKind | "")}>
              <option value="">As the tone and its files say</option>
              {CAPTURE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(k)}
                </option>
              ))}
            </select>
          </div>
        )}
        <button
          type="submit"
          className="button button--primary"
          disabled={chosen.size === 0 || chosen.size > MAX_AT_ONCE || importer.isPending}
        >
          {importer.isPending ? "Importing…" : `Import selected (${chosen.size})`}
        </button>
        {chosen.size > MAX_AT_ONCE && <span className="field__error">Choose at most {MAX_AT_ONCE} at once.</span>}
      </div>
      {importer.isError && <Tone3000ErrorNote title="Nothing imported" error={importer.error} />}
      {importer.isSuccess && <ImportResults report={importer.data} names={names} />}
    </form>
  );
}
