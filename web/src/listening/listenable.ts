/**
 * The shootout as a listener sees it, for the listening pages: its name, chains (for ABX) and
 * whether they are blind to this reader. The shared view first; for the owner of a private
 * shootout, their own view and their chains' names.
 */
import { useQuery } from "@tanstack/react-query";

import { api, unwrap } from "../api/client";
import { ApiError } from "../api/problem";
import { everyChain } from "../chains/everyChain";
import { blindness } from "../shootouts/results";

export interface Listenable {
  id: string;
  name: string;
  chainIds: string[];
  names: Map<string, string>;
  /** Blind and not revealed to this reader: chain names must not be tied to sounds. */
  hidden: boolean;
  /** The listeners' results may be read (published, or the reader's own shootout). */
  resultsShown: boolean;
}

async function shared(id: string): Promise<Listenable | null> {
  try {
    const s = unwrap(await api.GET("/api/v1/public/shootouts/{shootout_id}", { params: { path: { shootout_id: id } } }));
    const names = new Map(s.chains.map((c) => [c.id, c.name]));
    const hidden = blindness(s, false) === "hidden";
    return { id, name: s.name, chainIds: s.chain_ids, names, hidden, resultsShown: s.listening_published };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
}

async function own(id: string): Promise<Listenable> {
  const s = unwrap(await api.GET("/api/v1/shootouts/{shootout_id}", { params: { path: { shootout_id: id } } }));
  const chains = await everyChain();
  const names = new Map(chains.map((c) => [c.id, c.name]));
  return { id, name: s.name, chainIds: s.chain_ids, names, hidden: false, resultsShown: true };
}

/** The shootout, or an ApiError 404 when it is neither shared nor the reader's own. */
export function useListenable(id: string, signedIn: boolean) {
  return useQuery({
    queryKey: ["listening", "shootout", id, signedIn] as const,
    queryFn: async (): Promise<Listenable> => {
      const found = await shared(id);
      if (found) return found;
      if (signedIn) return own(id);
      throw new ApiError({ type: "about:blank", title: "Not Found", status: 404, detail: "shootout not found" });
    },
    retry: false,
  });
}
