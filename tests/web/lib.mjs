// SPDX-License-Identifier: MIT
// What the browser tests share: a real `rubric serve` on a fresh store on a free loopback
// port, Debian's chromium driven headless by playwright-core, signing in, seeding over the
// HTTP API, axe-core checks, screenshots, and a watch on every page for console errors,
// server errors and dialogs (a dialog that a test did not expect is how a planted script
// shows itself).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const RUBRIC = process.env.RUBRIC || join(ROOT, 'build/asan/rubric');
export const ADMIN = 'admin@example.org';
export const ADMIN_PASSWORD = 'admin-password-web-1';
export const SCREENS = join(ROOT, 'build/screens');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// RUBRIC_TRACE=1: each server's access log is kept in $TMPDIR/rubric-trace-PORT.log, and each
// page reports on stderr its failed requests, requests unanswered after 5 s and its console
// (what found that a page waiting forever was waiting on itself, not on the server).
const TRACE = !!process.env.RUBRIC_TRACE;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts `rubric serve` on a fresh store; resolves to {base, dir, stop}. */
export async function startServer(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rubric-web-'));
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    let log = '';
    const child = spawn(RUBRIC, ['serve', '--listen', `127.0.0.1:${port}`, '--db', `sqlite:${join(dir, 'rubric.db')}`], {
      cwd: dir,
      env: {
        ...process.env,
        RUBRIC_ADMIN_PASSWORD: ADMIN_PASSWORD,
        RUBRIC_ACCESS_LOG: TRACE ? 'true' : 'false',
        RUBRIC_SHUTDOWN_GRACE: '2',
        ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (b) => (log += b));
    child.stderr.on('data', (b) => (log += b));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300 && child.exitCode === null; i++) {
      if (log.includes(`serving on http://127.0.0.1:${port} `)) {
        const stop = async () => {
          if (child.exitCode === null) {
            child.kill('SIGTERM');
            for (let k = 0; k < 100 && child.exitCode === null; k++) await sleep(100);
            if (child.exitCode === null) child.kill('SIGKILL');
          }
          if (TRACE) writeFileSync(join(tmpdir(), `rubric-trace-${port}.log`), log);
          rmSync(dir, { recursive: true, force: true });
          if (/AddressSanitizer|LeakSanitizer|runtime error/.test(log))
            throw new Error(`the sanitizers found something in the server:\n${log.slice(-4000)}`);
        };
        return { base, dir, stop, log: () => log };
      }
      await sleep(100);
    }
    child.kill('SIGKILL');
    if (attempt === 4) throw new Error(`rubric serve did not start:\n${log}`);
  }
  throw new Error('unreachable');
}

/** Debian's chromium, headless, with nothing that reaches outside this machine. */
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A page in a new context of width px, watched: page.problems collects console errors,
 * uncaught exceptions, server errors (5xx) and dialogs nobody expected. A 4xx that the app
 * handles is not a problem, though Chromium logs it ("Failed to load resource").
 */
export async function newPage(browser, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.problems = [];
  page.expectDialog = false;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
    page.problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => page.problems.push(`exception: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500) page.problems.push(`server: ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  if (TRACE) trace(page);
  page.on('dialog', async (d) => {
    if (!page.expectDialog) page.problems.push(`dialog: ${d.type()} ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  return page;
}

function trace(page) {
  const open = new Map();
  page.on('request', (r) => open.set(r, Date.now()));
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => {
    console.error(`TRACE failed ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
    open.delete(r);
  });
  page.on('console', (m) => console.error(`TRACE console ${m.type()} ${m.text()}`));
  const timer = setInterval(() => {
    for (const [r, t0] of open)
      if (Date.now() - t0 > 5000) {
        console.error(`TRACE unanswered after ${Date.now() - t0} ms: ${r.method()} ${r.url()}`);
        open.delete(r);
      }
  }, 1000);
  timer.unref();
}

/** Fails when anything went wrong on the page so far. */
export function assertClean(page) {
  if (page.problems.length) throw new Error(`problems on the page:\n  ${page.problems.join('\n  ')}`);
}

export async function signIn(page, base, email, password, path = '/') {
  await page.goto(`${base}${path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  await page.locator('#page-title').first().waitFor();
}

/** axe-core over the page as it is now: no violation of serious or critical impact. */
export async function checkAxe(page, what) {
  const r = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const lines = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n      ')}`);
    throw new Error(`axe on ${what}:\n    ${lines.join('\n    ')}`);
  }
}

/** A screenshot of the whole page to build/screens/NAME-WIDTH.png, for people to look at. */
export async function shot(page, name) {
  mkdirSync(SCREENS, { recursive: true });
  const w = page.viewportSize()?.width ?? 0;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENS, `${name}-${w}.png`), fullPage: true });
}

/** A signed-in API client for seeding data: {get, post, patch, del, upload}. */
export async function apiAs(base, email, password) {
  const r = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (r.status !== 200) throw new Error(`sign-in of ${email}: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrf_token: csrf } = await r.json();
  const call = async (method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const json = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return json;
  };
  return {
    cookie,
    csrf,
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b ?? {}),
    patch: (p, b) => call('PATCH', p, b),
    put: (p, b) => call('PUT', p, b),
    del: (p) => call('DELETE', p),
    async upload(path, files) {
      const form = new FormData();
      for (const f of files) form.append('file', new Blob([f.data ?? readFileSync(f.path)]), f.name);
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': csrf }, body: form });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`POST ${path}: ${res.status} ${text}`);
      return JSON.parse(text);
    },
  };
}

/** Waits (up to 10 s) until the field's value is value; the last value seen when it is not. */
export async function waitForValue(locator, value) {
  let seen = '';
  for (let i = 0; i < 100; i++) {
    seen = await locator.inputValue();
    if (seen === value) return;
    await sleep(100);
  }
  throw new Error(`the field holds '${seen}', not '${value}'`);
}

/** Payloads that run script if any page renders data as HTML. */
export const XSS = [
  '<img src=x onerror="alert(1)">',
  '<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
];
