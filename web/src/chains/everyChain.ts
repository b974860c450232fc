/** Every one of the user's signal chains, read a page at a time: for pickers and name lists
 * that need them all, and for what deleting a gear item would break (`gearId`). */
import { api, unwrap } from "../api/client";
import { allPages, MAX_LIMIT } from "../api/pages";
import type { ChainView } from "./api";

export function everyChain(filter: { gearId?: string; signal?: AbortSignal } = {}): Promise<ChainView[]> {
  return allPages(async (offset) =>
    unwrap(
      await api.GET("/api/v1/signal-chains", {
        params: { query: { limit: MAX_LIMIT, offset, gear_id: filter.gearId } },
        signal: filter.signal,
      }),
    ),
  );
}
