/**
 * A new chain group: a name, an input gain, and blocks in order where slots hold several
 * options (each makes its own chain) beside fixed effects and gear. Saved, it can generate
 * one chain per combination the grammar accepts.
 */
import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";

import { ApiError } from "../api/problem";
import { ErrorNote } from "../components/ErrorNote";
import { Field } from "../components/Field";
import { AddGroupBlock } from "./AddGroupBlock";
import { useCreateGroup, useGearOfKinds, type GroupView } from "./api";
import { errorsByBlock } from "./blockErrors";
import { GainControl } from "./GainControl";
import { GroupBlockCard } from "./GroupBlockCard";
import { slot } from "./groupDrafts";
import { LevelModes } from "./LevelModes";
import { parseGainSweep, type InputMode, type OutputMode } from "./levels";
import { groupBlocksIn, groupCombinations, slotProblems, type DraftGroupBlock } from "./groupRules";
import { Problems } from "./Problems";
import { blockName, moveItem, RENDERABLE_GEAR, type EffectInfo } from "./rules";
import "./ChainBuilder.css";
import "./GroupBuilder.css";

export function GroupBuilder({
  effects,
  explanations,
  onCreated,
}: {
  effects: readonly EffectInfo[];
  explanations: ReadonlyMap<string, string>;
  onCreated: (group: GroupView) => void;
}) {
  const headingId = useId();
  const [name, setName] = useState("");
  const [gain, setGain] = useState(0);
  const [inputMode, setInputMode] = useState<InputMode>("raw");
  const [outputMode, setOutputMode] = useState<OutputMode>("raw");
  const [sweepText, setSweepText] = useState("");
  const sweep = parseGainSweep(sweepText);
  const [blocks, setBlocks] = useState<DraftGroupBlock[]>(() => [slot("Amp", "amp"), slot("Cab", "ir")]);
  const [adding, setAdding] = useState<"effect" | "gear" | null>(null);
  const [checked, setChecked] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  const gear = useGearOfKinds(RENDERABLE_GEAR);
  const create = useCreateGroup();
  const local = slotProblems(blocks);
  const count = groupCombinations(blocks) * (sweep.gains?.length ?? 1);
  const apiError = create.error instanceof ApiError ? create.error : null;
  const sorted = errorsByBlock(apiError?.problem.errors);

  useEffect(() => {
    if (!focusKey) return;
    items.current.get(focusKey)?.querySelector<HTMLElement>("h3")?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const label = (b: DraftGroupBlock) => (b.type === "slot" ? `slot ${b.name || "without a name"}` : blockName(b, effects));

  const move = (from: number, to: number) => {
    const block = blocks[from];
    if (!block || to < 0 || to >= blocks.length) return;
    setBlocks((list) => moveItem(list, from, to));
    setAnnouncement(`${label(block)} moved to position ${to + 1} of ${blocks.length}.`);
    setFocusKey(block.key);
  };

  const add = (block: DraftGroupBlock) => {
    setBlocks((list) => [...list, block]);
    setAdding(null);
    setAnnouncement(`${label(block)} added as block ${blocks.length + 1}.`);
    setFocusKey(block.key);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (local.size > 0 || !name.trim() || blocks.length === 0 || sweep.error) return;
    create.mutate(
      {
        name: name.trim(),
        input_gain_db: gain,
        input_mode: inputMode,
        output_mode: outputMode,
        input_gains_db: sweep.gains,
        blocks: groupBlocksIn(blocks),
      },
      { onSuccess: onCreated },
    );
  };

  return (
    <form className="chain-builder group-builder" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        Group
      </h2>
      <div className="chain-builder__basics panel">
        <Field
          label="Name"
          error={sorted.fields.get("name")?.[0]?.reason ?? (checked && !name.trim() ? "Give the group a name" : undefined)}
          hint="Its chains are named for the gear they use."
        >
          {(props) => <input {...props} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <GainControl value={gain} onChange={setGain} error={sorted.fields.get("input_gain_db")?.[0]?.reason} />
        <Field
          label="Gain sweep (dB)"
          hint="Optional: one chain per input gain, e.g. −6, 0, 6 (dB), in place of the input gain above."
          error={sweep.error ?? sorted.fields.get("input_gains_db")?.[0]?.reason}
        >
          {(props) => <input {...props} value={sweepText} inputMode="text" onChange={(e) => setSweepText(e.target.value)} />}
        </Field>
        <LevelModes
          inputMode={inputMode}
          outputMode={outputMode}
          onInputMode={setInputMode}
          onOutputMode={setOutputMode}
          errors={{
            input: sorted.fields.get("input_mode")?.[0]?.reason,
            output: sorted.fields.get("output_mode")?.[0]?.reason,
          }}
        />
      </div>

      <section className="panel" aria-labelledby={`${headingId}-blocks`}>
        <h2 id={`${headingId}-blocks`}>Blocks and slots</h2>
        <p className="muted">
          In signal order. A slot is filled by each of its options in turn; fixed effects and gear are in every chain. A
          combination that breaks the chain rules (say an amp without a cab IR) is skipped, and the report says why.
        </p>
        <Problems errors={sorted.chain} explanations={explanations} title="The group as a whole" />
        <ol className="block-list">
          {blocks.map((block, index) => (
            <GroupBlockCard
              key={block.key}
              block={block}
              index={index}
              count={blocks.length}
              label={label(block)}
              effects={effects}
              explanations={explanations}
              errors={sorted.blocks.get(index) ?? []}
              invalid={sorted.blocks.has(index) || (checked && local.has(block.key))}
              gear={gear.items}
              slotProblem={checked ? local.get(block.key) : undefined}
              itemRef={(el) => {
                if (el) items.current.set(block.key, el);
                else items.current.delete(block.key);
              }}
              onMove={(to) => move(index, to)}
              onRemove={() => {
                setBlocks((list) => list.filter((b) => b.key !== block.key));
                setAnnouncement(`${label(block)} removed.`);
              }}
              onUpdate={(update) => setBlocks((list) => list.map((b) => (b.key === block.key ? update(b) : b)))}
            />
          ))}
        </ol>
        <AddGroupBlock
          effects={effects}
          gear={gear.items}
          blockCount={blocks.length}
          adding={adding}
          onAdding={setAdding}
          onAdd={add}
        />
      </section>

      <p className="group-builder__count" aria-live="polite">
        {count === 0
          ? "Pick at least one option in every slot."
          : `This group tries ${count === 1 ? "1 combination" : `${count} combinations`}; the ones that break the chain rules are skipped.`}
      </p>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
      {create.error && !(apiError?.status === 422) && <ErrorNote error={create.error} title="The group was not created" />}
      {apiError?.status === 422 && (
        <p className="error-note" role="alert">
          The group was not created: see the problems marked above.
        </p>
      )}
      {checked && blocks.length === 0 && (
        <p className="error-note" role="alert">
          A group needs at least one slot: add one above.
        </p>
      )}
      {checked && local.size > 0 && (
        <p className="error-note" role="alert">
          Some slots need attention: see the notes marked above.
        </p>
      )}
      <div className="actions chain-builder__save">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create group"}
        </button>
        <Link to="/chains" className="button button--quiet">
          Cancel
        </Link>
      </div>
    </form>
  );
}
