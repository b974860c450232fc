/** Which of the user's signal chains use a gear item (what deleting it breaks). */
import { api, unwrap } from "../api/client";
import { allPages, MAX_LIMIT } from "../api/pages";
import type { ChainView } from "./types";

export function chainsUsingGear(gearId: string, signal?: AbortSignal): Promise<ChainView[]> {
  return allPages(async (offset) =>
    unwrap(
      await api.GET("/api/v1/signal-chains", {
        params: { query: { limit: MAX_LIMIT, offset, gear_id: gearId } },
        signal,
      }),
    ),
  );
}
