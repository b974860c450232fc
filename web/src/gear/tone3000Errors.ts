/**
 * TONE3000's failures as the user should read them: what happened and what to do next.
 * A 429 carries Retry-After (a header, not in the problem body), so TONE3000 calls go through
 * `unwrapTone3000`, which keeps it.
 */
import { ApiError, describe, toApiError } from "../api/problem";

export class Tone3000CallError extends ApiError {
  constructor(
    base: ApiError,
    /** Seconds to wait before asking again (a 429's Retry-After), when given. */
    readonly retryAfter: number | null,
  ) {
    super(base.problem);
    this.name = "Tone3000CallError";
  }
}

/** Retry-After in seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : null;
}

/** Like `unwrap`, keeping Retry-After on the error. */
export function unwrapTone3000<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const base = toApiError(result.response.status, result.error);
    throw new Tone3000CallError(base, parseRetryAfter(result.response.headers.get("Retry-After")));
  }
  return result.data as T;
}

export interface Tone3000Advice {
  /** What happened. */
  what: string;
  /** What the user can do about it. */
  next: string;
  action: "retry" | "sign-in" | "none";
  retryAfter: number | null;
}

/** The advice for a status that says all there is to say. */
const BY_STATUS: Partial<Record<number, Omit<Tone3000Advice, "retryAfter">>> = {
  401: {
    what: "GTS can no longer use your TONE3000 account: the sign-in has expired or was withdrawn.",
    next: "Sign in with TONE3000 again, then come back to this page.",
    action: "sign-in",
  },
  404: { what: "This is not on TONE3000 any more, or it is private.", next: "Choose another tone.", action: "none" },
};

export function tone3000Advice(error: unknown): Tone3000Advice {
  const status = error instanceof ApiError ? error.status : -1;
  const retryAfter = error instanceof Tone3000CallError ? error.retryAfter : null;
  const code = error instanceof ApiError ? error.problem.code : undefined;
  if (status === 429) {
    const wait = retryAfter !== null ? `Wait ${retryAfter} second${retryAfter === 1 ? "" : "s"}` : "Wait a moment";
    return {
      what:
        code === "tone3000_rate_limited"
          ? "TONE3000 is limiting how often your account may ask for tones."
          : "Too many requests in a short time.",
      next: `${wait}, then try again.`,
      action: "retry",
      retryAfter,
    };
  }
  if (status === 502 || status === 503 || status === 504) {
    return {
      what:
        status === 503
          ? "GTS cannot reach TONE3000 right now."
          : "TONE3000 did not answer properly (it may be down or slow).",
      next: "Try again in a minute. Your GTS library is not affected.",
      action: "retry",
      retryAfter: null,
    };
  }
  const fixed = BY_STATUS[status];
  if (fixed) return { ...fixed, retryAfter: null };
  if (status === 0) {
    return { what: describe(error), next: "Try again when you are back online.", action: "retry", retryAfter: null };
  }
  return { what: describe(error), next: "", action: "none", retryAfter: null };
}
