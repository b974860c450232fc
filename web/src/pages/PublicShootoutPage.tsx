/** `/s/:shootoutId`: a shared shootout as anyone with the link sees it. */
import { useParams } from "react-router";

import { ApiError } from "../api/problem";
import { signInUrl } from "../api/session";
import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { ListeningLinks } from "../listening/ListeningLinks";
import { ListeningResultsView } from "../listening/ListeningResultsView";
import { useListeningResults } from "../listening/resultsApi";
import { useMe } from "../session/useMe";
import { usePublicShootout } from "../shootouts/api";
import { formatWhen } from "../shootouts/format";
import { NotShared } from "../shootouts/NotShared";
import { PublicChains } from "../shootouts/PublicChains";
import { Results } from "../shootouts/Results";
import { blindness } from "../shootouts/results";
import "../shootouts/PublicShootoutPage.css";

export function PublicShootoutPage() {
  const { shootoutId = "" } = useParams();
  const shootout = usePublicShootout(shootoutId);
  const me = useMe();
  // fetched only once the owner has published them (before that the route answers 404)
  const listening = useListeningResults(shootoutId, shootout.data?.listening_published === true);

  if (shootout.isPending) return <Loading what="the shootout" />;
  if (shootout.isError) {
    if (shootout.error instanceof ApiError && (shootout.error.status === 404 || shootout.error.status === 400)) {
      return <NotShared />;
    }
    return <ErrorNote error={shootout.error} title="The shootout could not be loaded" />;
  }
  const s = shootout.data;
  const names = new Map(s.chains.map((c) => [c.id, c.name]));
  const blind = blindness(s, false);
  return (
    <article className="public-shootout">
      <title>{`${s.name} · GTS shootout`}</title>
      <header className="public-shootout__header">
        <p className="public-shootout__kicker muted">
          Guitar tone shootout · shared{" "}
          <time dateTime={s.created_at}>{formatWhen(s.created_at)}</time>
        </p>
        <h1>{s.name}</h1>
        {s.description && <p className="public-shootout__description">{s.description}</p>}
        <p className="muted">
          {s.chains.length || s.chain_ids.length} rigs over the same DI, matched to {s.montage.target_lufs} LUFS so the
          louder one doesn’t win, {s.montage.segment_seconds} s each, back to back.
        </p>
      </header>

      {s.results.length > 0 ? (
        <section className="panel" aria-labelledby="results-title">
          <h2 id="results-title">Listen and compare</h2>
          <ListeningLinks shootoutId={s.id} />
          <Results
            results={s.results}
            naming={{ chainIds: s.chain_ids, chainName: (id) => names.get(id), blindKey: s.blind_key }}
            shootoutName={s.name}
            segmentSeconds={s.montage.segment_seconds}
            targetLufs={s.montage.target_lufs}
            canReveal={false}
            blindForReader={blind === "hidden"}
            revealedToAll={blind === "revealed"}
          />
        </section>
      ) : (
        <p className="empty">Nothing has been rendered for this shootout yet. Check back later.</p>
      )}

      {listening.data?.published && (
        <section className="panel" id="listening-results" aria-labelledby="listening-title">
          <h2 id="listening-title">What listeners preferred</h2>
          <ListeningResultsView results={listening.data} />
        </section>
      )}

      <section className="panel" aria-labelledby="chains-title">
        <h2 id="chains-title">The rigs</h2>
        <PublicChains chains={s.chains} blind={blind} blindKey={s.blind_key} />
      </section>

      {me.data === null && (
        <section className="panel public-shootout__cta">
          <h2>Run your own shootout</h2>
          <p>Bring your NAM captures, cab IRs and a DI recording; GTS renders, loudness-matches and cuts the video.</p>
          <a className="button button--primary" href={signInUrl("/shootouts/new")}>
            Sign in with TONE3000
          </a>
        </section>
      )}
    </article>
  );
}
