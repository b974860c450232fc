/** Everyone's public shootouts, newest first, a few at a time. */
import { useState } from "react";

import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { usePublicShootouts } from "../shootouts/api";
import { Pager, pageOf } from "../components/Pager";
import { PublicShootoutCard } from "./PublicShootoutCard";
import "./PublicShootoutList.css";

const PER_PAGE = 6;

export function PublicShootoutList() {
  const [offset, setOffset] = useState(0);
  const page = usePublicShootouts(offset, PER_PAGE);
  return (
    <section className="public-list" aria-labelledby="public-title">
      <h2 id="public-title" tabIndex={-1}>
        Shared shootouts
      </h2>
      {page.isPending ? (
        <Loading what="shared shootouts" />
      ) : page.isError ? (
        <ErrorNote error={page.error} title="The shared shootouts could not be loaded" />
      ) : page.data.total === 0 ? (
        <p className="empty">No public shootouts yet. Make one, set it to public, and it shows up here.</p>
      ) : (
        <>
          <div className="public-list__grid">
            {page.data.items.map((s) => (
              <PublicShootoutCard key={s.id} shootout={s} />
            ))}
          </div>
          <Pager label="Pages of shared shootouts" {...pageOf(offset, PER_PAGE, page.data.total)} onPage={(n) => setOffset((n - 1) * PER_PAGE)} />
        </>
      )}
    </section>
  );
}
