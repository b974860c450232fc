import { describe, expect, it, vi } from "vitest";

import { refreshDelay, Session, type SessionDeps, signInUrl } from "./session";

function deps(responses: Array<Response | Error>, overrides: Partial<SessionDeps> = {}) {
  const timers: Array<{ fn: () => void; ms: number }> = [];
  let stamp = 0;
  let clock = 1_000_000;
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    const next = responses.shift();
    if (!next) throw new Error("no more responses");
    if (next instanceof Error) throw next;
    return next;
  });
  const d: SessionDeps = {
    fetch: fetch as unknown as typeof globalThis.fetch,
    now: () => clock,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => timers.splice(0, timers.length),
    exclusive: (fn) => fn(),
    lastRefresh: { get: () => stamp, set: (at) => (stamp = at) },
    ...overrides,
  };
  return { d, fetch, timers, tick: (ms: number) => (clock += ms) };
}

const ok = (expiresIn: number) =>
  new Response(JSON.stringify({ access_token: "t", expires_in: expiresIn }), { status: 200 });

describe("refreshDelay", () => {
  it("refreshes a minute before a 15 min token expires", () => {
    expect(refreshDelay(900)).toBe(840);
  });
  it("refreshes half way through a short-lived token", () => {
    expect(refreshDelay(60)).toBe(30);
  });
  it("never schedules sooner than 10 s", () => {
    expect(refreshDelay(4)).toBe(10);
  });
});

describe("Session.refresh", () => {
  it("shares one request between concurrent callers", async () => {
    const { d, fetch } = deps([ok(900)]);
    const session = new Session(d);
    const outcomes = await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(outcomes).toEqual(["refreshed", "refreshed", "refreshed"]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("schedules the next quiet refresh from expires_in", async () => {
    const { d, timers } = deps([ok(900)]);
    await new Session(d).refresh();
    expect(timers.map((t) => t.ms)).toEqual([840_000]);
  });

  it("sends the CSRF cookie back as a header", async () => {
    document.cookie = "gts_csrf=abc%20123";
    const { d, fetch } = deps([ok(900)]);
    await new Session(d).refresh();
    const init = fetch.mock.calls[0]?.[1] as RequestInit | undefined;
    expect(new Headers(init?.headers).get("X-CSRF-Token")).toBe("abc 123");
    expect(init?.method).toBe("POST");
  });

  it("says signed-out on a refused refresh, tells listeners, and stops refreshing", async () => {
    const { d, timers, tick } = deps([ok(900), new Response("{}", { status: 401 })]);
    const session = new Session(d);
    const heard: string[] = [];
    session.onChange((o) => heard.push(o));
    await session.refresh();
    tick(60_000);
    expect(await session.refresh()).toBe("signed-out");
    expect(heard).toEqual(["refreshed", "signed-out"]);
    expect(timers).toHaveLength(0);
  });

  it("says offline (not signed-out) when the network or the server fails", async () => {
    const { d } = deps([new TypeError("network down"), new Response("{}", { status: 503 })]);
    const session = new Session(d);
    expect(await session.refresh()).toBe("offline");
    expect(await session.refresh()).toBe("offline");
  });

  it("skips the request when another tab refreshed after the caller asked", async () => {
    const { d, fetch, tick } = deps([ok(900), ok(900)]);
    const first = new Session(d);
    const second = new Session(d);
    tick(1_000);
    const asked = d.now(); // the second tab's request failed here, then waited for the lock
    tick(1_000);
    await first.refresh();
    expect(await second.refresh(asked)).toBe("refreshed");
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("refreshes when the last refresh is older than the failure", async () => {
    const { d, fetch, tick } = deps([ok(900), ok(900)]);
    const session = new Session(d);
    await session.refresh();
    tick(1_000); // a moment later the access cookie is refused anyway
    expect(await session.refresh()).toBe("refreshed");
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe("signInUrl", () => {
  it("comes back to the page the user was on", () => {
    expect(signInUrl("/shootouts/42?tab=results")).toBe(
      "/auth/login?return_to=%2Fshootouts%2F42%3Ftab%3Dresults",
    );
  });
  it("never returns to another site", () => {
    expect(signInUrl("//evil.example/x")).toBe("/auth/login?return_to=%2F");
    expect(signInUrl("https://evil.example/")).toBe("/auth/login?return_to=%2F");
  });
});
