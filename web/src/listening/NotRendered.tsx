/** A shootout with nothing rendered to listen to yet: said plainly, with the way back. */
import { Link } from "react-router";

export function NotRendered({ shootoutId }: { shootoutId: string }) {
  return (
    <section className="panel">
      <h2>Not rendered yet</h2>
      <p>This shootout has no finished render to listen to. Once its owner renders it, the test will be here.</p>
      <p>
        <Link className="button" to={`/s/${shootoutId}`}>
          Back to the shootout
        </Link>
      </p>
    </section>
  );
}
