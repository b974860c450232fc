/** After the vote: which chain each letter was, with the listener's ratings and favourite, and
 * the way to everyone's results once the owner publishes them. */
import { Link } from "react-router";

import { useListeningResults } from "./resultsApi";
import type { BlindSession } from "./types";

export function Reveal({ session, resultsShown }: { session: BlindSession; resultsShown: boolean }) {
  // asked for only when they may be read (the route answers 404 before they are published)
  const results = useListeningResults(session.shootout_id, resultsShown);
  const reveal = session.reveal ?? {};
  const vote = session.vote;
  return (
    <section className="panel reveal" aria-labelledby="reveal-title">
      <h2 id="reveal-title">The reveal</h2>
      <div className="table-wrap">
        <table className="reveal__table">
          <thead>
            <tr>
              <th scope="col">Letter</th>
              <th scope="col">Chain</th>
              <th scope="col">Your rating</th>
              <th scope="col">Favourite</th>
            </tr>
          </thead>
          <tbody>
            {session.letters.map((letter) => {
              const favourite = vote?.favourite === letter;
              return (
                <tr key={letter} className={favourite ? "reveal__row--favourite" : undefined}>
                  <th scope="row">{letter}</th>
                  <td>{reveal[letter]?.name ?? "—"}</td>
                  <td>{vote?.ratings[letter] ?? "—"}</td>
                  <td>{favourite ? <span className="tag">★ your favourite</span> : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {results.data?.published ? (
        <p>
          <Link className="button" to={`/s/${session.shootout_id}#listening-results`}>
            See what everyone preferred
          </Link>
        </p>
      ) : (
        <p className="muted">
          The owner has not published the listeners’ results yet.{" "}
          <Link to={`/s/${session.shootout_id}`}>Back to the shootout</Link>
        </p>
      )}
    </section>
  );
}
