/**
 * The A/B sources' loading queue: one file at a time (fetched with its progress, decoded, its
 * encoded bytes let go), so memory holds the decoded audio and at most one encoded file. The
 * first file's sample rate becomes the rate everything decodes (and plays) at.
 */
import { fetchBytes, sniffSampleRate } from "./abLoad";
import type { AbPlatform } from "./abPlatform";

export const DEFAULT_RATE = 48_000;

export interface LoaderEvents {
  /** Whether `url` is still what `key` plays (a superseded load is dropped). */
  wanted: (key: string, url: string) => boolean;
  loaded: (key: string, url: string, buffer: AudioBuffer) => void;
  failed: (key: string, message: string) => void;
  /** Progress moved. */
  changed: () => void;
}

export interface LoadProgress {
  /** The file loading, 1-based, of `total` queued since the queue was last empty. */
  index: number;
  total: number;
  /** Percent of its bytes received; null when the server did not say how many. */
  percent: number | null;
}

export class SourceLoader {
  /** Hz: the first file's, once known. */
  rate: number | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly loads = new Map<string, AbortController>();
  private batch = { done: 0, total: 0, percent: null as number | null };

  constructor(
    private readonly platform: AbPlatform,
    private readonly events: LoaderEvents,
  ) {}

  progress(): LoadProgress | null {
    const { done, total, percent } = this.batch;
    return total > 0 ? { index: Math.min(done + 1, total), total, percent } : null;
  }

  /** Queue `url` for `key`, dropping a load of `key` already queued or running. */
  load(key: string, url: string): void {
    this.abort(key);
    const control = new AbortController();
    this.loads.set(key, control);
    this.batch.total += 1;
    this.queue = this.queue.then(() => this.run(key, url, control));
  }

  abort(key: string): void {
    this.loads.get(key)?.abort();
  }

  close(): void {
    for (const load of this.loads.values()) load.abort();
  }

  private async run(key: string, url: string, control: AbortController): Promise<void> {
    const wanted = () => !control.signal.aborted && this.events.wanted(key, url);
    try {
      if (!wanted()) return;
      this.batch.percent = 0;
      this.events.changed();
      const bytes = await fetchBytes(this.platform.fetch, url, control.signal, (fraction) => {
        this.batch.percent = fraction === null ? null : Math.round(fraction * 100);
        this.events.changed();
      });
      this.rate ??= sniffSampleRate(bytes) ?? DEFAULT_RATE;
      const buffer = await this.platform.decode(bytes.buffer as ArrayBuffer, this.rate);
      if (wanted()) this.events.loaded(key, url, buffer);
    } catch (error) {
      if (wanted()) this.events.failed(key, error instanceof Error ? error.message : String(error));
    } finally {
      if (this.loads.get(key) === control) this.loads.delete(key);
      this.batch.done += 1;
      if (this.batch.done >= this.batch.total) this.batch = { done: 0, total: 0, percent: null };
      this.events.changed();
    }
  }
}
