import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { LiveSocket, type ShootoutEvent } from "./socket";

/** A WebSocket stand-in: records what is sent, lets the test open, message and close it. */
class FakeSocket {
  static OPEN = 1;
  static made: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: ((c: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(event: object) {
    this.onmessage?.({ data: JSON.stringify(event) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const latest = () => FakeSocket.made[FakeSocket.made.length - 1]!;

describe("following a shootout's listening results over /ws", () => {
  beforeEach(() => {
    FakeSocket.made = [];
    vi.useFakeTimers();
    vi.stubGlobal("WebSocket", FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("subscribes to the shootout once the socket opens and hands its events over", () => {
    const live = new LiveSocket();
    const events: ShootoutEvent[] = [];
    live.followShootout("s1", (e) => events.push(e));
    const socket = latest();
    expect(socket.url).toMatch(/\/ws$/);
    socket.open();
    expect(socket.sent).toEqual([{ type: "subscribe", shootout_id: "s1" }]);
    socket.receive({ event: "subscribed", shootout_id: "s1" });
    socket.receive({ event: "listening", shootout_id: "s1", change: "vote", votes: 3 });
    socket.receive({ event: "listening", shootout_id: "s2", change: "vote", votes: 9 });
    expect(events.map((e) => [e.event, e.votes])).toEqual([
      ["subscribed", undefined],
      ["listening", 3],
    ]);
  });

  it("subscribes again to shootouts and jobs after a dropped socket reconnects", () => {
    const live = new LiveSocket();
    const events: ShootoutEvent[] = [];
    live.followShootout("s1", (e) => events.push(e));
    live.follow("j1", () => {});
    const first = latest();
    first.open();
    first.drop();
    vi.advanceTimersByTime(500);
    const second = latest();
    expect(second).not.toBe(first);
    second.open();
    expect(second.sent).toEqual([
      { type: "subscribe", job_id: "j1" },
      { type: "subscribe", shootout_id: "s1" },
    ]);
    second.receive({ event: "listening", shootout_id: "s1", change: "abx", votes: 4 });
    expect(events).toHaveLength(1);
  });

  it("keeps job events apart from shootout events", () => {
    const live = new LiveSocket();
    const shootoutEvents: ShootoutEvent[] = [];
    const jobEvents: unknown[] = [];
    live.followShootout("s1", (e) => shootoutEvents.push(e));
    live.follow("j1", (e) => jobEvents.push(e));
    latest().open();
    latest().receive({ event: "progress", job_id: "j1", shootout_id: "s1", status: "running", percent: 10 });
    expect(jobEvents).toHaveLength(1);
    expect(shootoutEvents).toHaveLength(0);
  });

  it("stops and closes once nothing is followed, and does not reconnect", () => {
    const live = new LiveSocket();
    const stop = live.followShootout("s1", () => {});
    const socket = latest();
    socket.open();
    stop();
    expect(socket.readyState).toBe(3);
    socket.drop(1000);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.made).toHaveLength(1);
  });
});
