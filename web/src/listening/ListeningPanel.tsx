/**
 * The owner's listening room for a shootout: the links to hand listeners (blind test, ABX),
 * what they said so far, updated live as votes and ABX runs arrive, publishing those results
 * on the shared page, and the votes as CSV.
 */
import { useId } from "react";
import { Link } from "react-router";

import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import type { Shootout } from "../shootouts/types";
import { ListeningResultsView } from "./ListeningResultsView";
import { useListeningResults, useLiveListening, usePublishResults, votesCsvUrl } from "./resultsApi";
import "./ListeningPanel.css";

export function ListeningPanel({ shootout }: { shootout: Shootout }) {
  const id = useId();
  const results = useListeningResults(shootout.id);
  const publish = usePublishResults(shootout.id);
  useLiveListening(shootout.id, true);
  const shared = shootout.visibility !== "private";
  const listenUrl = `${location.origin}/s/${shootout.id}/listen`;
  const data = results.data ?? null;

  return (
    <section className="panel listening-panel" aria-labelledby={`${id}-title`}>
      <div className="listening-panel__head">
        <h2 id={`${id}-title`}>Listening room</h2>
        {data && (
          <span className={data.published ? "tag listening-panel__state--shown" : "tag"}>
            {data.published ? "Results published" : "Results only you see"}
          </span>
        )}
      </div>
      {shared ? (
        <div className="field">
          <label htmlFor={`${id}-link`}>Blind test link for listeners</label>
          <div className="listening-panel__link">
            <input id={`${id}-link`} readOnly value={listenUrl} onFocus={(e) => e.target.select()} />
            <Link className="button" to={`/s/${shootout.id}/listen`}>
              Take it yourself
            </Link>
            <Link className="button button--quiet" to={`/s/${shootout.id}/abx`}>
              ABX test
            </Link>
          </div>
          <small className="field__hint">
            Anyone with the link rates the rigs blind, under letters of their own, and votes once; no account needed.
          </small>
        </div>
      ) : (
        <p className="muted">
          To collect listeners’ votes, share the shootout first (unlisted or public, above): the blind test link appears
          here. <Link to={`/s/${shootout.id}/abx`}>Run an ABX test yourself</Link>.
        </p>
      )}

      {results.isPending && <Loading what="the listening results" />}
      {results.isError && <ErrorNote error={results.error} title="The listening results could not be loaded" />}
      {data && <ListeningResultsView results={data} />}

      {data && (
        <div className="actions listening-panel__actions">
          <button
            type="button"
            className={data.published ? "button" : "button button--primary"}
            disabled={publish.isPending}
            onClick={() => publish.mutate(!data.published)}
          >
            {data.published ? "Unpublish results" : "Publish results"}
          </button>
          <a className="button button--quiet" href={votesCsvUrl(shootout.id)} download>
            Download votes (CSV)
          </a>
          {!shared && data.published && (
            <span className="muted">Published results show on the shared page once the shootout is shared.</span>
          )}
        </div>
      )}
      {publish.isError && <ErrorNote error={publish.error} title="That did not work" />}
    </section>
  );
}
