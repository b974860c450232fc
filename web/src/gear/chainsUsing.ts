/**
 * Which of the user's signal chains use a gear item (what deleting it breaks).
 *
 * `GET /api/v1/signal-chains?gear_id=` filters on the server; every page of its answer is
 * read, and each chain is checked here too (dropping `gear_id` from the query in
 * `chainsUsingGear` would make this the whole filter, against a server without it).
 */
import { api, unwrap } from "../api/client";
import type { ChainPage, ChainView } from "./types";

const PAGE = 100; // the API's largest page

/** True when a block of `chain` is the item, or a group slot offers it. */
export function chainUsesGear(chain: ChainView, gearId: string): boolean {
  return chain.blocks.some((block) => block.gear_id === gearId || (block.options ?? []).includes(gearId));
}

/** Every page from `fetchPage(offset)`, keeping the chains that use `gearId`. */
export async function collectChainsUsing(
  gearId: string,
  fetchPage: (offset: number) => Promise<ChainPage>,
): Promise<ChainView[]> {
  const found: ChainView[] = [];
  let offset = 0;
  for (;;) {
    const page = await fetchPage(offset);
    found.push(...page.items.filter((chain) => chainUsesGear(chain, gearId)));
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) return found;
  }
}

export function chainsUsingGear(gearId: string, signal?: AbortSignal): Promise<ChainView[]> {
  return collectChainsUsing(gearId, async (offset) =>
    unwrap(
      await api.GET("/api/v1/signal-chains", {
        params: { query: { limit: PAGE, offset, gear_id: gearId } },
        signal,
      }),
    ),
  );
}
