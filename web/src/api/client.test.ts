import { afterEach, describe, expect, it, vi } from "vitest";

import { sessionFetch, whenSignedOut } from "./client";
import { session } from "./session";

afterEach(() => {
  vi.restoreAllMocks();
  localStorage.clear();
});

describe("sessionFetch", () => {
  it("refreshes once on a 401 and retries with the new CSRF token", async () => {
    document.cookie = "gts_csrf=old";
    const seen: Array<[string, string | null]> = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      // the session asks for "/auth/refresh": resolve it as the browser would
      const request = input instanceof Request ? input : new Request(new URL(String(input), location.href), init);
      const path = new URL(request.url).pathname;
      seen.push([path, request.headers.get("X-CSRF-Token")]);
      if (path === "/auth/refresh") {
        document.cookie = "gts_csrf=new";
        return new Response(JSON.stringify({ access_token: "a", expires_in: 900 }), { status: 200 });
      }
      const retried = seen.filter(([p]) => p === path).length > 1;
      return new Response("{}", { status: retried ? 201 : 401 });
    });
    const response = await sessionFetch(
      new Request("http://localhost/api/v1/signal-chains", { method: "POST", body: "{}" }),
    );
    expect(response.status).toBe(201);
    expect(seen).toEqual([
      ["/api/v1/signal-chains", "old"],
      ["/auth/refresh", "old"],
      ["/api/v1/signal-chains", "new"],
    ]);
    session.stop();
  });

  it("hands a refused refresh to the sign-in handler and returns the 401", async () => {
    document.cookie = "gts_csrf=still-here";
    vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response("{}", { status: 401 }));
    const signedOut = vi.fn();
    whenSignedOut(signedOut);
    const response = await sessionFetch(new Request("http://localhost/api/v1/gear"));
    expect(response.status).toBe(401);
    expect(signedOut).toHaveBeenCalledOnce();
  });

  it("does not try to refresh without a session (no CSRF cookie)", async () => {
    document.cookie = "gts_csrf=; max-age=0";
    const fetch = vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response("{}", { status: 401 }));
    const response = await sessionFetch(new Request("http://localhost/api/v1/me"));
    expect(response.status).toBe(401);
    expect(fetch).toHaveBeenCalledOnce();
  });

  it("does not refresh for the auth endpoints themselves", async () => {
    const fetch = vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response("{}", { status: 401 }));
    const response = await sessionFetch(new Request("http://localhost/auth/me"));
    expect(response.status).toBe(401);
    expect(fetch).toHaveBeenCalledOnce();
  });
});
