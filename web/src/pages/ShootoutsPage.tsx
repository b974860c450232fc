/** `/shootouts`: the user's shootouts with their status (live while rendering). */
import { Link } from "react-router";

import { PagedList } from "../components/PagedList";
import { PAGE_SIZE, useShootouts } from "../shootouts/api";
import { ShootoutList } from "../shootouts/ShootoutList";
import { ShootoutsEmpty } from "../shootouts/ShootoutsEmpty";

export function ShootoutsPage() {
  const shootouts = useShootouts(PAGE_SIZE);
  return (
    <>
      <title>Your shootouts · GTS</title>
      <header className="page-header">
        <h1>Shootouts</h1>
        <Link className="button button--primary" to="/shootouts/new">
          New shootout
        </Link>
      </header>
      <PagedList
        list={shootouts}
        what="your shootouts"
        empty={<ShootoutsEmpty />}
        pagerLabel="Pages of shootouts"
      >
        {(items, pager) => (
          <section className="panel" aria-label="Your shootouts">
            <ShootoutList shootouts={items} />
            {pager}
          </section>
        )}
      </PagedList>
    </>
  );
}
