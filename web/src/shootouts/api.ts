/**
 * Shootouts, their jobs and outputs through the data layer: one query key per resource,
 * mutations invalidate what they change. Live job state comes from `/ws`, never by polling.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "../api/client";
import { allPages, MAX_LIMIT } from "../api/pages";
import { intoOwnEntry, useApiMutation, type CacheEffects } from "../api/useApiMutation";
import { everyChain } from "../chains/everyChain";
import { usePagedQuery } from "../components/usePagedQuery";
import type { Chain, DiTrack, Job, PublicShootout, Shootout, ShootoutIn, ShootoutPatch, Submitted } from "./types";

export const PAGE_SIZE = 20;

export const keys = {
  all: ["shootouts"] as const,
  lists: ["shootouts", "list"] as const,
  list: (limit: number, offset: number) => ["shootouts", "list", { limit, offset }] as const,
  one: (id: string) => ["shootouts", "one", id] as const,
  jobs: (id: string) => ["shootouts", "jobs", id] as const,
  publicAll: ["public-shootouts"] as const,
  publicList: (limit: number, offset: number) => ["public-shootouts", "list", { limit, offset }] as const,
  publicOne: (id: string) => ["public-shootouts", "one", id] as const,
  // the whole libraries, for the pickers and for naming chains and DIs
  diTracks: ["di-tracks", "all"] as const,
  chains: ["signal-chains", "all"] as const,
};

/** The shootout as the API now answers it into its cache entry; the lists showing it are stale. */
const LEARN_SHOOTOUT: CacheEffects<Shootout> = { update: intoOwnEntry(keys.one), stale: [keys.lists, keys.publicAll] };

export function useShootouts(perPage: number) {
  return usePagedQuery(perPage, keys.list, async (limit, offset) =>
    unwrap(await api.GET("/api/v1/shootouts", { params: { query: { limit, offset } } })),
  );
}

export function useShootout(id: string) {
  return useQuery({
    queryKey: keys.one(id),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/shootouts/{shootout_id}", { params: { path: { shootout_id: id } } })),
  });
}

export function useShootoutJobs(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.jobs(id),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/shootouts/{shootout_id}/jobs", {
          params: { path: { shootout_id: id }, query: { limit: 20, offset: 0 } },
        }),
      ),
    enabled,
  });
}

export function usePublicShootouts(perPage: number) {
  return usePagedQuery(perPage, keys.publicList, async (limit, offset) =>
    unwrap(await api.GET("/api/v1/public/shootouts", { params: { query: { limit, offset } } })),
  );
}

export function usePublicShootout(id: string) {
  return useQuery({
    queryKey: keys.publicOne(id),
    queryFn: async (): Promise<PublicShootout> =>
      unwrap(
        await api.GET("/api/v1/public/shootouts/{shootout_id}", { params: { path: { shootout_id: id } } }),
      ),
  });
}

export function useDiTracks() {
  return useQuery({
    queryKey: keys.diTracks,
    queryFn: (): Promise<DiTrack[]> =>
      allPages(async (offset) =>
        unwrap(await api.GET("/api/v1/di-tracks", { params: { query: { limit: MAX_LIMIT, offset } } })),
      ),
  });
}

export function useChains() {
  return useQuery({
    queryKey: keys.chains,
    queryFn: (): Promise<Chain[]> => everyChain(),
  });
}

/** Create (no id) or change (id) a shootout; the caches learn the answer. */
export function useSaveShootout(id: string | undefined) {
  return useApiMutation(
    async (body: ShootoutIn): Promise<Shootout> => {
      if (id === undefined) return unwrap(await api.POST("/api/v1/shootouts", { body }));
      return unwrap(
        await api.PATCH("/api/v1/shootouts/{shootout_id}", { params: { path: { shootout_id: id } }, body }),
      );
    },
    { update: intoOwnEntry(keys.one), stale: [keys.all, keys.publicAll] },
  );
}

export function usePatchShootout(id: string) {
  return useApiMutation(
    async (body: ShootoutPatch): Promise<Shootout> =>
      unwrap(await api.PATCH("/api/v1/shootouts/{shootout_id}", { params: { path: { shootout_id: id } }, body })),
    LEARN_SHOOTOUT,
  );
}

export function useDeleteShootout(id: string) {
  return useApiMutation(
    async () =>
      unwrap(await api.DELETE("/api/v1/shootouts/{shootout_id}", { params: { path: { shootout_id: id } } })),
    {
      update: (client) => client.removeQueries({ queryKey: keys.one(id) }),
      stale: [keys.lists, keys.publicAll],
    },
  );
}

export function useRender(id: string) {
  return useApiMutation(
    async (): Promise<Submitted> =>
      unwrap(await api.POST("/api/v1/shootouts/{shootout_id}/render", { params: { path: { shootout_id: id } } })),
    { stale: [keys.one(id), keys.lists, keys.jobs(id)] },
  );
}

/** Show everyone which letter of the blind render is which chain (the shared page lists each chain's files). */
export function useReveal(id: string) {
  return useApiMutation(
    async (): Promise<Shootout> =>
      unwrap(await api.POST("/api/v1/shootouts/{shootout_id}/reveal", { params: { path: { shootout_id: id } } })),
    LEARN_SHOOTOUT,
  );
}

export function useCancelJob(shootoutId: string) {
  return useApiMutation(
    async (jobId: string): Promise<Job> =>
      unwrap(await api.POST("/api/v1/jobs/{job_id}/cancel", { params: { path: { job_id: jobId } } })),
    { stale: [keys.jobs(shootoutId)] },
  );
}

/** After a job ends: the shootout (its results), the lists and the job history are stale. */
export function useJobEnded() {
  const client = useQueryClient();
  return (shootoutId: string) => {
    void client.invalidateQueries({ queryKey: keys.one(shootoutId) });
    void client.invalidateQueries({ queryKey: keys.lists });
    void client.invalidateQueries({ queryKey: keys.jobs(shootoutId) });
    void client.invalidateQueries({ queryKey: keys.publicAll });
  };
}
