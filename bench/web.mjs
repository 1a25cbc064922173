// SPDX-License-Identifier: MIT
// The web app's speed, in `make bench`: what the first load costs (JavaScript and CSS,
// gzipped, before the first route's own code) against its budget, and Lighthouse's
// performance score of the sign-in, bank and interview pages against the target, each in
// the same run on a real `rubric serve` (release build) on a fresh store, loopback only.
//   node bench/web.mjs [RUBRIC]
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiAs, startServer, ADMIN, ADMIN_PASSWORD } from '../tests/web/lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'build/web/dist');
const BUDGET_KB = 80;
const TARGET_SCORE = 95;

function gz(file) {
  return statSync(join(dist, `${file}.gz`)).size;
}

// ---- the first load: index.html's entry chunk, its static imports and its CSS ----
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const entry = Object.values(manifest).find((c) => c.isEntry);
const seen = new Set();
const files = [];
(function walk(chunk) {
  if (!chunk || seen.has(chunk.file)) return;
  seen.add(chunk.file);
  files.push(chunk.file, ...(chunk.css ?? []));
  for (const imp of chunk.imports ?? []) walk(manifest[imp]);
})(entry);
const first = files.reduce((n, f) => n + gz(f), 0);
const lazy = Object.values(manifest).filter((c) => !seen.has(c.file) && c.file.endsWith('.js'));
console.log('first load (gzip)            KB    budget KB');
for (const f of files) console.log(`  ${f.padEnd(32)} ${(gz(f) / 1024).toFixed(1).padStart(6)}`);
console.log(`  ${'total'.padEnd(32)} ${(first / 1024).toFixed(1).padStart(6)}   ${BUDGET_KB}   ${first / 1024 <= BUDGET_KB ? 'met' : 'OVER'}`);
console.log(`  routes loaded on demand: ${lazy.length} chunks, largest ${(Math.max(...lazy.map((c) => gz(c.file))) / 1024).toFixed(1)} KB`);

// ---- Lighthouse (mobile preset: a slow phone on a slow network, as it simulates) ----
const server = await startServer(process.argv[2] ? { RUBRIC_ACCESS_LOG: 'false' } : {});
try {
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  await admin.post('/api/v1/users', { email: 'ivy.interviewer@example.org', role: 'interviewer', password: 'interviewer-pw-1' });
  const cand = await admin.post('/api/v1/candidates', { name: 'Bench Candidate', role: 'backend-developer-mid' });
  const iv = await admin.post('/api/v1/interviews', { candidate: cand.id, stage: 'technical', interviewers: ['ivy.interviewer@example.org'] });
  const ivy = await apiAs(server.base, 'ivy.interviewer@example.org', 'interviewer-pw-1');
  const pages = [
    ['sign-in', '/sign-in', null],
    ['bank', '/bank?q=cache', admin.cookie],
    ['scorecard', `/interviews/${iv.id}`, ivy.cookie],
  ];
  console.log('\nLighthouse performance      score  target  FCP      LCP      TBT');
  for (const [name, path, cookie] of pages) {
    const out = join(root, `build/bench/lighthouse-${name}.json`);
    execFileSync(
      join(root, 'bench/web/node_modules/.bin/lighthouse'),
      [
        `${server.base}${path}`,
        '--quiet',
        '--output=json',
        `--output-path=${out}`,
        '--only-categories=performance',
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run',
        ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
      ],
      { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' }, stdio: 'ignore' },
    );
    const r = JSON.parse(readFileSync(out, 'utf8'));
    const score = Math.round(r.categories.performance.score * 100);
    const a = r.audits;
    console.log(
      `  ${name.padEnd(26)} ${String(score).padStart(5)}  ${String(TARGET_SCORE).padStart(6)}  ${a['first-contentful-paint'].displayValue.padEnd(8)} ${a['largest-contentful-paint'].displayValue.padEnd(8)} ${a['total-blocking-time'].displayValue}  ${score >= TARGET_SCORE ? 'met' : 'MISSED'}`,
    );
  }
} finally {
  await server.stop();
}
