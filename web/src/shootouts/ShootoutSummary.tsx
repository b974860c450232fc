/** What the shootout plays and how: its DI tracks, its chains in order, its settings. */
import { Link } from "react-router";

import { formatClock, plainReason, VISIBILITY } from "./format";
import { modeWords, montageLine, passageLine } from "./passage";
import type { Chain, DiTrack, Shootout } from "./types";
import "./ShootoutSummary.css";

function blocks(chain: Chain): string {
  return chain.blocks.map((b) => b.gear_name ?? b.name ?? b.effect ?? "a removed item").join(" → ");
}

export function ShootoutSummary({
  shootout,
  tracks,
  chains,
}: {
  shootout: Shootout;
  tracks: Map<string, DiTrack>;
  chains: Map<string, Chain>;
}) {
  const plans = new Map(shootout.montage_plan.map((p) => [p.di_id, p]));
  return (
    <section className="panel summary" aria-labelledby="summary-title">
      <h2 id="summary-title">What plays</h2>
      <h3>DI {shootout.di_ids.length > 1 ? "tracks" : "track"}</h3>
      <ul className="summary__list">
        {shootout.di_ids.map((id) => {
          const track = tracks.get(id);
          const plan = plans.get(id);
          return (
            <li key={id}>
              {track ? (
                <>
                  <strong>{track.name}</strong>{" "}
                  <span className="muted">
                    {formatClock(track.duration_seconds)}
                    {track.guitar && ` · ${track.guitar}`}
                  </span>
                </>
              ) : (
                <span className="muted">A deleted DI track</span>
              )}
              {plan && (
                <span className="summary__passage">
                  <span>Passage: {passageLine(plan, track?.duration_seconds)}</span>
                  <strong>{montageLine(plan, shootout.chain_ids.length, shootout.montage)}</strong>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <h3>Chains, in montage order</h3>
      <ol className="summary__list summary__chains">
        {shootout.chain_ids.map((id) => {
          const chain = chains.get(id);
          return (
            <li key={id}>
              {chain ? (
                <>
                  <Link to={`/chains/${id}`}>{chain.name}</Link>
                  <span className="summary__blocks muted">{blocks(chain)}</span>
                  {!chain.usable && (
                    <span className="summary__warn">
                      Can’t render now: {chain.unusable.map((u) => plainReason(u.reason)).join("; ")}
                    </span>
                  )}
                </>
              ) : (
                <span className="muted">A deleted chain</span>
              )}
            </li>
          );
        })}
      </ol>
      <h3>Settings</h3>
      <dl className="summary__settings">
        <div>
          <dt>Montage</dt>
          <dd>{modeWords(shootout.montage).replace(/^./, (c) => c.toUpperCase())}</dd>
        </div>
        <div>
          <dt>Segments</dt>
          <dd>{shootout.montage.segment_seconds} s each</dd>
        </div>
        <div>
          <dt>Loudness</dt>
          <dd>{shootout.montage.target_lufs} LUFS</dd>
        </div>
        <div>
          <dt>Blind</dt>
          <dd>{shootout.montage.blind ? "Yes, A/B/C labels" : "No, chains named"}</dd>
        </div>
        <div>
          <dt>Extras</dt>
          <dd>
            {[
              shootout.outputs.video && "video",
              shootout.outputs.pictures && "pictures",
              shootout.outputs.full_renders && "full renders",
            ]
              .filter(Boolean)
              .join(", ")
              .replace(/, ([^,]*)$/, " and $1") || "audio only"}
          </dd>
        </div>
        <div>
          <dt>Visibility</dt>
          <dd>{VISIBILITY[shootout.visibility].label}</dd>
        </div>
      </dl>
    </section>
  );
}
