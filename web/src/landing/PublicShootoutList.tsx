/** Everyone's public shootouts, newest first, a few at a time. */
import { PagedItems } from "../components/PagedItems";
import { usePublicShootouts } from "../shootouts/api";
import { PublicShootoutCard } from "./PublicShootoutCard";
import "./PublicShootoutList.css";

const PER_PAGE = 6;

export function PublicShootoutList() {
  const shootouts = usePublicShootouts(PER_PAGE);
  return (
    <section className="public-list" aria-labelledby="public-title">
      <h2 id="public-title" tabIndex={-1}>
        Shared shootouts
      </h2>
      <PagedItems
        list={shootouts}
        what="shared shootouts"
        failed="The shared shootouts could not be loaded"
        empty={<p className="empty">No public shootouts yet. Make one, set it to public, and it shows up here.</p>}
        pagerLabel="Pages of shared shootouts"
        as="div"
        className="public-list__grid"
        entry={(shootout) => <PublicShootoutCard shootout={shootout} />}
      />
    </section>
  );
}
