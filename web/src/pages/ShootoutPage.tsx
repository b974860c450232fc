/** `/shootouts/:shootoutId`: what it plays, render it live, its results, share it. */
import { Link, useParams } from "react-router";

import { ApiError } from "../api/problem";
import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { ListeningPanel } from "../listening/ListeningPanel";
import { useChains, useDiTracks, useShootout } from "../shootouts/api";
import { DeleteShootout } from "../shootouts/DeleteShootout";
import { statusOf } from "../shootouts/format";
import { JobHistory } from "../shootouts/JobHistory";
import { NotShared } from "../shootouts/NotShared";
import { RenderPanel } from "../shootouts/RenderPanel";
import { Results } from "../shootouts/Results";
import { ShareControls } from "../shootouts/ShareControls";
import { blindness } from "../shootouts/results";
import { RevealToEveryone } from "../shootouts/RevealToEveryone";
import { ShootoutSummary } from "../shootouts/ShootoutSummary";
import { StatusBadge } from "../shootouts/StatusBadge";
import { useJobProgress } from "../shootouts/useJobProgress";
import "../shootouts/ShootoutPage.css";

export function ShootoutPage() {
  const { shootoutId = "" } = useParams();
  const shootout = useShootout(shootoutId);
  const tracks = useDiTracks();
  const chains = useChains();
  const latest = shootout.data?.latest_job ?? null;
  const running = latest !== null && (latest.status === "queued" || latest.status === "running");
  // the header's badge follows the job as the render panel does (one socket, two listeners)
  const live = useJobProgress(running ? latest : null).state;

  if (shootout.isPending) return <Loading what="the shootout" />;
  if (shootout.isError) {
    if (shootout.error instanceof ApiError && shootout.error.status === 404) return <NotShared mine />;
    return <ErrorNote error={shootout.error} title="The shootout could not be loaded" />;
  }
  const s = shootout.data;
  const chainMap = new Map((chains.data ?? []).map((c) => [c.id, c]));
  const trackMap = new Map((tracks.data ?? []).map((t) => [t.id, t]));
  const chainName = (id: string) => chainMap.get(id)?.name;
  const job = s.latest_job;
  const olderResults = s.results.length > 0 && job !== null && job.status !== "completed";
  const blind = blindness(s, true);

  return (
    <article className="shootout-page">
      <title>{`${s.name} · GTS`}</title>
      <header className="page-header">
        <div>
          <p className="shootout-page__crumb">
            <Link to="/shootouts">Shootouts</Link>
          </p>
          <h1>{s.name}</h1>
        </div>
        <div className="actions">
          <StatusBadge status={live ? statusOf({ status: live.status, percent: live.percent }) : statusOf(job)} />
          <Link className="button" to={`/shootouts/${s.id}/edit`}>
            Edit
          </Link>
          <DeleteShootout id={s.id} name={s.name} />
        </div>
      </header>
      {s.description && <p className="shootout-page__description">{s.description}</p>}

      <div className="shootout-page__grid">
        <ShootoutSummary shootout={s} tracks={trackMap} chains={chainMap} />
        <div className="shootout-page__side">
          <RenderPanel shootout={s} chainName={chainName} />
          <ShareControls shootout={s} />
        </div>
      </div>

      {s.results.length > 0 && (
        <section className="panel" aria-labelledby="results-title">
          <h2 id="results-title">Results</h2>
          {olderResults && <p className="muted">These are from the last render that finished.</p>}
          <Results
            results={s.results}
            naming={{
              chainIds: s.chain_ids,
              chainName,
              diIds: s.di_ids,
              diName: (id) => trackMap.get(id)?.name,
              blindKey: s.blind_key,
            }}
            shootoutName={s.name}
            segmentSeconds={s.montage.segment_seconds}
            targetLufs={s.montage.target_lufs}
            canReveal={blind === "peek"}
            blindForReader={false}
            revealedToAll={blind === "revealed"}
          />
          {blind !== "named" && <RevealToEveryone shootout={s} />}
        </section>
      )}

      {s.results.length > 0 && <ListeningPanel shootout={s} />}

      <JobHistory shootoutId={s.id} />
    </article>
  );
}
