// SPDX-License-Identifier: MIT
// Bank search as you type, in the browser, over a synthetic bank of N questions (default
// 100,000, made by bench/bench_search.c): the time from each keystroke in the search box to
// the page drawing the results for what has been typed so far (the result count updated and
// the next frame painted), at p50/p95/max, against a reference measured in the same run: the
// same queries' API round trips from node, without a browser. Target: p95 <= 100 ms.
//
// usage: node bench/web_search.mjs [N] [QUERIES]    (after make build/rubric build/bench/bench_search)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, newPage, ROOT, signIn } from '../tests/web/lib.mjs';

const N = Number(process.argv[2] ?? 100000);
const QUERIES = Number(process.argv[3] ?? 12);
const RUBRIC = process.env.RUBRIC || join(ROOT, 'build/rubric');
const PASSWORD = 'bench-password-1';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
}

async function serve(db) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    let log = '';
    const child = spawn(RUBRIC, ['serve', '--listen', `127.0.0.1:${port}`, '--db', `sqlite:${db}`], {
      env: { ...process.env, RUBRIC_ADMIN_PASSWORD: PASSWORD, RUBRIC_ACCESS_LOG: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (b) => (log += b));
    child.stderr.on('data', (b) => (log += b));
    for (let i = 0; i < 600 && child.exitCode === null; i++) {
      if (log.includes(`serving on http://127.0.0.1:${port} `)) return { base: `http://127.0.0.1:${port}`, child };
      await sleep(100);
    }
    child.kill('SIGKILL');
    if (attempt === 4) throw new Error(`rubric serve did not start:\n${log}`);
  }
  throw new Error('unreachable');
}

// Two kinds of query. Planted terms (each in 1%, 5% or 20% of the questions) with a common
// word of the synthetic text, whose prefixes match most of the bank: the worst case. And
// English words, which match the built-in bank's questions among the synthetic ones: what a
// person types.
const syl = ['ba', 'de', 'fi', 'go', 'ku', 'la', 'me', 'ni'];
const planted = [];
for (let i = 0; i < QUERIES; i++) {
  const cls = ['xqa', 'xqe', 'xqo'][i % 3];
  const k = i % 10;
  const term = `${cls}${String.fromCharCode(97 + k)}${String.fromCharCode(107 + k)}`;
  planted.push(i % 2 ? term : `${term} ${syl[i % 8]}${syl[(i + 3) % 8]}`);
}
const english = ['composite index', 'idempotency key', 'retry storm', 'cache invalidation', 'consumer lag', 'rate limit',
  'connection pool', 'deadlock', 'schema migration', 'circuit breaker', 'read replica', 'message ordering'].slice(0, QUERIES);
const kinds = [
  ['planted terms, 1-20% of the bank', planted],
  ['English words', english],
];

const dir = mkdtempSync(join(tmpdir(), 'rubric-websearch-'));
const db = join(dir, 'bank.db');
process.stderr.write(`bench: a synthetic bank of ${N} questions into ${db}\n`);
const made = spawnSync(join(ROOT, 'build/bench/bench_search'), [String(N), '1', db, '--builtin'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (made.status !== 0) throw new Error('bench_search failed');
const { base, child } = await serve(db);
const browser = await launch();
try {
  // the reference: the API alone, the same prefixes the page asks for
  const login = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.org', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const api = new Map();
  for (const [kind, queries] of kinds) {
    const lat = [];
    for (const q of queries)
      for (let n = 1; n <= q.length; n++) {
        const typed = q.slice(0, n).trim();
        const m = /^(.*?)(\S+)$/.exec(typed);
        // as the page asks (web/src/pages/bank/BankPage.tsx, prefixed)
        const asked = (m?.[2] ?? '').length >= 4 ? `${typed}*` : (m?.[1] ?? '').trim() || typed;
        const t0 = performance.now();
        const r = await fetch(`${base}/api/v1/questions?q=${encodeURIComponent(asked)}&limit=25&nocache=${Math.random()}`, { headers: { Cookie: cookie } });
        await r.arrayBuffer();
        lat.push(performance.now() - t0);
      }
    api.set(kind, lat);
  }

  const page = await newPage(browser);
  await signIn(page, base, 'admin@example.org', PASSWORD, '/bank');
  await page.locator('.result-count').waitFor();
  await page.evaluate(() => {
    const w = window;
    w.__kd = 0;
    w.__drawn = 0;
    document.addEventListener('keydown', () => (w.__kd = performance.now()), true);
    const count = document.querySelector('.result-count');
    new MutationObserver(() => {
      const t = count?.textContent ?? '';
      if (/updating/.test(t)) return;
      const text = t;
      requestAnimationFrame(() => {
        w.__drawn = performance.now();
        w.__drawnText = text;
      });
    }).observe(count, { childList: true, characterData: true, subtree: true });
  });
  const search = page.getByRole('searchbox', { name: 'Search the question bank' });
  const row = (name, xs) =>
    `${name.padEnd(44)} ${String(xs.length).padStart(5)} ${pct(xs, 0.5).toFixed(1).padStart(8)} ${pct(xs, 0.95).toFixed(1).padStart(8)} ${Math.max(...xs).toFixed(1).padStart(8)}`;
  const lines = [];
  let verdict = true;
  for (const [kind, queries] of kinds) {
    const lat = [];
    let missed = 0;
    for (const q of queries) {
      await search.fill('');
      await sleep(150);
      await search.focus();
      let before = '';
      for (const ch of q) {
        await page.keyboard.type(ch);
        const typed = (await search.inputValue()).trim();
        // a space changes nothing to search for
        if (typed === before) continue;
        before = typed;
        try {
          await page.waitForFunction(
            (t) => window.__drawn > window.__kd && (window.__drawnText ?? '').includes(`“${t}”`),
            typed,
            { timeout: 3000, polling: 'raf' },
          );
          lat.push(await page.evaluate(() => window.__drawn - window.__kd));
        } catch {
          missed++;
        }
        await sleep(30 + Math.random() * 60);
      }
    }
    const p95 = pct(lat, 0.95);
    verdict &&= p95 <= 100 && !missed;
    lines.push(row(`${kind}: API round trip (reference)`, api.get(kind)));
    lines.push(row(`${kind}: keystroke to results drawn`, lat));
    lines.push(`${''.padEnd(44)} p95 ${p95.toFixed(1)} ms (target <= 100) ${p95 <= 100 && !missed ? 'ok' : 'MISSED'}; keystrokes not drawn within 3 s: ${missed}`);
  }
  console.log(`Bank search as you type: ${N} synthetic questions and the built-in bank, ${QUERIES} queries of each kind typed a key at a time\n`);
  console.log(`${'measure'.padEnd(44)} ${'n'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
  for (const l of lines) console.log(l);
  process.exitCode = verdict ? 0 : 1;
} finally {
  await browser.close();
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
