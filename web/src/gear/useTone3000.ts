/** TONE3000 browsing and importing through TanStack Query. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "../api/client";
import { useApiMutation } from "../api/useApiMutation";
import { unwrapTone3000 } from "./tone3000Errors";
import { searchQuery, type ToneView } from "./toneSearch";
import type { ImportRequest, TonePage, ToneModel } from "./types";
import { gearKeys } from "./useGear";

export const TONE_PAGE_SIZE = 20;
const MODEL_PAGE_SIZE = 100;

export const toneKeys = {
  all: ["tone3000"] as const,
  list: (view: ToneView) =>
    view.tab === "search"
      ? (["tone3000", "search", view.search, view.page] as const)
      : (["tone3000", view.tab, view.page] as const),
  models: (toneId: number) => ["tone3000", "models", toneId] as const,
};

async function tones(view: ToneView, signal: AbortSignal): Promise<TonePage> {
  const page = { page: view.page, page_size: TONE_PAGE_SIZE };
  switch (view.tab) {
    case "created":
      return unwrapTone3000(await api.GET("/api/v1/tone3000/tones/created", { params: { query: page }, signal }));
    case "favorited":
      return unwrapTone3000(await api.GET("/api/v1/tone3000/tones/favorited", { params: { query: page }, signal }));
    case "search":
      return unwrapTone3000(
        await api.GET("/api/v1/tone3000/tones/search", {
          params: { query: searchQuery(view.search, view.page, TONE_PAGE_SIZE) },
          signal,
        }),
      );
  }
}

export function useTones(view: ToneView) {
  return useQuery({
    queryKey: toneKeys.list(view),
    queryFn: ({ signal }) => tones(view, signal),
    placeholderData: keepPreviousData,
    // TONE3000's limits and outages are shown with what to do; asking again is the user's call
    retry: false,
  });
}

/** Every model of the tone GTS can run (all pages). */
export function useToneModels(toneId: number) {
  return useQuery({
    queryKey: toneKeys.models(toneId),
    queryFn: async ({ signal }) => {
      const models: ToneModel[] = [];
      for (let page = 1; ; page += 1) {
        const answer = unwrapTone3000(
          await api.GET("/api/v1/tone3000/tones/{tone_id}/models", {
            params: { path: { tone_id: toneId }, query: { page, page_size: MODEL_PAGE_SIZE } },
            signal,
          }),
        );
        models.push(...answer.data);
        if (page >= answer.total_pages) return models;
      }
    },
    retry: false,
  });
}

export function useImportModels() {
  return useApiMutation(
    async (request: ImportRequest) => unwrapTone3000(await api.POST("/api/v1/gear/import", { body: request })),
    { stale: [gearKeys.all] },
  );
}
