import { describe, expect, it } from "vitest";

import { fetchBytes, sniffSampleRate } from "./abLoad";

function flacHeader(rate: number): Uint8Array {
  const bytes = new Uint8Array(42);
  bytes.set([0x66, 0x4c, 0x61, 0x43]); // fLaC
  bytes[4] = 0x80; // last block, STREAMINFO
  bytes[7] = 34;
  bytes[18] = (rate >> 12) & 0xff;
  bytes[19] = (rate >> 4) & 0xff;
  bytes[20] = ((rate & 0xf) << 4) | 0x01;
  return bytes;
}

function wavHeader(rate: number): Uint8Array {
  const bytes = new Uint8Array(44);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode("RIFF"), 0);
  bytes.set(new TextEncoder().encode("WAVE"), 8);
  bytes.set(new TextEncoder().encode("fmt "), 12);
  view.setUint32(16, 16, true);
  view.setUint32(24, rate, true);
  return bytes;
}

describe("sniffSampleRate", () => {
  it("reads FLAC's and WAV's declared rate", () => {
    expect(sniffSampleRate(flacHeader(48_000))).toBe(48_000);
    expect(sniffSampleRate(flacHeader(44_100))).toBe(44_100);
    expect(sniffSampleRate(wavHeader(96_000))).toBe(96_000);
  });
  it("knows nothing of other files", () => {
    expect(sniffSampleRate(new TextEncoder().encode("ID3 an mp3 perhaps"))).toBeNull();
  });
});

describe("fetchBytes", () => {
  it("streams the body whole, reporting the share received", async () => {
    const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5, 6, 7])];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    const seen: Array<number | null> = [];
    const fetcher = (async () => new Response(body, { headers: { "content-length": "7" } })) as typeof fetch;
    const bytes = await fetchBytes(fetcher, "/x", new AbortController().signal, (f) => seen.push(f));
    expect([...bytes]).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(seen).toEqual([3 / 7, 1]);
  });
  it("fails naming the HTTP status", async () => {
    const fetcher = (async () => new Response("no", { status: 403 })) as typeof fetch;
    await expect(fetchBytes(fetcher, "/x", new AbortController().signal, () => undefined)).rejects.toThrow("HTTP 403");
  });
});
