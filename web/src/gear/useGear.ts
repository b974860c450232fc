/** The gear library through TanStack Query: the list, changes, deletion, download. */
import { keepPreviousData, useQuery, type QueryClient } from "@tanstack/react-query";

import { api, unwrap } from "../api/client";
import { useApiMutation } from "../api/useApiMutation";
import { everyChain } from "../chains/everyChain";
import type { GearListQuery } from "./filters";
import type { GearItem, GearPage, GearUpdate } from "./types";

export const gearKeys = {
  all: ["gear"] as const,
  lists: ["gear", "list"] as const,
  list: (query: GearListQuery) => ["gear", "list", query] as const,
  /** Under the chains' key, so anything that changes chains refreshes it too. */
  chainsUsing: (gearId: string) => ["signal-chains", "using-gear", gearId] as const,
};

export function useGearList(query: GearListQuery) {
  return useQuery({
    queryKey: gearKeys.list(query),
    queryFn: async ({ signal }) => unwrap(await api.GET("/api/v1/gear", { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** Put a changed item into every cached list page at once (the refetch confirms it). */
function replaceInLists(client: QueryClient, item: GearItem): void {
  client.setQueriesData<GearPage>({ queryKey: gearKeys.lists }, (page) =>
    page ? { ...page, items: page.items.map((it) => (it.id === item.id ? item : it)) } : page,
  );
}

/** One mutation a control: each keeps its own error to show at its own field. */
export function useUpdateGear(gearId: string) {
  return useApiMutation(
    async (change: GearUpdate) =>
      unwrap(await api.PATCH("/api/v1/gear/{gear_id}", { params: { path: { gear_id: gearId } }, body: change })),
    { update: replaceInLists, stale: [gearKeys.all] },
  );
}

export function useDeleteGear(gearId: string) {
  return useApiMutation(
    async () => unwrap(await api.DELETE("/api/v1/gear/{gear_id}", { params: { path: { gear_id: gearId } } })),
    { stale: [gearKeys.all, ["signal-chains"]] },
  );
}

export function useChainsUsing(gearId: string, enabled: boolean) {
  return useQuery({
    queryKey: gearKeys.chainsUsing(gearId),
    queryFn: ({ signal }) => everyChain({ gearId, signal }),
    enabled,
    staleTime: 0,
  });
}

/** Fetch the item's file (with the session's refresh) and hand it to the browser as a download. */
export async function downloadGear(item: GearItem): Promise<void> {
  const blob = unwrap(
    await api.GET("/api/v1/gear/{gear_id}/file", {
      params: { path: { gear_id: item.id } },
      parseAs: "blob",
    }),
  ) as Blob;
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = item.filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
