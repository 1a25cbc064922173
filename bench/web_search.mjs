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

// queries people would type: a planted term (in 1%, 5% or 20% of questions) and a common word
const syl = ['ba', 'de', 'fi', 'go', 'ku', 'la', 'me', 'ni'];
const queries = [];
for (let i = 0; i < QUERIES; i++) {
  const cls = ['xqa', 'xqe', 'xqo'][i % 3];
  const k = i % 10;
  const term = `${cls}${String.fromCharCode(97 + k)}${String.fromCharCode(107 + k)}`;
  queries.push(i % 2 ? term : `${term} ${syl[i % 8]}${syl[(i + 3) % 8]}`);
}

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
  const api = [];
  for (const q of queries)
    for (let n = 1; n <= q.length; n++) {
      const typed = q.slice(0, n).trim();
      const m = /^(.*?)(\S+)$/.exec(typed);
      // as the page asks (web/src/pages/bank/BankPage.tsx, prefixed)
      const asked = (m?.[2] ?? '').length >= 3 ? `${typed}*` : (m?.[1] ?? '').trim() || typed;
      const t0 = performance.now();
      const r = await fetch(`${base}/api/v1/questions?q=${encodeURIComponent(asked)}&limit=25&nocache=${Math.random()}`, { headers: { Cookie: cookie } });
      await r.arrayBuffer();
      api.push(performance.now() - t0);
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
  const lat = [];
  let missed = 0;
  for (const q of queries) {
    await search.fill('');
    await sleep(150);
    await search.focus();
    for (const ch of q) {
      await page.keyboard.type(ch);
      const typed = (await search.inputValue()).trim();
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
  const row = (name, xs) =>
    `${name.padEnd(34)} ${String(xs.length).padStart(6)} ${pct(xs, 0.5).toFixed(1).padStart(8)} ${pct(xs, 0.95).toFixed(1).padStart(8)} ${Math.max(...xs).toFixed(1).padStart(8)}`;
  console.log(`Bank search as you type: ${N} synthetic questions, ${queries.length} queries typed a key at a time\n`);
  console.log(`${'measure'.padEnd(34)} ${'n'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
  console.log(row('API round trip (node, reference)', api));
  console.log(row('keystroke to results drawn', lat));
  const p95 = pct(lat, 0.95);
  console.log(`\nkeystrokes without a drawing within 3 s: ${missed}`);
  console.log(`p95 ${p95.toFixed(1)} ms (target <= 100) ${p95 <= 100 && !missed ? 'ok' : 'MISSED'}`);
} finally {
  await browser.close();
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
