/** A listener's ABX runs through the data layer: each answer's reply carries the run as it
 * stands, which replaces the cached run (the next trial's X comes with it). */
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "../api/client";
import type { AbxAnswered, AbxRun } from "./types";
import { useSessionQuery } from "./useSessionQuery";

export const abxKeys = {
  run: (sid: string) => ["listening", "abx", sid] as const,
};

export function useAbxRun(sid: string | null) {
  return useSessionQuery(abxKeys.run(sid ?? ""), sid, async (id): Promise<AbxRun> =>
    unwrap(await api.GET("/api/v1/abx/{session_id}", { params: { path: { session_id: id } } })),
  );
}

export interface AbxStart {
  chain_a: string;
  chain_b: string;
  trials: number;
}

export function useStartAbx(shootoutId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: AbxStart): Promise<AbxRun> =>
      unwrap(
        await api.POST("/api/v1/shootouts/{shootout_id}/abx", { params: { path: { shootout_id: shootoutId } }, body }),
      ),
    onSuccess: (run) => client.setQueryData(abxKeys.run(run.id), run),
  });
}

export function useAnswerTrial(sid: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ n, answer }: { n: number; answer: "A" | "B" }): Promise<AbxAnswered> =>
      unwrap(
        await api.POST("/api/v1/abx/{session_id}/trials/{n}", {
          params: { path: { session_id: sid, n } },
          body: { answer },
        }),
      ),
    onSuccess: (answered) => client.setQueryData(abxKeys.run(sid), answered.session),
  });
}
