/** What the listeners said, read-only: per chain the favourite share and mean rating with
 * their 95 % intervals, per pair the ABX runs, and the results picture. */
import { useState } from "react";

import { ResultBar } from "./ResultBar";
import { ratingText, shareText } from "./resultBars";
import { resultsSvgUrl } from "./resultsApi";
import type { ListeningResults } from "./types";
import "./ListeningResults.css";

export function ListeningResultsView({ results }: { results: ListeningResults }) {
  const runs = results.pairs.reduce((sum, p) => sum + p.sessions, 0);
  const names = new Map(results.chains.map((c) => [c.chain_id, c.name]));
  const name = (id: string) => names.get(id) ?? "a removed chain";
  const voteWord = results.votes === 1 ? "vote" : "votes";
  // a new vote makes a new picture: the count in its URL keeps a cached one from showing
  const pictureUrl = `${resultsSvgUrl(results.shootout_id)}?votes=${results.votes}&runs=${runs}`;
  const [failedPicture, setFailedPicture] = useState<string | null>(null);
  return (
    <div className="listening-results">
      <p className="listening-results__votes" data-votes={results.votes}>
        <strong>{results.votes}</strong> {voteWord} in the blind test
      </p>
      {results.votes > 0 && results.chains.length > 0 && (
        <ul className="chain-results" aria-label="Per chain, with 95 % intervals">
          {results.chains.map((c) => (
            <li key={c.chain_id} className="chain-result">
              <div className="chain-result__name">
                <strong>{c.name}</strong>
                <span className="muted chain-result__count">
                  favourite in {c.favourite} of {c.votes} {c.votes === 1 ? "vote" : "votes"}
                </span>
              </div>
              <div className="chain-result__measure">
                <span className="chain-result__label">Favourite share</span>
                <ResultBar estimate={c.favourite_share} max={1} text={shareText(c.favourite_share)} label={`${c.name}, favourite share`} />
              </div>
              <div className="chain-result__measure">
                <span className="chain-result__label">Mean rating</span>
                {c.mean_rating ? (
                  <ResultBar estimate={c.mean_rating} max={100} text={ratingText(c.mean_rating)} label={`${c.name}, mean rating`} />
                ) : (
                  <span className="muted">not rated</span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <h3>ABX runs</h3>
      {results.pairs.length === 0 ? (
        <p className="muted">No finished ABX runs yet.</p>
      ) : (
        <ul className="listening-results__pairs">
          {results.pairs.map((p) => (
            <li key={p.chain_ids.join(":")}>
              <strong>{p.chain_ids.map(name).join(" vs ")}</strong>: {p.sessions} {p.sessions === 1 ? "run" : "runs"},{" "}
              {p.significant} reached p &lt; 0.05
            </li>
          ))}
        </ul>
      )}
      {results.votes > 0 && failedPicture !== pictureUrl && (
        <figure className="listening-results__picture">
          <img
            src={pictureUrl}
            alt="The listening results as bars with their 95 % intervals"
            onError={() => setFailedPicture(pictureUrl)}
          />
          <figcaption className="muted">
            <a href={pictureUrl} download={`listening-${results.shootout_id}.svg`}>
              Download the picture (SVG)
            </a>{" "}
            to share the results with the shootout&rsquo;s video and files.
          </figcaption>
        </figure>
      )}
    </div>
  );
}
