/** `/chains/new` and `/chains/:chainId`: build a chain, or change one. */
import { useNavigate, useParams } from "react-router";

import { useChain, useChainCatalog } from "../chains/api";
import { ChainBuilder } from "../chains/ChainBuilder";
import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";

export function ChainEditPage() {
  const { chainId } = useParams();
  const navigate = useNavigate();
  const chain = useChain(chainId);
  const catalog = useChainCatalog();
  const title = chainId ? (chain.data ? `Edit “${chain.data.name}”` : "Edit chain") : "New signal chain";

  let body: React.ReactNode;
  if (catalog.isPending || (chainId && chain.isPending)) body = <Loading what={chainId ? "the chain" : "the effects"} />;
  else if (catalog.isError) body = <ErrorNote error={catalog.error} title="The effects could not be loaded" />;
  else if (chainId && chain.isError) body = <ErrorNote error={chain.error} title="The chain could not be loaded" />;
  else
    body = (
      <ChainBuilder
        key={chain.data?.id ?? "new"}
        chain={chain.data ?? null}
        effects={catalog.data.effects}
        explanations={catalog.data.explanations}
        onSaved={(saved) => void navigate("/chains", { state: { saved: `Chain “${saved.name}” saved.` } })}
      />
    );

  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      {body}
    </>
  );
}
