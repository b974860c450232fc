/** A shootout that does not exist, is not yours, or is not shared: said plainly, with a way on. */
import { Link } from "react-router";

export function NotShared({ mine = false }: { mine?: boolean }) {
  return (
    <section className="panel not-shared">
      <title>Not found · GTS</title>
      <h1>{mine ? "Shootout not found" : "Not found or not shared"}</h1>
      {mine ? (
        <p>There is no shootout here among yours. It may have been deleted, or the link belongs to someone else.</p>
      ) : (
        <p>
          This shootout does not exist, or its owner has not shared it (or stopped sharing it). Ask them for the link
          again.
        </p>
      )}
      <p className="actions">
        {mine && (
          <Link className="button" to="/shootouts">
            Your shootouts
          </Link>
        )}
        <Link className="button button--quiet" to="/">
          Listen to public shootouts
        </Link>
      </p>
    </section>
  );
}
