/** No shootouts yet: what a shootout is and the three steps to the first one. */
import { Link } from "react-router";

export function ShootoutsEmpty() {
  return (
    <section className="panel empty-start">
      <h2>No shootouts yet</h2>
      <p>
        A shootout plays the same DI through several rigs, matched in loudness, back to back. To make your
        first one:
      </p>
      <ol>
        <li>
          <Link to="/di-tracks">Upload a DI track</Link> (your guitar recorded dry).
        </li>
        <li>
          <Link to="/gear">Add amp captures and cab IRs</Link>, then <Link to="/chains/new">build two or more chains</Link>.
        </li>
        <li>
          <Link to="/shootouts/new">Create the shootout</Link> and render it.
        </li>
      </ol>
    </section>
  );
}
