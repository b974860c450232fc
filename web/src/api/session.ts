/**
 * The browser session: the access cookie lives `expires_in` seconds; a refresh (cookie plus
 * CSRF header) is made quietly before it runs out, at most one at a time across tabs.
 */
import { withCsrf } from "./csrf";

export type RefreshOutcome = "refreshed" | "signed-out" | "offline";

type Listener = (outcome: RefreshOutcome) => void;

/** Refresh this long before the access token expires (seconds), never sooner than MIN_DELAY. */
export const REFRESH_MARGIN_S = 60;
export const MIN_DELAY_S = 10;

export interface SessionDeps {
  fetch: typeof fetch;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  /** Runs `fn` holding a lock shared by every tab (Web Locks), or just runs it. */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  /** When any tab of this browser last refreshed (ms since the epoch). */
  lastRefresh: { get: () => number; set: (at: number) => void };
}

const STAMP_KEY = "gts-refreshed-at";

function browserDeps(): SessionDeps {
  return {
    fetch: (...args) => fetch(...args),
    now: () => Date.now(),
    setTimer: (fn, ms) => window.setTimeout(fn, ms),
    clearTimer: (handle) => window.clearTimeout(handle as number),
    exclusive: (fn) =>
      typeof navigator !== "undefined" && navigator.locks
        ? (navigator.locks.request("gts-refresh", fn) as Promise<Awaited<ReturnType<typeof fn>>>)
        : fn(),
    lastRefresh: {
      get: () => Number(localStorage.getItem(STAMP_KEY) ?? 0),
      set: (at) => localStorage.setItem(STAMP_KEY, String(at)),
    },
  };
}

/** Seconds until the next quiet refresh for an access token that lives `expiresIn` seconds. */
export function refreshDelay(expiresIn: number): number {
  const ahead = Math.min(REFRESH_MARGIN_S, expiresIn / 2);
  return Math.max(MIN_DELAY_S, expiresIn - ahead);
}

export class Session {
  private inflight: Promise<RefreshOutcome> | null = null;
  private timer: unknown = null;
  private listeners = new Set<Listener>();

  constructor(private readonly deps: SessionDeps = browserDeps()) {}

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Trade the refresh cookie for a new pair; concurrent callers share one request. `since`
   * (ms, default now) is when the caller last saw the cookies fail or age: a refresh that any
   * tab made after it already renewed them, and two tabs never spend one refresh token twice.
   */
  refresh(since: number = this.deps.now()): Promise<RefreshOutcome> {
    this.inflight ??= this.deps
      .exclusive(() => this.refreshOnce(since))
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  /** Stop the quiet refresh (after signing out). */
  stop(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer);
    this.timer = null;
  }

  /** Start refreshing quietly, given the current access token's remaining life (seconds). */
  schedule(expiresIn: number): void {
    this.stop();
    this.timer = this.deps.setTimer(() => void this.refresh(), refreshDelay(expiresIn) * 1000);
  }

  private async refreshOnce(since: number): Promise<RefreshOutcome> {
    // another tab may have refreshed while this one waited for the lock: its cookies are ours too
    if (this.deps.lastRefresh.get() > since) return "refreshed";
    let outcome: RefreshOutcome;
    try {
      const response = await this.deps.fetch("/auth/refresh", {
        method: "POST",
        credentials: "same-origin",
        headers: withCsrf("POST", new Headers({ Accept: "application/json" })),
      });
      if (response.ok) {
        const body = (await response.json()) as { expires_in: number };
        this.deps.lastRefresh.set(this.deps.now());
        this.schedule(body.expires_in);
        outcome = "refreshed";
      } else {
        outcome = response.status >= 500 || response.status === 429 ? "offline" : "signed-out";
      }
    } catch {
      outcome = "offline";
    }
    if (outcome === "signed-out") this.stop();
    for (const listener of this.listeners) listener(outcome);
    return outcome;
  }
}

export const session = new Session();

/** Where to send the browser to sign in, coming back to `returnTo` (a path on this site). */
export function signInUrl(returnTo: string): string {
  const safe = returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/";
  return `/auth/login?return_to=${encodeURIComponent(safe)}`;
}
