/**
 * What a render made: the A/B player over the chains (switch while it plays), the A/B montage
 * and each chain on its own, the video, the pictures, the measurements and every file to
 * download. A blind render keeps the chains' names hidden until the owner reveals them.
 */
import { useQueries } from "@tanstack/react-query";
import { Fragment, useState } from "react";

import { AbPlayer } from "../listening/AbPlayer";
import { AudioPlayer } from "./AudioPlayer";
import { DiPictures } from "./DiPictures";
import { DownloadList } from "./DownloadList";
import { manifestQuery, type ManifestFacts } from "./manifest";
import { pauseOthers } from "./media";
import { MetricsTable, type MetricsRow } from "./MetricsTable";
import { arrangeResults, downloads, type DiResults, type Naming } from "./results";
import type { Output } from "./types";
import "./Results.css";

export interface ResultsProps {
  results: Output[];
  naming: Omit<Naming, "revealed">;
  shootoutName: string;
  segmentSeconds: number;
  targetLufs?: number;
  /** Blind, and this reader has the key (the owner): offer to peek. */
  canReveal: boolean;
  /** Blind and shared: nobody here can tell which is which. */
  blindForReader: boolean;
  /** Blind, and the owner has revealed which is which to everyone: names show. */
  revealedToAll?: boolean;
}


/** When every chain came out quieter than asked (the common level was lowered so none clips). */
function loweredNote(rows: MetricsRow[], target: number | undefined, manifests: ReadonlyArray<ManifestFacts | undefined>): string | undefined {
  if (target === undefined) return undefined;
  const stated = manifests.map((m) => m?.loweredTo).find((v): v is number => typeof v === "number");
  const levels = rows.map((r) => r.metrics?.integrated_lufs).filter((v): v is number => typeof v === "number");
  const level = stated ?? (levels.length > 0 && Math.max(...levels) <= target - 0.5 ? Math.max(...levels) : null);
  if (level === null) return undefined;
  return `All chains sit at ${level.toFixed(1)} LUFS rather than ${target}: the common level was lowered so that no chain clips.`;
}

/** A take's metrics with the gain its render applied to match the others, when the manifest says. */
function withGain(metrics: Output["metrics"], label: string | null, manifest: ManifestFacts | undefined): Output["metrics"] {
  const gain = label !== null ? manifest?.gains.get(label) : undefined;
  return gain === undefined ? metrics : { ...metrics, match_gain_db: gain };
}

/** One part of the results under its heading (`id` names the heading, which labels the part). */
function ResultsSection({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/** A part of the results with a piece per DI; left out when no DI has any. */
function PerDiSection({
  id,
  title,
  groups,
  children,
}: {
  id: string;
  title: string;
  groups: DiResults[];
  children: (group: DiResults) => React.ReactNode;
}) {
  if (groups.length === 0) return null;
  return (
    <ResultsSection id={id} title={title}>
      {groups.map((group) => (
        <Fragment key={group.diId ?? "all"}>{children(group)}</Fragment>
      ))}
    </ResultsSection>
  );
}

/** The montage video of one DI (music only, no speech: the chain's name is on screen as it plays). */
function MontageVideo({ group, many }: { group: DiResults; many: boolean }) {
  return (
    <figure className="results__video">
      <video
        onPlay={(e) => pauseOthers(e.currentTarget)}
        controls
        preload="metadata"
        src={group.video?.url}
        poster={group.takes[0]?.card?.url ?? group.looseCards[0]?.url}
        aria-label={`Montage video${many ? `, ${group.diName}` : ""}`}
      />
      <figcaption className="muted">
        The montage with a card per chain as it plays{many ? ` (${group.diName})` : ""}: ready to upload to YouTube.
      </figcaption>
    </figure>
  );
}

/** Each chain's own player; under the A/B player, folded away until asked for. */
function TakeList({ group, many, collapsed }: { group: DiResults; many: boolean; collapsed: boolean }) {
  const list = (
    <ul className="results__takes" aria-label={many ? `Chains, ${group.diName}` : "Each chain on its own"}>
      {group.takes.map((take) => (
        <li key={take.audio.id}>
          <AudioPlayer
            src={take.audio.url}
            label={take.name}
            ariaLabel={many ? `${take.name}, ${group.diName}` : undefined}
            duration={take.audio.duration_seconds}
          />
        </li>
      ))}
    </ul>
  );
  if (!collapsed) return list;
  return (
    <details className="results__each">
      <summary>Each chain on its own{many ? `, ${group.diName}` : ""}</summary>
      {list}
    </details>
  );
}

export function Results({
  results,
  naming,
  shootoutName,
  segmentSeconds,
  targetLufs,
  canReveal,
  blindForReader,
  revealedToAll = false,
}: ResultsProps) {
  const [peeked, setRevealed] = useState(false);
  const revealed = revealedToAll || peeked;
  const groups = arrangeResults(results, { ...naming, revealed });
  const many = groups.length > 1;
  const manifests = useQueries({ queries: groups.map((g) => manifestQuery(g.manifest)) }).map((q) => q.data);
  // the manifest calls a chain by its name at render time, or by its blind letter
  const labelOf = (t: { letter: string | null; chainId: string | null }) =>
    t.letter ?? (t.chainId ? (naming.chainName(t.chainId) ?? null) : null);
  const rows: MetricsRow[] = groups.flatMap((g, n) =>
    g.takes.map((t) => ({
      key: t.audio.id,
      name: many ? `${t.name} (${g.diName})` : t.name,
      metrics: withGain(t.audio.metrics, labelOf(t), manifests[n]),
    })),
  );
  const videos = groups.filter((g) => g.video);
  const pictures = groups.filter((g) => g.spectrum || g.takes.some((t) => t.card) || g.looseCards.length > 0);

  return (
    <div className="results">
      {canReveal && !revealedToAll && (
        <div className="results__reveal">
          <p className="muted">
            Blind test: the chains play as {groups[0]?.takes.map((t) => t.letter).filter(Boolean).join(", ")} in a shuffled
            order. Listen first, guess, then reveal.
          </p>
          <button type="button" className="button" aria-pressed={revealed} onClick={() => setRevealed((r) => !r)}>
            {revealed ? "Hide the names again" : "Reveal which chain is which"}
          </button>
        </div>
      )}
      {blindForReader && (
        <p className="muted">Blind test: which chain is which stays hidden. Listen and make your guess.</p>
      )}
      {revealedToAll && (
        <p className="muted">Blind test, revealed: each chain is named with the letter it played as.</p>
      )}

      <ResultsSection id="listen-title" title="Listen">
        {groups.map((group, n) => (
          <div key={group.diId ?? "all"} className="results__group">
            {many && <h4>{group.diName}</h4>}
            {group.takes.length >= 2 && (
              <AbPlayer
                sources={group.takes.map((t) => ({
                  key: t.letter ?? t.chainId ?? t.audio.id,
                  label: t.name,
                  url: t.audio.url,
                }))}
                title={many ? `Compare the chains, ${group.diName}` : "Compare the chains"}
              />
            )}
            {group.montage && (
              <div className="results__montage">
                <AudioPlayer
                  height={72}
                  duration={group.montage.duration_seconds}
                  src={group.montage.url}
                  label={many ? `A/B montage, ${group.diName}` : "A/B montage"}
                  detail={`every chain for ${segmentSeconds} s, back to back, loudness-matched`}
                  segments={manifests[n]?.segments}
                  nameOf={(label) => group.takes.find((t) => t.letter === label)?.name ?? label}
                />
              </div>
            )}
            {/* a shared blind render lists no chain's own audio until the owner reveals it */}
            {group.takes.length > 0 && (
              <TakeList group={group} many={many} collapsed={group.takes.length >= 2} />
            )}
          </div>
        ))}
      </ResultsSection>

      <PerDiSection id="video-title" title="Video" groups={videos}>
        {(group) => <MontageVideo group={group} many={many} />}
      </PerDiSection>

      <PerDiSection id="pictures-title" title="Pictures" groups={pictures}>
        {(group) => <DiPictures group={group} many={many} />}
      </PerDiSection>

      {rows.length > 0 && (
        <ResultsSection id="metrics-title" title="Measurements">
          <MetricsTable rows={rows} caption="Each chain after loudness matching." note={loweredNote(rows, targetLufs, manifests)} />
        </ResultsSection>
      )}

      <ResultsSection id="downloads-title" title="Downloads">
        <DownloadList files={downloads(groups, shootoutName)} />
      </ResultsSection>
    </div>
  );
}
