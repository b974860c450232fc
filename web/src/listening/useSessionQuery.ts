/**
 * A listener's session (blind or ABX) by its id: read once, then kept current by the answers
 * that replace it in the cache. Off without an id; not retried, since a session that is gone
 * stays gone.
 */
import { useQuery } from "@tanstack/react-query";

export function useSessionQuery<T>(queryKey: readonly unknown[], sid: string | null, read: (sid: string) => Promise<T>) {
  return useQuery({
    queryKey,
    queryFn: () => read(sid ?? ""),
    enabled: sid !== null,
    retry: false,
    staleTime: Infinity,
  });
}
