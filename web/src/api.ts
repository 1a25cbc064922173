// SPDX-License-Identifier: MIT
// The one door to the server: a typed client of /api/v1 (types generated from
// docs/openapi.json), which sends the CSRF token with every change, asks the user to sign in
// again when the session has expired and then replays the request, and waits out a lost
// connection behind a banner instead of losing what the user typed.
import createClient from 'openapi-fetch';
import type { components, paths } from './gen/api';
import { createStore } from './store';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

let csrfToken = '';
/** The session's CSRF token, sent as X-CSRF-Token with every request that changes something. */
export function setCsrf(token: string): void {
  csrfToken = token;
}

/** Whether the server cannot be reached just now (the retry banner shows while true). */
export const connectionLost = createStore(false);

let retryWaiters: (() => void)[] = [];
/** Retries every request waiting for the connection now, without waiting for the timer. */
export function retryNow(): void {
  const waiting = retryWaiters;
  retryWaiters = [];
  for (const wake of waiting) wake();
}

function waitForRetry(attempt: number, signal: AbortSignal | null): Promise<void> {
  const ms = Math.min(15000, 1000 * 2 ** Math.min(attempt, 4));
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      retryWaiters = retryWaiters.filter((w) => w !== done);
      if (signal?.aborted) reject(signal.reason);
      else resolve();
    };
    const timer = setTimeout(done, ms);
    retryWaiters.push(done);
    signal?.addEventListener('abort', done, { once: true });
  });
}

type SignInPrompt = () => Promise<void>;
let promptSignIn: SignInPrompt | null = null;
/** Installs what the client calls when a request meets 401: it resolves once signed in. */
export function onSignInNeeded(fn: SignInPrompt): void {
  promptSignIn = fn;
}

const SAFE = new Set(['GET', 'HEAD']);

function isSignIn(req: Request): boolean {
  return new URL(req.url).pathname === '/api/v1/session';
}

async function send(req: Request): Promise<Response> {
  const body = SAFE.has(req.method) ? null : await req.clone().arrayBuffer();
  for (let attempt = 0; ; attempt++) {
    const headers = new Headers(req.headers);
    if (!SAFE.has(req.method) && csrfToken) headers.set('X-CSRF-Token', csrfToken);
    let res: Response;
    try {
      res = await fetch(req.url, {
        method: req.method,
        headers,
        body,
        credentials: 'same-origin',
        signal: req.signal,
      });
    } catch (err) {
      if (req.signal.aborted) throw err;
      connectionLost.set(true);
      await waitForRetry(attempt, req.signal);
      continue;
    }
    connectionLost.set(false);
    if (res.status === 401 && promptSignIn && !isSignIn(req)) {
      await promptSignIn();
      continue;
    }
    return res;
  }
}

export const api = createClient<paths>({ baseUrl: '', fetch: send });

/** A problem as the page shows it: what went wrong, and the field at fault when known. */
export interface Failure {
  status: number;
  detail: string;
  field?: string;
}

function isProblem(v: unknown): v is Problem {
  return typeof v === 'object' && v !== null && 'status' in v && 'title' in v;
}

/** The failure of a call, from its problem+json body (or a plain description). */
export function failureOf(error: unknown, response?: Response): Failure {
  if (isProblem(error)) {
    const f: Failure = { status: error.status, detail: error.detail ?? error.title };
    if (error.field) f.field = error.field;
    return f;
  }
  return {
    status: response?.status ?? 0,
    detail: response ? `the server answered ${response.status}` : 'no answer from the server',
  };
}

/** Sends form (multipart) to path with the CSRF token, reporting upload progress (0 to 1). */
export function upload(
  path: string,
  form: FormData,
  onProgress?: (fraction: number) => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.responseType = 'json';
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response as unknown });
    xhr.onerror = () => reject(new Error('the upload failed: the server cannot be reached'));
    xhr.send(form);
  });
}
