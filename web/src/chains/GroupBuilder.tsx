/**
 * A new chain group: a name, an input gain, and blocks in order where slots hold several
 * options (each makes its own chain) beside fixed effects and gear. Saved, it can generate
 * one chain per combination the grammar accepts.
 */
import { useEffect, useId, useRef, useState } from "react";

import { ApiError } from "../api/problem";
import { ErrorNote } from "../components/ErrorNote";
import { Field } from "../components/Field";
import { AddGroupBlock } from "./AddGroupBlock";
import { BuilderForm } from "./BuilderForm";
import { useCreateGroup, useGearOfKinds, type GroupView } from "./api";
import { basicsIn, ChainBasics, useBasics } from "./ChainBasics";
import { errorsByBlock } from "./blockErrors";
import { GroupBlockCard } from "./GroupBlockCard";
import { slot } from "./groupDrafts";
import { parseGainSweep } from "./levels";
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
  const [basics, changeBasics] = useBasics(null);
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
  const fieldError = (field: string) => sorted.fields.get(field)?.[0]?.reason;

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
    if (local.size > 0 || !basics.name.trim() || blocks.length === 0 || sweep.error) return;
    create.mutate(
      { ...basicsIn(basics), input_gains_db: sweep.gains, blocks: groupBlocksIn(blocks) },
      { onSuccess: onCreated },
    );
  };

  return (
    <BuilderForm
      className="chain-builder group-builder"
      title="Group"
      headingId={headingId}
      onSubmit={submit}
      announcement={announcement}
      submitLabel={create.isPending ? "Creating…" : "Create group"}
      pending={create.isPending}
    >
      <ChainBasics
        basics={basics}
        onChange={changeBasics}
        nameHint="Its chains are named for the gear they use."
        nameError={fieldError("name") ?? (checked && !basics.name.trim() ? "Give the group a name" : undefined)}
        fieldError={fieldError}
      >
        <Field
          label="Gain sweep (dB)"
          hint="Optional: one chain per input gain, e.g. −6, 0, 6 (dB), in place of the input gain above."
          error={sweep.error ?? fieldError("input_gains_db")}
        >
          {(props) => <input {...props} value={sweepText} inputMode="text" onChange={(e) => setSweepText(e.target.value)} />}
        </Field>
      </ChainBasics>

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
    </BuilderForm>
  );
}
