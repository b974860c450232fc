/**
 * A saved chain group: its blocks and slots with their options by name, how many combinations
 * it makes, and "Generate chains": the chains made, and the combinations skipped with why.
 */
import { useEffect, useRef } from "react";
import { Link, useNavigate } from "react-router";

import { ApiError } from "../api/problem";
import { ConfirmDelete } from "../components/ConfirmDelete";
import { ErrorNote } from "../components/ErrorNote";
import { useDeleteGroup, useGearOfKinds, useGenerateGroup, type Generated, type GroupView } from "./api";
import { formatGain } from "./ChainList";
import { paramsSummary } from "./effectParams";
import { skippedWords } from "./groupRules";
import { levelsSummary } from "./levels";
import { Problems, WithCode } from "./Problems";
import {
  blockName,
  chainSummary,
  draftOf,
  effectLabel,
  gearKindWords,
  RENDERABLE_GEAR,
  type EffectInfo,
} from "./rules";
import "./Cards.css";
import "./GroupBuilder.css";

export function GroupDetails({
  group,
  effects,
  explanations,
}: {
  group: GroupView;
  effects: readonly EffectInfo[];
  explanations: ReadonlyMap<string, string>;
}) {
  const gear = useGearOfKinds(RENDERABLE_GEAR);
  const byId = new Map(gear.items.map((g) => [g.id, g]));
  const generate = useGenerateGroup(group.id);
  const remove = useDeleteGroup();
  const navigate = useNavigate();
  const apiError = generate.error instanceof ApiError ? generate.error : null;

  return (
    <>
      <section className="panel" aria-labelledby="group-blocks">
        <dl className="group-view__facts">
          <div>
            <dt>Input gain</dt>
            <dd>{group.input_gains_db ? `sweep: ${group.input_gains_db.map(formatGain).join(", ")}` : formatGain(group.input_gain_db)}</dd>
          </div>
          <div>
            <dt>Levels</dt>
            <dd>{levelsSummary(group.input_mode, group.output_mode) || "raw"}</dd>
          </div>
          <div>
            <dt>Combinations</dt>
            <dd>{group.combinations}</dd>
          </div>
        </dl>
        <h2 id="group-blocks">Blocks and slots, in signal order</h2>
        <ol className="group-view__blocks">
          {group.blocks.map((block, i) => (
            <li key={i}>
              {block.type === "slot" ? (
                <>
                  <strong>Slot “{block.name}”</strong>, one chain with each of:{" "}
                  {(block.options ?? [])
                    .map((option) => {
                      if (option === null) return "leave it out";
                      const item = byId.get(option);
                      return item ? `${item.name} (${gearKindWords(item.kind)})` : gear.isPending ? "…" : "a removed item";
                    })
                    .join(", ")}
                </>
              ) : block.type === "effect" ? (
                <>
                  {effectLabel(block.effect ?? "", effects)}
                  <span className="muted">
                    {" "}
                    {paramsSummary(block.effect ?? "", block.params ?? {}, effects)}
                  </span>
                </>
              ) : (
                blockName(draftOf(block, String(i)), effects)
              )}
            </li>
          ))}
        </ol>
        <div className="actions group-view__actions">
          <button type="button" className="button button--primary" disabled={generate.isPending} onClick={() => generate.mutate()}>
            {generate.isPending ? "Generating…" : "Generate chains"}
          </button>
          <ConfirmDelete
            what={group.name}
            pending={remove.isPending}
            error={remove.error}
            onConfirm={() =>
              remove.mutate(group.id, {
                onSuccess: () => void navigate("/chains", { state: { saved: `Group “${group.name}” deleted; its chains stay.` } }),
              })
            }
          />
        </div>
        <p className="muted">Each time you generate, new chains are made from the group as it is; its earlier chains stay.</p>
      </section>
      {apiError?.status === 422 ? (
        <Problems errors={apiError.problem.errors ?? []} explanations={explanations} title="The chains were not generated" />
      ) : (
        generate.error && <ErrorNote error={generate.error} title="The chains were not generated" />
      )}
      {generate.data && <GenerateReport result={generate.data} effects={effects} explanations={explanations} />}
    </>
  );
}

function GenerateReport({
  result,
  effects,
  explanations,
}: {
  result: Generated;
  effects: readonly EffectInfo[];
  explanations: ReadonlyMap<string, string>;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [result]);
  const made = result.chains.length;
  const skipped = result.skipped.length;
  return (
    <section className="panel report" aria-labelledby="report-heading">
      <h2 id="report-heading" ref={heading} tabIndex={-1}>
        Generated {made === 1 ? "1 chain" : `${made} chains`}
        {skipped > 0 && `, skipped ${skipped === 1 ? "1 combination" : `${skipped} combinations`}`}
      </h2>
      <h3>Chains made</h3>
      {made === 0 ? (
        <p className="empty">No combination makes a valid chain. Check the slots: an amp needs a cab IR, a full rig none.</p>
      ) : (
        <ul className="card-list">
          {result.chains.map((chain) => (
            <li key={chain.id} className="card">
              <div className="card__main">
                <h4 className="card__title">
                  <Link to={`/chains/${chain.id}`}>{chain.name}</Link>
                </h4>
                <p className="card__blocks">{chainSummary(chain.blocks, effects)}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <h3>Combinations skipped</h3>
      {skipped === 0 ? (
        <p className="muted">None: every combination made a chain.</p>
      ) : (
        <ul className="report__skipped">
          {result.skipped.map((s) => (
            <li key={`${s.name}:${s.code}`}>
              <strong>{s.name}</strong>: <WithCode text={skippedWords(s, explanations)} />.{" "}
              <span className="tag problems__code">{s.code}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
