/** DI tracks through TanStack Query: list, upload (with progress), change, delete. */
import { api, unwrap } from "../api/client";
import type { components } from "../api/schema";
import { upload } from "../api/upload";
import { useApiMutation } from "../api/useApiMutation";
import { usePagedQuery } from "../components/usePagedQuery";

export type DiTrack = components["schemas"]["DITrackView"];
export type DiTrackPatch = components["schemas"]["DITrackPatch"];

export const diKeys = {
  all: ["di-tracks"] as const,
  page: (limit: number, offset: number) => ["di-tracks", "page", { limit, offset }] as const,
};

export function useDiTracks(perPage: number) {
  return usePagedQuery(perPage, diKeys.page, async (limit, offset) =>
    unwrap(await api.GET("/api/v1/di-tracks", { params: { query: { limit, offset } } })),
  );
}

/** Send one DI (multipart `file`, `channel` and optional metadata); resolves with the track. */
export function uploadDi(
  file: File,
  fields: Record<string, string>,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<DiTrack> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value) form.append(name, value);
  form.append("file", file, file.name);
  return upload<DiTrack>("/api/v1/di-tracks", form, { onProgress, signal });
}

export function useChangeDi(id: string) {
  return useApiMutation(
    async (body: DiTrackPatch) =>
      unwrap(await api.PATCH("/api/v1/di-tracks/{di_id}", { params: { path: { di_id: id } }, body })),
    { stale: [diKeys.all], awaitRefetch: true },
  );
}

export function useDeleteDi(id: string) {
  return useApiMutation(
    async () => {
      unwrap(await api.DELETE("/api/v1/di-tracks/{di_id}", { params: { path: { di_id: id } } }));
    },
    { stale: [diKeys.all], awaitRefetch: true },
  );
}

export const audioUrl = (id: string) => `/api/v1/di-tracks/${id}/audio`;
