/** A shootout's listening results through the data layer; on the owner's page `/ws` says
 * when a vote or an ABX run arrives, and the results are fetched again. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

import { api, unwrap } from "../api/client";
import { ApiError } from "../api/problem";
import { liveSocket } from "../live/socket";
import type { ListeningResults, Published } from "./types";

export const resultsKeys = {
  results: (id: string) => ["listening", "results", id] as const,
};

/** The results, or null when the caller may not see them (not published, or not shared). */
export function useListeningResults(shootoutId: string, enabled = true) {
  return useQuery({
    queryKey: resultsKeys.results(shootoutId),
    queryFn: async (): Promise<ListeningResults | null> => {
      try {
        return unwrap(
          await api.GET("/api/v1/shootouts/{shootout_id}/listening/results", {
            params: { path: { shootout_id: shootoutId } },
          }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled,
  });
}

/** Refetch the results whenever `/ws` reports a vote or a finished ABX run (owner only), and
 * after the socket subscribes again following a drop (votes may have come meanwhile). */
export function useLiveListening(shootoutId: string, enabled: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    let subscriptions = 0;
    return liveSocket.followShootout(shootoutId, (event) => {
      if (event.event === "subscribed" && subscriptions++ === 0) return; // the page has just fetched
      if (event.event === "listening" || event.event === "subscribed") {
        void client.invalidateQueries({ queryKey: resultsKeys.results(shootoutId) });
      }
    });
  }, [shootoutId, enabled, client]);
}

export function usePublishResults(shootoutId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (publish: boolean): Promise<Published> => {
      const params = { params: { path: { shootout_id: shootoutId } } };
      return unwrap(
        publish
          ? await api.POST("/api/v1/shootouts/{shootout_id}/listening/publish", params)
          : await api.POST("/api/v1/shootouts/{shootout_id}/listening/unpublish", params),
      );
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: resultsKeys.results(shootoutId) }),
  });
}

export const votesCsvUrl = (shootoutId: string) => `/api/v1/shootouts/${shootoutId}/listening/votes.csv`;
export const resultsSvgUrl = (shootoutId: string) => `/api/v1/shootouts/${shootoutId}/listening/results.svg`;
