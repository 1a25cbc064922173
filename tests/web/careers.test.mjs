// SPDX-License-Identifier: MIT
// The applicant's journey on a phone: the careers page lists an open job, the applicant reads
// it and applies with a PDF resume (made by the project's own accuracy-gen), without an
// account, answering the opening's own questions; then the recruiter finds the application
// in that opening's pipeline in the web app, parsed (its PDF read) and screened (a score on
// the card), reads the answers on the candidate's page, and moves it by keyboard.
// axe passes on every page at 390 px.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, RUBRIC, apiAs, assertClean, checkAxe, launch, newPage, shot, signIn, startServer } from './lib.mjs';

let server;
let browser;
let dir;
let pdf;
let opening;
const R = { email: 'rhea.recruiter@example.org', password: 'recruiter-pass-2' };
const APPLICANT = 'Ama Testperson';

before(async () => {
  server = await startServer();
  browser = await launch();
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  await admin.post('/api/v1/users', { email: R.email, role: 'recruiter', password: R.password });
  const o = await admin.post('/api/v1/openings', {
    title: 'Backend Engineer',
    role: 'backend-developer-mid',
    description: ['## Requirements', '- 3+ years building services in Java or Python', '- PostgreSQL', '', '## Nice to have', '- Docker'].join('\n'),
    location: 'Lisbon',
    remote: 'hybrid',
    questions: [
      { id: 'notice', label: 'Your notice period', kind: 'choice', required: true, choices: ['none', '1 month', '3 months'] },
      { id: 'why', label: 'Why this job?', kind: 'text' },
    ],
  });
  await admin.post(`/api/v1/openings/${o.id}/status`, { status: 'open' });
  opening = o.id;
  // one labelled resume in every format; the PDF is the one sent
  dir = mkdtempSync(join(tmpdir(), 'rubric-careers-'));
  execFileSync(join(dirname(RUBRIC), 'accuracy-gen'), ['-n', '1', '-s', '11', '-o', dir], { stdio: 'ignore' });
  const name = readdirSync(dir).find((f) => f.endsWith('.pdf'));
  assert.ok(name, 'accuracy-gen made no PDF');
  pdf = join(dir, name);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('an applicant applies on a phone with a PDF resume', async () => {
  const page = await newPage(browser, { width: 390 });
  await page.goto(`${server.base}/careers`);
  await checkAxe(page, 'careers at 390');
  await page.getByRole('link', { name: /Backend Engineer/ }).click();
  await page.getByRole('heading', { name: 'Apply' }).waitFor();
  await checkAxe(page, 'the job at 390');
  await page.getByLabel('Your name').fill(APPLICANT);
  await page.getByLabel('Email').fill('ama.testperson@example.org');
  await page.getByLabel('Resume').setInputFiles(pdf);
  // nothing is sent without consent: the form comes back saying why, with what was typed
  await page.getByRole('button', { name: 'Send application' }).click();
  await page.getByText('We can only consider your application with your consent.').waitFor();
  assert.equal(await page.getByLabel('Your name').inputValue(), APPLICANT);
  await checkAxe(page, 'the form with an error at 390');
  await page.getByLabel('Resume').setInputFiles(pdf);
  // the opening's own questions: a choice by its radio button, a text answer
  await page.getByRole('group', { name: 'Your notice period' }).getByLabel('1 month').check();
  await page.getByLabel('Why this job? (optional)').fill('Services people rely on.');
  await page.getByLabel(/I agree to the processing/).check();
  await page.getByRole('button', { name: 'Send application' }).click();
  await page.getByText('Thank you: your application is in.').waitFor();
  await checkAxe(page, 'the thanks at 390');
  await shot(page, 'careers-applied');
  assertClean(page);
  await page.context().close();
});

test("the application is in the opening's pipeline, parsed and screened", async () => {
  const page = await newPage(browser, { width: 390 });
  await signIn(page, server.base, R.email, R.password, `/pipeline?opening=${opening}`);
  const card = page.locator('li.cand-card', { hasText: APPLICANT });
  // the screening runs in the background: reload until the card shows its score (20 s at most)
  for (let i = 0; i < 40 && !(await card.getByText(/score \d+/).count()); i++) {
    await page.waitForTimeout(500);
    await page.reload();
    await page.getByRole('heading', { name: /Applied/ }).waitFor();
  }
  await card.getByText(/score \d+ · careers/).waitFor();
  await checkAxe(page, 'the pipeline at 390');
  await shot(page, 'careers-pipeline');
  // the resume was read: the candidate page shows what was parsed from the PDF
  await card.getByRole('link', { name: APPLICANT }).click();
  await page.getByRole('heading', { name: APPLICANT }).waitFor();
  await page.getByText(/pdf/i).first().waitFor();
  // with the answers given on the form, by their questions
  await page.getByText('Your notice period').waitFor();
  await page.getByText('Services people rely on.').waitFor();
  assert.equal(await page.locator('dt', { hasText: 'Your notice period' }).locator('xpath=following-sibling::dd[1]').innerText(), '1 month');
  await checkAxe(page, 'the applicant at 390');
  // back on the board, moved by keyboard to the next stage
  await page.goBack();
  const move = page.getByRole('button', { name: `Move to… another stage: ${APPLICANT}` });
  await move.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Move to').selectOption('screened');
  await dialog.getByLabel('Reason').fill('Applied through the careers page');
  await dialog.getByRole('button', { name: 'Move' }).press('Enter');
  await page.getByText(`${APPLICANT} moved to Screened.`).waitFor();
  const lane = page.locator('section.lane', { has: page.getByRole('heading', { name: /^Screened/ }) });
  await lane.getByRole('link', { name: APPLICANT }).waitFor();
  assert.match(await lane.getByRole('heading').innerText(), /1/);
  assertClean(page);
  await page.context().close();
});
