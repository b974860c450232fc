/** Everyone's public shootouts, newest first, a few at a time. */
import { PagedList } from "../components/PagedList";
import { usePaging } from "../components/usePaging";
import { usePublicShootouts } from "../shootouts/api";
import { PublicShootoutCard } from "./PublicShootoutCard";
import "./PublicShootoutList.css";

const PER_PAGE = 6;

export function PublicShootoutList() {
  const paging = usePaging(PER_PAGE);
  const page = usePublicShootouts(paging.offset, PER_PAGE);
  return (
    <section className="public-list" aria-labelledby="public-title">
      <h2 id="public-title" tabIndex={-1}>
        Shared shootouts
      </h2>
      <PagedList
        query={page}
        what="shared shootouts"
        failed="The shared shootouts could not be loaded"
        empty={<p className="empty">No public shootouts yet. Make one, set it to public, and it shows up here.</p>}
        paging={paging}
        pagerLabel="Pages of shared shootouts"
      >
        {(items, pager) => (
          <>
            <div className="public-list__grid">
              {items.map((s) => (
                <PublicShootoutCard key={s.id} shootout={s} />
              ))}
            </div>
            {pager}
          </>
        )}
      </PagedList>
    </section>
  );
}
