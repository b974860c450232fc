/**
 * One block of a chain group being built: a slot and its options, a fixed effect and its
 * parameters, or fixed gear; its place, the API's problems with it, and its Move up/down and
 * Remove buttons.
 */
import type { GearItem } from "./api";
import { BlockActions } from "./BlockActions";
import { EffectParamControl } from "./EffectParamControl";
import type { DraftGroupBlock } from "./groupRules";
import { Problems } from "./Problems";
import { blockName, type EffectInfo, type FieldError } from "./rules";
import { SlotEditor } from "./SlotEditor";

export function GroupBlockCard({
  block,
  index,
  count,
  label,
  effects,
  explanations,
  errors,
  invalid,
  gear,
  slotProblem,
  itemRef,
  onMove,
  onRemove,
  onUpdate,
}: {
  block: DraftGroupBlock;
  index: number;
  /** blocks in the group */
  count: number;
  /** what the buttons call the block ("slot Amp", "Reverb") */
  label: string;
  effects: readonly EffectInfo[];
  explanations: ReadonlyMap<string, string>;
  errors: readonly FieldError[];
  invalid: boolean;
  gear: readonly GearItem[];
  slotProblem: string | undefined;
  itemRef: (el: HTMLLIElement | null) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  /** change the block as the group holds it when the update runs */
  onUpdate: (update: (block: DraftGroupBlock) => DraftGroupBlock) => void;
}) {
  return (
    <li
      ref={itemRef}
      className={invalid ? "block-card block-card--invalid" : "block-card"}
      aria-labelledby={`${block.key}-title`}
    >
      <div className="block-card__head">
        <h3 id={`${block.key}-title`} className="block-card__name" tabIndex={-1}>
          <span className="block-card__index">{index + 1}.</span>{" "}
          {block.type === "slot" ? `Slot: ${block.name || "(no name)"}` : blockName(block, effects)}
        </h3>
        <span className="tag">{block.type === "slot" ? "slot" : block.type === "effect" ? "effect" : "fixed gear"}</span>
        <BlockActions label={label} index={index} count={count} onMove={onMove} onRemove={onRemove} />
      </div>
      <Problems errors={errors} explanations={explanations} />
      {block.type === "slot" && (
        <SlotEditor slot={block} gear={gear} problem={slotProblem} onChange={(next) => onUpdate(() => next)} />
      )}
      {block.type === "effect" && (
        <div className="block-card__params">
          {(effects.find((e) => e.name === block.effect)?.params ?? []).map((param) => (
            <EffectParamControl
              key={param.name}
              param={param}
              owner={blockName(block, effects)}
              value={block.params[param.name] ?? param.default}
              onChange={(value) =>
                onUpdate((b) => (b.type === "effect" ? { ...b, params: { ...b.params, [param.name]: value } } : b))
              }
            />
          ))}
        </div>
      )}
    </li>
  );
}
