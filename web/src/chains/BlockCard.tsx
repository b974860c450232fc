/**
 * One block of a chain being built: its place, name and kind, its effect parameters, and the
 * API's problems with it. Reordered by dragging its handle, or with its Move up/down buttons.
 */
import { forwardRef } from "react";

import { BlockActions } from "./BlockActions";
import { EffectParamControl } from "./EffectParamControl";
import { Problems } from "./Problems";
import { SlimControl } from "./SlimControl";
import { blockName, gearKindWords, type DraftBlock, type EffectInfo, type FieldError } from "./rules";

export interface BlockCardProps {
  block: DraftBlock;
  index: number;
  count: number;
  effects: readonly EffectInfo[];
  explanations: ReadonlyMap<string, string>;
  errors: readonly FieldError[];
  dragging: boolean;
  dropTarget: boolean;
  onMove: (to: number, how: "up" | "down") => void;
  onRemove: () => void;
  onParam: (name: string, value: number) => void;
  /** set an A2 container capture's slim value (null: the largest submodel) */
  onSlim?: (slim: number | null) => void;
  onDragStart: (event: React.DragEvent) => void;
  onDragEnd: () => void;
  onDragOver: (event: React.DragEvent) => void;
  onDrop: (event: React.DragEvent) => void;
}

export const BlockCard = forwardRef<HTMLLIElement, BlockCardProps>(function BlockCard(
  {
    block,
    index,
    count,
    effects,
    explanations,
    errors,
    dragging,
    dropTarget,
    onMove,
    onRemove,
    onParam,
    onSlim,
    onDragStart,
    onDragEnd,
    onDragOver,
    onDrop,
  },
  ref,
) {
  const name = blockName(block, effects);
  const effect = block.type === "effect" ? effects.find((e) => e.name === block.effect) : undefined;
  const paramErrors = new Map(
    errors.filter((e) => e.field.includes(".params.")).map((e) => [e.field.split(".params.")[1] ?? "", e.reason]),
  );
  const slimError = errors.find((e) => e.field.endsWith(".slim"))?.reason;
  const blockErrors = errors.filter((e) => !e.field.includes(".params.") && !e.field.endsWith(".slim"));
  const headingId = `block-${block.key}-name`;
  const classes = ["block-card"];
  if (dragging) classes.push("block-card--dragging");
  if (dropTarget) classes.push("block-card--drop");
  if (errors.length > 0) classes.push("block-card--invalid");
  if (block.type === "gear" && !block.usable) classes.push("block-card--unusable");

  return (
    <li
      ref={ref}
      className={classes.join(" ")}
      aria-labelledby={headingId}
      data-block-key={block.key}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <div className="block-card__head">
        <span
          className="block-card__handle"
          draggable
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          title="Drag to move this block"
          aria-hidden="true"
        >
          ⠿
        </span>
        <h3 id={headingId} className="block-card__name" tabIndex={-1}>
          <span className="block-card__index">{index + 1}.</span> {name}
        </h3>
        <span className="tag">
          {block.type === "effect" ? "effect" : block.gearKind ? gearKindWords(block.gearKind) : "removed"}
        </span>
        <BlockActions label={name} index={index} count={count} onMove={onMove} onRemove={onRemove} />
      </div>
      {block.type === "gear" && !block.usable && (
        <p className="block-card__warning">This item was removed from your library. Remove the block or pick another.</p>
      )}
      <Problems errors={blockErrors} explanations={explanations} />
      {block.type === "gear" && block.usable && onSlim && (block.submodelMaxValues?.length ?? 0) > 1 && (
        <SlimControl
          maxValues={block.submodelMaxValues ?? []}
          slim={block.slim}
          owner={name}
          error={slimError}
          onChange={onSlim}
        />
      )}
      {block.type === "gear" && slimError && !(onSlim && (block.submodelMaxValues?.length ?? 0) > 1) && (
        <p className="error-note">{slimError}</p>
      )}
      {block.type === "effect" && effect && (
        <>
          {effect.description && <p className="muted block-card__description">{effect.description}</p>}
          <div className="block-card__params">
            {effect.params.map((param) => (
              <EffectParamControl
                key={param.name}
                param={param}
                owner={name}
                value={block.params[param.name] ?? param.default}
                error={paramErrors.get(param.name)}
                onChange={(value) => onParam(param.name, value)}
              />
            ))}
          </div>
        </>
      )}
    </li>
  );
});
