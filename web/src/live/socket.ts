/**
 * One WebSocket to the gateway's `/ws` for the whole app: pages subscribe to jobs and get
 * their events; after a drop it reconnects (backing off) and subscribes again, and each
 * subscription's first message is the job's current state, so nothing is missed.
 */
import type { LiveEvent } from "./progress";

type Handler = (event: LiveEvent) => void;

const CLOSE_UNAUTHENTICATED = 4001;
const MAX_BACKOFF_MS = 15_000;

class LiveSocket {
  private socket: WebSocket | null = null;
  private handlers = new Map<string, Set<Handler>>();
  private backoff = 500;
  private retry: number | null = null;

  /** Follow `jobId`; returns the function that stops following it. */
  follow(jobId: string, handler: Handler): () => void {
    let set = this.handlers.get(jobId);
    if (!set) {
      set = new Set();
      this.handlers.set(jobId, set);
      this.send(jobId);
    }
    set.add(handler);
    this.ensureOpen();
    return () => {
      set.delete(handler);
      if (set.size === 0) this.handlers.delete(jobId);
      if (this.handlers.size === 0) this.close();
    };
  }

  private ensureOpen(): void {
    if (this.socket || this.retry !== null) return;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const socket = new WebSocket(`${scheme}//${location.host}/ws`);
    this.socket = socket;
    socket.onopen = () => {
      this.backoff = 500;
      for (const jobId of this.handlers.keys()) this.send(jobId);
    };
    socket.onmessage = (message) => {
      let event: LiveEvent;
      try {
        event = JSON.parse(String(message.data)) as LiveEvent;
      } catch {
        return;
      }
      const jobId = event.job_id ?? event.job?.id;
      if (jobId) for (const handler of this.handlers.get(jobId) ?? []) handler(event);
    };
    socket.onclose = (closed) => {
      this.socket = null;
      if (this.handlers.size === 0 || closed.code === CLOSE_UNAUTHENTICATED) return;
      this.retry = window.setTimeout(() => {
        this.retry = null;
        this.ensureOpen();
      }, this.backoff);
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    };
  }

  private send(jobId: string): void {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type: "subscribe", job_id: jobId }));
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
