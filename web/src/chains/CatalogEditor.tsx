/**
 * A chain or group editor's page: its title, then the editor once the effects catalog (and the
 * chain or group being changed) have loaded, or what could not be loaded.
 */
import type { UseQueryResult } from "@tanstack/react-query";

import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { useChainCatalog } from "./api";

export type Catalog = NonNullable<ReturnType<typeof useChainCatalog>["data"]>;

export interface CatalogEditorProps {
  title: string;
  /** the chain or group being changed, and what to call it; null when making a new one */
  changing: { query: UseQueryResult; what: "chain" | "group" } | null;
  /** the editor, given the catalog */
  children: (catalog: Catalog) => React.ReactNode;
}

export function CatalogEditor({ title, changing, children }: CatalogEditorProps) {
  const catalog = useChainCatalog();
  let body: React.ReactNode;
  if (catalog.isPending || changing?.query.isPending) body = <Loading what={changing ? `the ${changing.what}` : "the effects"} />;
  else if (catalog.isError) body = <ErrorNote error={catalog.error} title="The effects could not be loaded" />;
  else if (changing?.query.isError) body = <ErrorNote error={changing.query.error} title={`The ${changing.what} could not be loaded`} />;
  else body = children(catalog.data);

  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      {body}
    </>
  );
}
