/**
 * The "Add to the group" controls of a chain group being built: a new slot, an effect, or
 * gear that is in every chain, each picked from a list before it is added.
 */
import { useState } from "react";
import { Link } from "react-router";

import { SelectField, type SelectOption } from "../components/SelectField";
import type { GearItem } from "./api";
import { newKey, slot } from "./groupDrafts";
import type { DraftGroupBlock } from "./groupRules";
import { defaultParams } from "./effectParams";
import { PickerActions } from "./PickerActions";
import type { EffectInfo } from "./rules";

export function AddGroupBlock({
  effects,
  gear,
  blockCount,
  adding,
  onAdding,
  onAdd,
}: {
  effects: readonly EffectInfo[];
  gear: readonly GearItem[];
  /** blocks the group has (a new slot is named for its place) */
  blockCount: number;
  /** which picker is open */
  adding: "effect" | "gear" | null;
  onAdding: (adding: "effect" | "gear" | null) => void;
  onAdd: (block: DraftGroupBlock) => void;
}) {
  return (
    <div className="add-block">
      <h3>Add to the group</h3>
      <div className="actions" role="group" aria-label="What to add">
        <button type="button" className="button" onClick={() => onAdd(slot(`Slot ${blockCount + 1}`, "amp"))}>
          + Slot
        </button>
        <button type="button" className="button" aria-pressed={adding === "effect"} onClick={() => onAdding(adding === "effect" ? null : "effect")}>
          + Effect
        </button>
        <button type="button" className="button" aria-pressed={adding === "gear"} onClick={() => onAdding(adding === "gear" ? null : "gear")}>
          + Fixed gear
        </button>
      </div>
      {adding === "effect" && (
        <PickOne
          label="Effect"
          options={effects.map((e) => ({ value: e.name, label: e.label }))}
          onPick={(value) => {
            const effect = effects.find((e) => e.name === value);
            if (effect) onAdd({ key: newKey(), type: "effect", effect: effect.name, params: defaultParams(effect) });
          }}
          onCancel={() => onAdding(null)}
        />
      )}
      {adding === "gear" && (
        <PickOne
          label="Gear in every chain"
          options={gear.map((g) => ({ value: g.id, label: `${g.name} (${g.kind})` }))}
          onPick={(value) => {
            const item = gear.find((g) => g.id === value);
            if (item)
              onAdd({ key: newKey(), type: "gear", gearId: item.id, gearName: item.name, gearKind: item.kind, usable: true });
          }}
          onCancel={() => onAdding(null)}
        />
      )}
    </div>
  );
}

function PickOne({
  label,
  options,
  onPick,
  onCancel,
}: {
  label: string;
  options: readonly SelectOption<string>[];
  onPick: (value: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(options[0]?.value ?? "");
  if (options.length === 0) {
    return (
      <p className="add-block__picker empty">
        Nothing to pick yet: <Link to="/gear">add gear first</Link>.
      </p>
    );
  }
  return (
    <div className="add-block__picker">
      <SelectField label={label} value={value} options={options} onChange={setValue} />
      <PickerActions onAdd={() => onPick(value)} onCancel={onCancel}>
        Add
      </PickerActions>
    </div>
  );
}
