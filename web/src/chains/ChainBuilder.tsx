/**
 * Build or change a signal chain: its name, input gain and blocks in order. Blocks are added
 * from what may come next, reordered by drag and drop or by keyboard (Move up/down; focus
 * follows the block and the move is announced), removed, and saved; the API's problems
 * appear at the block they name with what their code means.
 */
import { useEffect, useId, useRef, useState } from "react";

import { ApiError } from "../api/problem";
import { ErrorNote } from "../components/ErrorNote";
import { AddBlock, type NewBlock } from "./AddBlock";
import { useNextBlocks, useSaveChain, type ChainView } from "./api";
import { BlockCard } from "./BlockCard";
import { BuilderForm } from "./BuilderForm";
import { BASICS_FIELDS, basicsIn, ChainBasics, useBasics } from "./ChainBasics";
import { errorsByBlock } from "./blockErrors";
import { defaultParams } from "./effectParams";
import { Problems } from "./Problems";
import { blockName, blocksIn, draftOf, kindsOf, moveItem, type DraftBlock, type EffectInfo } from "./rules";
import "./ChainBuilder.css";

let nextKey = 0;
const newKey = () => `b${++nextKey}`;

export interface ChainBuilderProps {
  chain: ChainView | null;
  effects: readonly EffectInfo[];
  explanations: ReadonlyMap<string, string>;
  onSaved: (chain: ChainView) => void;
}

export function ChainBuilder({ chain, effects, explanations, onSaved }: ChainBuilderProps) {
  const [basics, changeBasics] = useBasics(chain);
  const [blocks, setBlocks] = useState<DraftBlock[]>(() => (chain?.blocks ?? []).map((b) => draftOf(b, newKey())));
  const [announcement, setAnnouncement] = useState("");
  const [focusAfter, setFocusAfter] = useState<{ key: string; how: "up" | "down" | "name" } | null>(null);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [stale, setStale] = useState(false);
  const [checked, setChecked] = useState(false);
  const items = useRef(new Map<string, HTMLLIElement>());
  const headingId = useId();
  const save = useSaveChain(chain?.id);
  const next = useNextBlocks(kindsOf(blocks));

  const error = save.error instanceof ApiError && !stale ? save.error : null;
  const sorted = errorsByBlock(error?.problem.errors);
  // what the form can tell before sending (the API would answer in its own terms)
  const nameMissing = checked && !basics.name.trim() ? "Give the chain a name" : undefined;
  const blocksMissing = checked && blocks.length === 0;
  const fieldError = (field: string) => sorted.fields.get(field)?.[0]?.reason;
  const otherErrors = [...sorted.fields.entries()].filter(([f]) => !BASICS_FIELDS.includes(f));

  // focus follows a moved or added block
  useEffect(() => {
    if (!focusAfter) return;
    const item = items.current.get(focusAfter.key);
    if (item) {
      const wanted = item.querySelector<HTMLElement>(`button[data-move="${focusAfter.how}"]:not(:disabled)`);
      const fallback = item.querySelector<HTMLElement>("button[data-move]:not(:disabled)");
      const heading = item.querySelector<HTMLElement>("h3");
      (focusAfter.how === "name" ? heading : (wanted ?? fallback ?? heading))?.focus();
    }
    setFocusAfter(null);
  }, [focusAfter]);

  const change = (update: (blocks: DraftBlock[]) => DraftBlock[]) => {
    setBlocks(update);
    setStale(true); // the API's errors name positions that may have moved
  };

  const move = (from: number, to: number, how: "up" | "down" | "drag") => {
    const block = blocks[from];
    if (!block || to < 0 || to >= blocks.length || from === to) return;
    change((list) => moveItem(list, from, to));
    setAnnouncement(`${blockName(block, effects)} moved to position ${to + 1} of ${blocks.length}.`);
    if (how !== "drag") setFocusAfter({ key: block.key, how });
  };

  const add = (added: NewBlock) => {
    const block: DraftBlock =
      added.type === "effect"
        ? { key: newKey(), type: "effect", effect: added.effect.name, params: defaultParams(added.effect) }
        : {
            key: newKey(),
            type: "gear",
            gearId: added.gearId,
            gearName: added.gearName,
            gearKind: added.gearKind,
            usable: true,
            slim: null,
            submodelMaxValues: added.submodelMaxValues ?? null,
          };
    change((list) => [...list, block]);
    setAnnouncement(`${blockName(block, effects)} added as block ${blocks.length + 1}.`);
    setFocusAfter({ key: block.key, how: "name" });
  };

  const remove = (index: number) => {
    const block = blocks[index];
    if (!block) return;
    change((list) => list.filter((_, i) => i !== index));
    setAnnouncement(`${blockName(block, effects)} removed.`);
    const neighbour = blocks[index + 1] ?? blocks[index - 1];
    if (neighbour) setFocusAfter({ key: neighbour.key, how: "name" });
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!basics.name.trim() || blocks.length === 0) {
      setAnnouncement("The chain was not saved: see the problems marked.");
      return;
    }
    setStale(false);
    save.mutate(
      { ...basicsIn(basics), blocks: blocksIn(blocks) },
      {
        onSuccess: onSaved,
        onError: () => setAnnouncement("The chain was not saved: see the problems marked."),
      },
    );
  };

  return (
    <BuilderForm
      className="chain-builder"
      title="Chain"
      headingId={headingId}
      onSubmit={submit}
      announcement={announcement}
      submitLabel={save.isPending ? "Saving…" : chain ? "Save changes" : "Save chain"}
      pending={save.isPending}
    >
      <ChainBasics
        basics={basics}
        onChange={changeBasics}
        nameHint="What the shootout calls it, e.g. “JCM800 + Mesa 4x12”."
        nameError={nameMissing ?? fieldError("name")}
        fieldError={fieldError}
      />

      <section className="panel" aria-labelledby={`${headingId}-blocks`}>
        <h2 id={`${headingId}-blocks`}>Blocks</h2>
        <p className="muted chain-builder__flow">
          The DI flows from the top block to the bottom one: effects and pedal or outboard captures, one amp capture, its cab IR (not after a full
          rig), then post effects. Drag a block by its handle, or use its Up and Down buttons.
        </p>
        <Problems errors={error ? sorted.chain : []} explanations={explanations} title="The chain as a whole" />
        {blocks.length === 0 ? (
          <p className={blocksMissing ? "empty chain-builder__missing" : "empty"} role={blocksMissing ? "alert" : undefined}>
            {blocksMissing ? "A chain needs blocks: add" : "No blocks yet. Add"} an amp capture (or effects and pedal captures before it)
            below.
          </p>
        ) : (
          <ol className="block-list" aria-label="Blocks in signal order">
            {blocks.map((block, index) => (
              <BlockCard
                key={block.key}
                ref={(el) => {
                  if (el) items.current.set(block.key, el);
                  else items.current.delete(block.key);
                }}
                block={block}
                index={index}
                count={blocks.length}
                effects={effects}
                explanations={explanations}
                errors={error ? (sorted.blocks.get(index) ?? []) : []}
                dragging={dragFrom === index}
                dropTarget={dropAt === index && dragFrom !== index}
                onMove={(to, how) => move(index, to, how)}
                onRemove={() => remove(index)}
                onParam={(param, value) =>
                  change((list) =>
                    list.map((b) => (b.key === block.key && b.type === "effect" ? { ...b, params: { ...b.params, [param]: value } } : b)),
                  )
                }
                onSlim={(slim) =>
                  change((list) => list.map((b) => (b.key === block.key && b.type === "gear" ? { ...b, slim } : b)))
                }
                onDragStart={(event) => {
                  setDragFrom(index);
                  event.dataTransfer.effectAllowed = "move";
                  event.dataTransfer.setData("text/plain", String(index));
                  const item = items.current.get(block.key);
                  if (item) event.dataTransfer.setDragImage(item, 24, 24);
                }}
                onDragEnd={() => {
                  setDragFrom(null);
                  setDropAt(null);
                }}
                onDragOver={(event) => {
                  if (dragFrom === null) return;
                  event.preventDefault();
                  event.dataTransfer.dropEffect = "move";
                  if (dropAt !== index) setDropAt(index);
                }}
                onDrop={(event) => {
                  event.preventDefault();
                  const from = dragFrom ?? Number(event.dataTransfer.getData("text/plain"));
                  setDragFrom(null);
                  setDropAt(null);
                  if (Number.isInteger(from)) move(from, index, "drag");
                }}
              />
            ))}
          </ol>
        )}
        <AddBlock
          next={next.next}
          complete={next.complete}
          problem={next.problem}
          effects={effects}
          empty={blocks.length === 0}
          onAdd={add}
        />
      </section>

      {save.error && !(save.error instanceof ApiError && save.error.status === 422) && (
        <ErrorNote error={save.error} title="The chain was not saved" />
      )}
      {error?.status === 422 && !stale && (
        <div className="error-note" role="alert">
          The chain was not saved: {describeCount(error.problem.errors?.length ?? 0)} marked above.
          {otherErrors.length > 0 && (
            <ul>
              {otherErrors.map(([field, list]) => (
                <li key={field}>
                  <code>{field}</code>: {list.map((e) => e.reason).join("; ")}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </BuilderForm>
  );
}

function describeCount(n: number): string {
  return n === 1 ? "one problem is" : `${n} problems are`;
}
