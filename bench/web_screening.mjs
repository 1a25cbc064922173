// SPDX-License-Identifier: MIT
// The screening results page with many candidates (2,000 by default), measured in the
// browser: how long sorting by a column and filtering by score take, from the click or the
// keystroke to the next frame drawn, over several runs (median and worst). Target: under
// 100 ms each. A benchmark, not a test: run by bench/run, never by make check.
//
//   RUBRIC=build/rubric node bench/web_screening.mjs [N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, ADMIN_PASSWORD, ROOT, apiAs, launch, newPage, signIn, startServer } from '../tests/web/lib.mjs';

const N = Number(process.argv[2] ?? 2000);
const RUNS = 7;
const TARGET_MS = 100;
const GEN = join(ROOT, 'build/bench/gen_resumes');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'rubric-bench-screen-'));
execFileSync(GEN, [String(N), dir]);
const server = await startServer({ RUBRIC_UPLOAD_MAX: '64M', RUBRIC_ACCESS_LOG: 'false' });
const browser = await launch();
let failed = false;
try {
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const ids = [];
  for (let i = 0; i < files.length; i += 200) {
    const batch = files.slice(i, i + 200).map((name) => ({ name, data: readFileSync(join(dir, name)) }));
    const up = await admin.upload('/api/v1/resumes', batch);
    ids.push(...up.items.map((x) => x.id));
  }
  const job = await admin.post('/api/v1/screenings', { role: 'backend-developer-senior', resumes: ids });
  for (let i = 0; i < 1200; i++) {
    const s = await admin.get(`/api/v1/screenings/${job.id}`);
    if (s.state === 'done' || s.state === 'failed') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const page = await newPage(browser);
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, `/screenings/${job.id}`);
  await page.getByRole('region', { name: 'Ranked results' }).waitFor({ timeout: 120000 });
  const rows = await page.locator('tbody tr').count();
  // from the event to the frame after Preact has rendered it
  const timeClick = (name) =>
    page.evaluate(async (label) => {
      const b = [...document.querySelectorAll('thead button')].find((x) => x.textContent?.startsWith(label));
      const t0 = performance.now();
      b?.click();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    }, name);
  const timeFilter = (value) =>
    page.evaluate(async (v) => {
      const input = document.querySelector('input[type=number]');
      const t0 = performance.now();
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    }, value);
  const sort = [];
  const filter = [];
  for (let i = 0; i < RUNS; i++) {
    sort.push(await timeClick(i % 2 ? 'Score' : 'Candidate'));
    filter.push(await timeFilter(i % 2 ? '' : '40'));
  }
  const line = (what, xs) => {
    const worst = Math.max(...xs);
    if (worst > TARGET_MS) failed = true;
    return `${what}: median ${median(xs).toFixed(1)} ms, worst ${worst.toFixed(1)} ms (target ${TARGET_MS} ms)`;
  };
  console.log(`screening results page, ${N} resumes (${rows} rows drawn)`);
  console.log(`  ${line('sort by a column', sort)}`);
  console.log(`  ${line('filter by score ', filter)}`);
  await page.context().close();
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
