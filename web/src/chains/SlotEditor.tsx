/** One slot of a chain group: its name, what it offers (pedal, amp captures or cab IRs), which items, and whether to also leave it out. */
import { useId } from "react";
import { Link } from "react-router";

import type { GearItem } from "./api";
import type { DraftSlot, SlotKind } from "./groupRules";
import { gearKindWords } from "./rules";

const OFFERS: Record<SlotKind, { words: string; kinds: readonly string[]; none: string }> = {
  pedal: { words: "Pedals and outboard gear", kinds: ["pedal", "outboard"], none: "pedal or outboard captures" },
  amp: { words: "Amps and full rigs", kinds: ["amp", "amp-cab"], none: "amp captures" },
  ir: { words: "Cab IRs", kinds: ["cab-ir"], none: "cab IRs" },
};

export function SlotEditor({
  slot,
  gear,
  onChange,
  problem,
}: {
  slot: DraftSlot;
  gear: readonly GearItem[];
  onChange: (slot: DraftSlot) => void;
  problem?: string | undefined;
}) {
  const id = useId();
  const offered = gear.filter((g) => OFFERS[slot.kind].kinds.includes(g.kind));
  const toggle = (gearId: string, on: boolean) =>
    onChange({ ...slot, options: on ? [...slot.options, gearId] : slot.options.filter((o) => o !== gearId) });
  return (
    <div className="slot-editor">
      <div className="slot-editor__row">
        <div className="field">
          <label htmlFor={`${id}-name`}>Slot name</label>
          <input id={`${id}-name`} value={slot.name} maxLength={200} onChange={(e) => onChange({ ...slot, name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>Offers</label>
          <select
            id={`${id}-kind`}
            value={slot.kind}
            onChange={(e) => {
              const kind = e.target.value as SlotKind;
              const keep = new Set(gear.filter((g) => OFFERS[kind].kinds.includes(g.kind)).map((g) => g.id));
              onChange({ ...slot, kind, options: slot.options.filter((o) => keep.has(o)) });
            }}
          >
            {(Object.keys(OFFERS) as SlotKind[]).map((k) => (
              <option key={k} value={k}>
                {OFFERS[k].words}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="slot-editor__options" aria-describedby={problem ? `${id}-problem` : undefined}>
        <legend>Options for “{slot.name || "this slot"}”: each makes its own chain</legend>
        {offered.length === 0 ? (
          <p className="muted">
            Your library has no {OFFERS[slot.kind].none} yet. <Link to="/gear">Add some on the Gear page</Link>.
          </p>
        ) : (
          <ul className="slot-editor__list">
            {offered.map((item) => (
              <li key={item.id}>
                <label className="check">
                  <input type="checkbox" checked={slot.options.includes(item.id)} onChange={(e) => toggle(item.id, e.target.checked)} />
                  {item.name} <span className="tag">{gearKindWords(item.kind)}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <label className="check slot-editor__leave-out">
          <input type="checkbox" checked={slot.leaveOut} onChange={(e) => onChange({ ...slot, leaveOut: e.target.checked })} />
          Also try without this slot (leave it out)
        </label>
      </fieldset>
      {problem && (
        <p id={`${id}-problem`} className="field__error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
