/** On a shared shootout's page: the way into the blind test and the ABX test. */
import { Link } from "react-router";

export function ListeningLinks({ shootoutId }: { shootoutId: string }) {
  return (
    <div className="actions listening-links">
      <Link className="button button--primary" to={`/s/${shootoutId}/listen`}>
        Take the blind test
      </Link>
      <Link className="button" to={`/s/${shootoutId}/abx`}>
        ABX test
      </Link>
    </div>
  );
}
