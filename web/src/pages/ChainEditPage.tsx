/** `/chains/new` and `/chains/:chainId`: build a chain, or change one. */
import { useNavigate, useParams } from "react-router";

import { useChain } from "../chains/api";
import { CatalogEditor } from "../chains/CatalogEditor";
import { ChainBuilder } from "../chains/ChainBuilder";

export function ChainEditPage() {
  const { chainId } = useParams();
  const navigate = useNavigate();
  const chain = useChain(chainId);
  const title = chainId ? (chain.data ? `Edit “${chain.data.name}”` : "Edit chain") : "New signal chain";

  return (
    <CatalogEditor title={title} changing={chainId ? { query: chain, what: "chain" } : null}>
      {(catalog) => (
        <ChainBuilder
          key={chain.data?.id ?? "new"}
          chain={chain.data ?? null}
          effects={catalog.effects}
          explanations={catalog.explanations}
          onSaved={(saved) => void navigate("/chains", { state: { saved: `Chain “${saved.name}” saved.` } })}
        />
      )}
    </CatalogEditor>
  );
}
