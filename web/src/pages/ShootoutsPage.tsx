/** `/shootouts`: the user's shootouts with their status (live while rendering). */
import { useState } from "react";
import { Link } from "react-router";

import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { PAGE_SIZE, useShootouts } from "../shootouts/api";
import { Pager, pageOf } from "../components/Pager";
import { ShootoutList } from "../shootouts/ShootoutList";
import { ShootoutsEmpty } from "../shootouts/ShootoutsEmpty";

export function ShootoutsPage() {
  const [offset, setOffset] = useState(0);
  const page = useShootouts(offset);
  return (
    <>
      <title>Your shootouts · GTS</title>
      <header className="page-header">
        <h1>Shootouts</h1>
        <Link className="button button--primary" to="/shootouts/new">
          New shootout
        </Link>
      </header>
      {page.isPending ? (
        <Loading what="your shootouts" />
      ) : page.isError ? (
        <ErrorNote error={page.error} title="Your shootouts could not be loaded" />
      ) : page.data.total === 0 ? (
        <ShootoutsEmpty />
      ) : (
        <section className="panel" aria-label="Your shootouts">
          <ShootoutList shootouts={page.data.items} />
          <Pager label="Pages of shootouts" {...pageOf(offset, PAGE_SIZE, page.data.total)} onPage={(n) => setOffset((n - 1) * PAGE_SIZE)} />
        </section>
      )}
    </>
  );
}
