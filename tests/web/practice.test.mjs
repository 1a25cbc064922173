// SPDX-License-Identifier: MIT
// Practice in the browser (issue 12, journey 9): a candidate chooses a role and stage,
// answers one question against its countdown (announced at one minute and at zero, the
// clock driven by Playwright so the test takes seconds), asks for a hint, reveals what a
// good answer shows with the keyword coverage labelled as a hint, rates it and sees when it
// is due; skips one; reads their progress and downloads the Anki deck. axe on every page,
// again at 390 px; no console error; screenshots at both widths.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, apiAs, assertClean, checkAxe, launch, newPage, shot, signIn, startServer } from './lib.mjs';

let server;
let browser;
const CANDIDATE = 'pia.practice@example.org';
const PASSWORD = 'candidate-password-6';

before(async () => {
  server = await startServer();
  browser = await launch();
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  await admin.post('/api/v1/users', { email: CANDIDATE, role: 'candidate', password: PASSWORD });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const status = (page) => page.locator('.sr-only[role="status"][aria-live="assertive"]');
/** The text the session page has said to screen readers (its assertive status line). */
const said = (page) => status(page).innerText();
/** Waits until the page has said text (a state update after a render: not at once). */
const hears = (page, text) => status(page).filter({ hasText: text }).waitFor({ state: 'attached' });

test('a candidate practises one question with the timer, a hint, reveal and a self-rating, and sees the due date', async () => {
  const page = await newPage(browser);
  await page.clock.install();
  await signIn(page, server.base, CANDIDATE, PASSWORD, '/practice');
  await page.getByRole('heading', { name: 'Practice', level: 1 }).waitFor();
  await page.getByText('due today').waitFor();
  await checkAxe(page, 'practice start (candidate)');
  await shot(page, 'practice');
  await page.getByLabel('Role').selectOption('backend-developer-mid');
  await page.getByLabel('Stage').selectOption('technical');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForURL(/\/practice\/session\?role=backend-developer-mid&stage=technical/);
  const title = page.locator('#pq-title');
  await title.waitFor();
  const question = (await title.innerText()).trim();
  const meta = await page.locator('.practice-q .muted').innerText();
  const minutes = Number(/(\d+) min/.exec(meta)?.[1]);
  assert.ok(minutes >= 2, `a ${minutes}-minute question`);
  // the visible clock counts down from the question's minutes; nothing is said yet
  await page.locator('.timer-clock').waitFor();
  assert.match(await page.locator('.timer-clock').innerText(), new RegExp(`^${minutes}:00$|^${minutes - 1}:5\\d$`));
  assert.equal(await said(page), '');
  await page.getByLabel('Your answer').fill('I would add an index that matches the query, check the plan with EXPLAIN, and cache hot reads.');
  await page.getByRole('button', { name: 'Hint' }).click();
  await page.getByText(/^Think about: /).first().waitFor();
  await page.getByText(/1 of \d+ hints shown/).waitFor();
  await checkAxe(page, 'practice session (candidate)');
  await shot(page, 'practice-session');
  // one minute left: said once, not every second
  await page.clock.fastForward((minutes * 60 - 60) * 1000);
  await page.getByText('Less than a minute left').waitFor();
  await hears(page, 'One minute left.');
  await page.clock.fastForward(30 * 1000);
  assert.equal(await said(page), 'One minute left.');
  await page.clock.fastForward(31 * 1000);
  await page.getByText('Time is up', { exact: true }).waitFor();
  await hears(page, /^Time is up/);
  // what the answer typed is still there
  assert.match(await page.getByLabel('Your answer').inputValue(), /EXPLAIN/);
  await page.getByRole('button', { name: 'Reveal' }).click();
  await page.getByRole('heading', { name: 'Keyword coverage: a hint, not a judgement' }).waitFor();
  await page.getByRole('heading', { name: 'A good answer shows' }).waitFor();
  await checkAxe(page, 'practice reveal (candidate)');
  await shot(page, 'practice-reveal');
  await page.getByRole('button', { name: /^Good/ }).click();
  const due = page.locator('.due-line');
  await due.waitFor();
  assert.match(await due.innerText(), /Rated good\. Next review on .+ \(in \d+ days?\)\./);
  await hears(page, /^Saved\. Next review on /);
  // the stats agree: one question practised, due later
  const me = await apiAs(server.base, CANDIDATE, PASSWORD);
  const stats = await me.get('/api/v1/practice/stats');
  assert.equal(stats.cards, 1);
  assert.equal(stats.answers, 1);
  assert.ok(stats.seconds >= minutes * 60, `${stats.seconds} seconds recorded for ${minutes} minutes`);
  // next, and a skip brings another question
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.waitForFunction((q) => document.querySelector('#pq-title')?.textContent?.trim() !== q, question);
  const second = (await title.innerText()).trim();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.waitForFunction((q) => document.querySelector('#pq-title')?.textContent?.trim() !== q, second);
  assertClean(page);
  await page.context().close();
});

test('progress shows due days, the streak, retention and competencies as charts with numbers; the Anki deck downloads', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, CANDIDATE, PASSWORD, '/practice/stats');
  await page.getByRole('heading', { name: 'Practice progress', level: 1 }).waitFor();
  await page.getByRole('img', { name: /^Due over the next 14 days: 1 question due/ }).waitFor();
  await page.getByRole('img', { name: /^Days practised, last 30 days: Practised on 1 of the last 30 days/ }).waitFor();
  await page.getByRole('heading', { name: 'By competency' }).waitFor();
  assert.equal(await page.locator('table.data tbody tr').count(), 1);
  await checkAxe(page, 'practice stats (candidate)');
  await shot(page, 'practice-stats');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '.apkg package' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'rubric.apkg');
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(path).subarray(0, 2).toString(), 'PK', 'the deck is not a zip');
  assertClean(page);
  await page.context().close();
});

test('the candidate pages at 390 px: axe clean, no console error', async () => {
  const page = await newPage(browser, { width: 390, height: 844 });
  await signIn(page, server.base, CANDIDATE, PASSWORD, '/practice');
  await page.getByRole('button', { name: 'Start' }).waitFor();
  await checkAxe(page, 'practice start at 390 px');
  await shot(page, 'practice');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.locator('#pq-title').waitFor();
  await checkAxe(page, 'practice session at 390 px');
  await shot(page, 'practice-session');
  await page.getByRole('button', { name: 'Reveal' }).click();
  await page.getByRole('heading', { name: 'A good answer shows' }).waitFor();
  await checkAxe(page, 'practice reveal at 390 px');
  await shot(page, 'practice-reveal');
  await page.goto(`${server.base}/practice/stats`);
  await page.getByRole('heading', { name: 'By competency' }).waitFor();
  await checkAxe(page, 'practice stats at 390 px');
  await shot(page, 'practice-stats');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the stats page is ${overflow} px wider than the phone`);
  assertClean(page);
  await page.context().close();
});

test('staff practise too, and their practice pages pass axe', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, '/practice');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.locator('#pq-title').waitFor();
  await checkAxe(page, 'practice session (admin)');
  await page.goto(`${server.base}/practice/stats`);
  await page.getByRole('heading', { name: 'Practice progress', level: 1 }).waitFor();
  await checkAxe(page, 'practice stats (admin)');
  assertClean(page);
  await page.context().close();
});
