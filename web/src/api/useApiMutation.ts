/**
 * A change through the API and what it does to the cached server state: the answer goes where
 * it belongs, and the queries the change leaves stale are refetched.
 */
import { useMutation, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";

export interface CacheEffects<TAnswer> {
  /** put the answer into the cache (its own entry, the lists showing it), or take what is gone out */
  update?: (client: QueryClient, answer: TAnswer) => void;
  /** the queries (by key prefix) the change leaves stale: refetched once it succeeds */
  stale?: readonly QueryKey[];
  /** keep the mutation pending until they have refetched, so what shows it is done sees them new */
  awaitRefetch?: boolean;
}

/** An `update` that puts the answer into its own entry, `one(answer.id)`. */
export function intoOwnEntry(one: (id: string) => QueryKey) {
  return (client: QueryClient, answer: { id: string }) => {
    client.setQueryData(one(answer.id), answer);
  };
}

/** A TanStack mutation running `change`, with its `effects` on the cache once it succeeds. */
export function useApiMutation<TInput = void, TAnswer = unknown>(
  change: (input: TInput) => Promise<TAnswer>,
  { update, stale = [], awaitRefetch = false }: CacheEffects<TAnswer>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (answer) => {
      update?.(client, answer);
      const refetched = Promise.all(stale.map((queryKey) => client.invalidateQueries({ queryKey })));
      return awaitRefetch ? refetched : undefined;
    },
  });
}
