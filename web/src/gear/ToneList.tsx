/** One page of tones (of a tab), with its empty state, TONE3000's errors and the pager. */
import type { UseQueryResult } from "@tanstack/react-query";

import { ApiError } from "../api/problem";
import { Loading } from "../components/Loading";
import { Pager } from "../components/Pager";
import { ToneCard } from "./ToneCard";
import { Tone3000ErrorNote } from "./Tone3000ErrorNote";
import type { ToneTab } from "./toneSearch";
import type { TonePage } from "./types";

const EMPTY: Record<ToneTab, string> = {
  created: "You have not published any tones on TONE3000. Find other players’ tones under Search.",
  favorited: "You have not favourited any tones on TONE3000 yet. Favourite tones there and they show up here, or use Search.",
  search: "No tones match. Try fewer filters or other words.",
};

export interface ToneListProps {
  tab: ToneTab;
  tones: UseQueryResult<TonePage>;
  page: number;
  hrefFor: (page: number) => string;
}

export function ToneList({ tab, tones, page, hrefFor }: ToneListProps) {
  if (tones.isPending) return <Loading what="tones from TONE3000" />;
  if (tones.isError && tab === "search" && namesSearchField(tones.error)) {
    return (
      <p className="error-note" role="alert">
        The search could not run: correct the filter marked above.
      </p>
    );
  }
  if (tones.isError) return <Tone3000ErrorNote error={tones.error} onRetry={() => void tones.refetch()} />;
  const data = tones.data;
  if (data.data.length === 0) return <p className="empty">{EMPTY[tab]}</p>;
  return (
    <>
      <p className="muted" role="status">
        {data.total} tone{data.total === 1 ? "" : "s"}
        {tones.isFetching ? " (updating…)" : ""}
      </p>
      <ul className="tone-list" aria-label="Tones">
        {data.data.map((tone) => (
          <li key={tone.id}>
            <ToneCard tone={tone} />
          </li>
        ))}
      </ul>
      <Pager label="Tone pages" page={page} pages={Math.max(1, data.total_pages)} hrefFor={hrefFor} />
    </>
  );
}

const SEARCH_FIELDS = ["query", "gear", "size", "format", "architecture", "sort", "tag", "make", "creator"];

/** A refused search whose every error names a field of the search form (shown there). */
function namesSearchField(error: unknown): boolean {
  const errors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return errors.length > 0 && errors.every((e) => SEARCH_FIELDS.some((f) => e.field === f || e.field.startsWith(`${f}[`)));
}
