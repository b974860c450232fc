/**
 * Multipart uploads with progress (fetch cannot report upload progress; XMLHttpRequest can),
 * with the same CSRF header and one refresh-and-retry on a 401 as the API client.
 */
import { withCsrf } from "./csrf";
import { ApiError, toApiError } from "./problem";
import { session } from "./session";

export interface UploadOptions {
  /** Fraction sent so far, 0..1. */
  onProgress?: (fraction: number) => void;
  /** The answer's status (201 created, 200 an existing resource), before it resolves. */
  onStatus?: (status: number) => void;
  signal?: AbortSignal;
}

function send(url: string, form: FormData, options: UploadOptions): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    const headers = withCsrf("POST", new Headers());
    headers.forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: null });
    xhr.onabort = () => reject(new DOMException("upload cancelled", "AbortError"));
    options.signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(form);
  });
}

/** POST `form` to `url`; resolves with the created resource, rejects with an ApiError. */
export async function upload<T>(url: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  const sentAt = Date.now();
  let result = await send(url, form, options);
  if (result.status === 401 && (await session.refresh(sentAt)) === "refreshed") {
    result = await send(url, form, options);
  }
  if (result.status >= 200 && result.status < 300) {
    options.onStatus?.(result.status);
    return result.body as T;
  }
  throw toApiError(result.status, result.body);
}

export { ApiError };
