// REST calls to the gateway (docs/protocol.md). Errors become ApiError with the server's stable code.
import { session } from "./session";

export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) {
    super(message);
  }
}

/** Called when the server no longer accepts the token (expired, or signed out elsewhere). */
let onUnauthorized: () => void = () => {};

export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await request<T>(method, path, body)).data;
}

/** A GET of one page of a list whose route tells the total in X-Total-Count (the member directory). */
export async function getPage<T>(path: string): Promise<{ items: T[]; total: number }> {
  const { data, response } = await request<T[]>("GET", path);
  return { items: data, total: Number(response.headers.get("X-Total-Count") ?? data.length) };
}

async function request<T>(method: string, path: string, body?: unknown): Promise<{ data: T; response: Response }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const token = session.token;
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError("offline", "The server cannot be reached. Check your connection; CoPLive retries on its own.", 0);
  }
  const data: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = data as { code?: string; message?: string } | null;
    if (response.status === 401 && token) {
      onUnauthorized();
    }
    throw new ApiError(error?.code ?? "http-" + response.status, error?.message ?? `The server answered ${response.status}.`, response.status);
  }
  return { data: data as T, response };
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => api<T>("POST", path, body);
export const put = <T>(path: string, body?: unknown) => api<T>("PUT", path, body);
export const del = <T>(path: string) => api<T>("DELETE", path);

/** Hub errors read "... HubException: {code}: {sentence}"; this takes out the code and sentence. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof ApiError) {
    return { code: error.code, message: error.message };
  }
  const text = error instanceof Error ? error.message : String(error);
  const match = /HubException: ([a-z-]+): (.*)$/s.exec(text);
  return match ? { code: match[1]!, message: match[2]! } : { code: "error", message: text };
}
