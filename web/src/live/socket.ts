/**
 * One WebSocket to the gateway's `/ws` for the whole app: pages subscribe to jobs (and an
 * owner's page to a shootout's listening results) and get their events; after a drop it
 * reconnects (backing off) and subscribes again, and each subscription's first message is
 * the current state (`subscribed`), so nothing is missed.
 */
import type { LiveEvent } from "./progress";

type Handler = (event: LiveEvent) => void;

/** What `/ws` says about a shootout: `subscribed` first, then `listening` on each vote or
 * finished ABX run (with the vote count). */
export interface ShootoutEvent {
  event: string;
  shootout_id: string;
  change?: "vote" | "abx";
  votes?: number;
}
type ShootoutHandler = (event: ShootoutEvent) => void;

const CLOSE_UNAUTHENTICATED = 4001;
const MAX_BACKOFF_MS = 15_000;

type Subscription = { job_id: string } | { shootout_id: string };

export class LiveSocket {
  private socket: WebSocket | null = null;
  private handlers = new Map<string, Set<Handler>>();
  private shootoutHandlers = new Map<string, Set<ShootoutHandler>>();
  private backoff = 500;
  private retry: number | null = null;

  /** Follow `jobId`; returns the function that stops following it. */
  follow(jobId: string, handler: Handler): () => void {
    return this.add(this.handlers, jobId, handler, { job_id: jobId });
  }

  /** Follow the listening results of `shootoutId` (its owner only); returns the function that
   * stops following them. */
  followShootout(shootoutId: string, handler: ShootoutHandler): () => void {
    return this.add(this.shootoutHandlers, shootoutId, handler, { shootout_id: shootoutId });
  }

  private add<H>(map: Map<string, Set<H>>, id: string, handler: H, subscription: Subscription): () => void {
    let set = map.get(id);
    if (!set) {
      set = new Set();
      map.set(id, set);
      this.send(subscription);
    }
    set.add(handler);
    this.ensureOpen();
    return () => {
      set.delete(handler);
      if (set.size === 0) map.delete(id);
      if (this.handlers.size === 0 && this.shootoutHandlers.size === 0) this.close();
    };
  }

  private get following(): boolean {
    return this.handlers.size > 0 || this.shootoutHandlers.size > 0;
  }

  private ensureOpen(): void {
    if (this.socket || this.retry !== null) return;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}/ws`);
    this.socket = socket;
    socket.onopen = () => {
      this.backoff = 500;
      for (const jobId of this.handlers.keys()) this.send({ job_id: jobId });
      for (const shootoutId of this.shootoutHandlers.keys()) this.send({ shootout_id: shootoutId });
    };
    socket.onmessage = (message) => {
      let event: LiveEvent & { shootout_id?: string };
      try {
        event = JSON.parse(String(message.data)) as LiveEvent & { shootout_id?: string };
      } catch {
        return;
      }
      if (event.shootout_id && !event.job_id && !event.job) {
        const shootoutEvent = event as unknown as ShootoutEvent;
        for (const handler of this.shootoutHandlers.get(event.shootout_id) ?? []) handler(shootoutEvent);
        return;
      }
      const jobId = event.job_id ?? event.job?.id;
      if (jobId) for (const handler of this.handlers.get(jobId) ?? []) handler(event);
    };
    socket.onclose = (closed) => {
      this.socket = null;
      if (!this.following || closed.code === CLOSE_UNAUTHENTICATED) return;
      this.retry = window.setTimeout(() => {
        this.retry = null;
        this.ensureOpen();
      }, this.backoff);
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    };
  }

  private send(subscription: Subscription): void {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type: "subscribe", ...subscription }));
    }
  }

  private close(): void {
    if (this.retry !== null) window.clearTimeout(this.retry);
    this.retry = null;
    this.socket?.close(1000);
    this.socket = null;
  }
}

export const liveSocket = new LiveSocket();
