/** `/chains`: the user's signal chains and chain groups. */
import { useEffect, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";

import { useChainCatalog } from "../chains/api";
import { ChainList } from "../chains/ChainList";
import { GroupList } from "../chains/GroupList";
import "../chains/Cards.css";

export function ChainsPage() {
  const location = useLocation();
  const navigate = useNavigate();
  // the note from the page that sent us here, shown once (not again on reload)
  const [saved] = useState((location.state as { saved?: string } | null)?.saved);
  useEffect(() => {
    if (location.state) void navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  const catalog = useChainCatalog();
  const effects = catalog.data?.effects ?? [];
  return (
    <>
      <div className="page-header">
        <h1>Signal chains</h1>
        <div className="actions">
          <Link to="/chains/new" className="button button--primary">
            New chain
          </Link>
          <Link to="/groups/new" className="button">
            New group
          </Link>
        </div>
      </div>
      {saved && (
        <p className="ok-note" role="status">
          {saved}
        </p>
      )}
      <section aria-labelledby="chains-heading">
        <h2 id="chains-heading">Chains</h2>
        <ChainList effects={effects} />
      </section>
      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading">Chain groups</h2>
        <GroupList effects={effects} />
      </section>
    </>
  );
}
