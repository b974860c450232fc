/**
 * Adding a block at the end of the chain: only the kinds that may come next are offered (as the
 * API's `next-blocks` says); a gear block picks an item of that kind from the library, an
 * effect block one of the built-in effects (its parameters start at their defaults).
 */
import { useId, useState } from "react";
import { Link } from "react-router";

import { ErrorNote } from "../components/ErrorNote";
import { useGearOfKinds } from "./api";
import { PickerActions } from "./PickerActions";
import { WithCode } from "./Problems";
import { blockKindWords, gearKindsFor, type BlockKind, type EffectInfo, type GearKind } from "./rules";

export type NewBlock =
  | { type: "gear"; gearId: string; gearName: string; gearKind: GearKind; submodelMaxValues?: number[] | null }
  | { type: "effect"; effect: EffectInfo };

export interface AddBlockProps {
  next: readonly BlockKind[];
  complete: boolean;
  problem: string | null;
  effects: readonly EffectInfo[];
  empty: boolean;
  onAdd: (block: NewBlock) => void;
}

export function AddBlock({ next, complete, problem, effects, empty, onAdd }: AddBlockProps) {
  const [kind, setKind] = useState<BlockKind | null>(null);
  const headingId = useId();
  const chosen = kind && next.includes(kind) ? kind : null;
  return (
    <section className="add-block" aria-labelledby={headingId}>
      <h3 id={headingId}>{empty ? "Add the first block" : "Add a block at the end"}</h3>
      <p className="add-block__status" aria-live="polite">
        {problem ? (
          <span className="add-block__problem">
            These blocks cannot become a chain as they are: <WithCode text={problem} />. Move or remove a block.
          </span>
        ) : complete ? (
          <span className="add-block__complete">The chain is complete: save it, or add post effects at the end.</span>
        ) : next.includes("ir") ? (
          "The amp capture needs a cab IR after it (effects may come between)."
        ) : (
          "Start with effects or pedal captures, or the amp capture: an amp alone (then a cab IR) or a full rig with its cabinet."
        )}
      </p>
      {next.length > 0 && (
        <div className="actions" role="group" aria-label="Kind of block to add">
          {next.map((k) => (
            <button
              key={k}
              type="button"
              className={chosen === k ? "button button--primary" : "button"}
              aria-pressed={chosen === k}
              onClick={() => setKind(chosen === k ? null : k)}
            >
              + {blockKindWords(k)}
            </button>
          ))}
        </div>
      )}
      {chosen === "effect" && (
        <EffectPicker
          effects={effects}
          onPick={(effect) => {
            onAdd({ type: "effect", effect });
            setKind(null);
          }}
          onCancel={() => setKind(null)}
        />
      )}
      {chosen && chosen !== "effect" && (
        <GearPicker
          kind={chosen}
          onPick={(item) => {
            onAdd({ type: "gear", ...item });
            setKind(null);
          }}
          onCancel={() => setKind(null)}
        />
      )}
    </section>
  );
}

function EffectPicker({
  effects,
  onPick,
  onCancel,
}: {
  effects: readonly EffectInfo[];
  onPick: (effect: EffectInfo) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [name, setName] = useState(effects[0]?.name ?? "");
  const effect = effects.find((e) => e.name === name);
  return (
    <div className="add-block__picker">
      <div className="field">
        <label htmlFor={id}>Effect</label>
        <select id={id} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={`${id}-about`}>
          {effects.map((e) => (
            <option key={e.name} value={e.name}>
              {e.label}
            </option>
          ))}
        </select>
        <small id={`${id}-about`} className="field__hint">
          {effect?.description}
        </small>
      </div>
      <PickerActions disabled={!effect} onAdd={() => effect && onPick(effect)} onCancel={onCancel}>
        Add {effect?.label ?? "effect"}
      </PickerActions>
    </div>
  );
}

function GearPicker({
  kind,
  onPick,
  onCancel,
}: {
  kind: BlockKind;
  onPick: (item: { gearId: string; gearName: string; gearKind: GearKind; submodelMaxValues?: number[] | null }) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const gear = useGearOfKinds(gearKindsFor(kind));
  const [picked, setPicked] = useState("");
  const item = gear.items.find((g) => g.id === picked) ?? gear.items[0];
  const words = blockKindWords(kind).toLowerCase();
  if (gear.isPending) return <p className="muted">Loading your gear…</p>;
  if (gear.error) return <ErrorNote error={gear.error} title="Your gear could not be loaded" />;
  if (gear.items.length === 0) {
    return (
      <div className="add-block__picker empty">
        <p>
          Your library has no {words} yet. <Link to="/gear">Add one on the Gear page</Link>, then come back.
        </p>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <div className="add-block__picker">
      <div className="field">
        <label htmlFor={id}>{blockKindWords(kind)} from your library</label>
        <select id={id} value={item?.id ?? ""} onChange={(e) => setPicked(e.target.value)}>
          {gear.items.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
              {g.make || g.model ? ` — ${[g.make, g.model].filter(Boolean).join(" ")}` : ""}
            </option>
          ))}
        </select>
      </div>
      <PickerActions
        disabled={!item}
        onAdd={() =>
          item &&
          onPick({
            gearId: item.id,
            gearName: item.name,
            gearKind: item.kind,
            submodelMaxValues: item.submodels?.map((s) => s.max_value) ?? null,
          })
        }
        onCancel={onCancel}
      >
        Add {item?.name ?? words}
      </PickerActions>
    </div>
  );
}
