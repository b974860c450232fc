/** Chains, groups, effects and the gear to pick from, through TanStack Query. */
import { useQueries, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "../api/client";
import type { Schemas } from "../api/schemas";
import { intoOwnEntry, useApiMutation } from "../api/useApiMutation";
import { usePagedQuery } from "../components/usePagedQuery";
import { nextBlocks, type BlockKind, type GearKind } from "./rules";

export type ChainView = Schemas["ChainView"];
export type ChainIn = Schemas["ChainIn"];
export type ChainPatch = Schemas["ChainPatch"];
export type GroupView = Schemas["GroupView"];
export type GroupIn = Schemas["GroupIn"];
export type Generated = Schemas["Generated"];
export type GearItem = Schemas["GearItem"];
export type ChainCatalog = Schemas["ChainCatalog"];

export const chainKeys = {
  all: ["signal-chains"] as const,
  page: (limit: number, offset: number) => ["signal-chains", "page", { limit, offset }] as const,
  one: (id: string) => ["signal-chains", "one", id] as const,
  next: (kinds: readonly string[]) => ["chain-rules", "next-blocks", kinds.join(",")] as const,
  catalog: ["chain-rules", "effects"] as const,
};
export const groupKeys = {
  all: ["chain-groups"] as const,
  page: (limit: number, offset: number) => ["chain-groups", "page", { limit, offset }] as const,
  one: (id: string) => ["chain-groups", "one", id] as const,
};

/** The built-in effects and what each error code means (they change only with a deploy). */
export function useChainCatalog() {
  return useQuery({
    queryKey: chainKeys.catalog,
    queryFn: async () => {
      const catalog = unwrap(await api.GET("/api/v1/signal-chains/effects"));
      return { ...catalog, explanations: new Map(catalog.codes.map((c) => [c.code, c.explanation])) };
    },
    staleTime: Infinity,
  });
}

export function useChains(perPage: number) {
  return usePagedQuery(perPage, chainKeys.page, async (limit, offset) =>
    unwrap(await api.GET("/api/v1/signal-chains", { params: { query: { limit, offset } } })),
  );
}

export function useChain(id: string | undefined) {
  return useQuery({
    queryKey: chainKeys.one(id ?? ""),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/signal-chains/{chain_id}", { params: { path: { chain_id: id ?? "" } } })),
    enabled: Boolean(id),
  });
}

/** What may be added after `kinds`: the API's answer, the same rules locally until it comes. */
export function useNextBlocks(kinds: readonly BlockKind[]) {
  const local = nextBlocks(kinds);
  const query = useQuery({
    queryKey: chainKeys.next(kinds),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/signal-chains/next-blocks", { params: { query: { after: kinds.join(",") } } })),
    staleTime: Infinity,
    retry: false,
  });
  if (query.data) {
    return { next: query.data.next as BlockKind[], complete: query.data.complete, problem: null };
  }
  return local;
}

/** The user's gear of each of `kinds` (renderable kinds only make sense in a chain). */
export function useGearOfKinds(kinds: readonly GearKind[]) {
  return useQueries({
    queries: kinds.map((kind) => ({
      queryKey: ["gear", "list", { kind, limit: 200 }] as const,
      queryFn: async () => unwrap(await api.GET("/api/v1/gear", { params: { query: { kind, limit: 200 } } })),
    })),
    combine: (results) => ({
      items: results.flatMap((r) => r.data?.items ?? []),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
}

export function useSaveChain(id: string | undefined) {
  return useApiMutation(
    async (body: ChainIn): Promise<ChainView> =>
      id
        ? unwrap(
            await api.PATCH("/api/v1/signal-chains/{chain_id}", { params: { path: { chain_id: id } }, body }),
          )
        : unwrap(await api.POST("/api/v1/signal-chains", { body })),
    { update: intoOwnEntry(chainKeys.one), stale: [chainKeys.all] },
  );
}

export function useDeleteChain() {
  return useApiMutation(
    async (id: string) => {
      unwrap(await api.DELETE("/api/v1/signal-chains/{chain_id}", { params: { path: { chain_id: id } } }));
    },
    { stale: [chainKeys.all], awaitRefetch: true },
  );
}

export function useGroups(perPage: number) {
  return usePagedQuery(perPage, groupKeys.page, async (limit, offset) =>
    unwrap(await api.GET("/api/v1/chain-groups", { params: { query: { limit, offset } } })),
  );
}

export function useGroup(id: string | undefined) {
  return useQuery({
    queryKey: groupKeys.one(id ?? ""),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/chain-groups/{group_id}", { params: { path: { group_id: id ?? "" } } })),
    enabled: Boolean(id),
  });
}

export function useCreateGroup() {
  return useApiMutation(
    async (body: GroupIn): Promise<GroupView> => unwrap(await api.POST("/api/v1/chain-groups", { body })),
    { update: intoOwnEntry(groupKeys.one), stale: [groupKeys.all] },
  );
}

export function useDeleteGroup() {
  return useApiMutation(
    async (id: string) => {
      unwrap(await api.DELETE("/api/v1/chain-groups/{group_id}", { params: { path: { group_id: id } } }));
    },
    { stale: [groupKeys.all], awaitRefetch: true },
  );
}

export function useGenerateGroup(id: string) {
  return useApiMutation(
    async (): Promise<Generated> =>
      unwrap(await api.POST("/api/v1/chain-groups/{group_id}/generate", { params: { path: { group_id: id } } })),
    { stale: [chainKeys.all], awaitRefetch: true },
  );
}
