// SPDX-License-Identifier: MIT
// The question bank and kits in the browser (issue 12, journeys 3 and 4): search as you
// type with highlighted matches, `/` to search from anywhere, the arrow keys and Enter to
// open a result, a question's guidance; a kit built for a role, a question swapped for an
// alternate, the kit saved for a candidate and printed with the kit's own print CSS. axe
// on every page for each role that can reach it, no console error, screenshots.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, apiAs, assertClean, checkAxe, launch, newPage, RUBRIC, shot, signIn, startServer } from './lib.mjs';

let server;
let browser;
const INTERVIEWER = 'ines.interviewer@example.org';
const INTERVIEWER_PASSWORD = 'interviewer-password-3';
const RECRUITER = 'rafe.recruiter@example.org';
const RECRUITER_PASSWORD = 'recruiter-password-4';

before(async () => {
  // four request threads: on a loaded 2-core machine two can both be busy with ASan kit builds
  server = await startServer({ RUBRIC_THREADS: '4' });
  browser = await launch();
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  await admin.post('/api/v1/users', { email: INTERVIEWER, role: 'interviewer', password: INTERVIEWER_PASSWORD });
  await admin.post('/api/v1/users', { email: RECRUITER, role: 'recruiter', password: RECRUITER_PASSWORD });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('search as you type shows highlighted matches; / focuses the search; arrows and Enter open one', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, INTERVIEWER, INTERVIEWER_PASSWORD, '/practice');
  // `/` from a page that is not the bank
  await page.locator('body').press('/');
  const search = page.getByRole('searchbox', { name: 'Search the question bank' });
  assert.equal(await search.evaluate((el) => el === document.activeElement), true, '/ did not focus the search');
  await page.keyboard.type('composite inde', { delay: 15 });
  await page.waitForURL(/\/bank\?q=composite/);
  const first = page.locator('.results .result').first();
  await first.locator('mark').first().waitFor();
  // matches are <mark> elements made from the API's **bold**, not HTML from the server
  const marks = await page.locator('.results mark').allInnerTexts();
  assert.ok(marks.some((m) => /composite|ind/i.test(m)), `no highlighted match: ${marks.join(', ')}`);
  assert.doesNotMatch(await first.innerText(), /\*\*/, 'the bold markers were shown as text');
  const count = await page.locator('.result-count').innerText();
  assert.match(count, /\d+ questions? match/);
  await checkAxe(page, 'bank search (interviewer)');
  await shot(page, 'bank-search');
  // the arrow keys go from the search box into the results, Enter opens one
  await search.focus();
  await page.keyboard.press('ArrowDown');
  const title = (await page.locator('.results a.result-link').first().innerText()).trim();
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('result-link')), true);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/bank\/[a-z0-9-]+$/);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.getByRole('heading', { name: 'A good answer shows' }).waitFor();
  await page.getByRole('heading', { name: 'Pitfalls' }).waitFor();
  await page.getByRole('heading', { name: 'The question' }).waitFor();
  await checkAxe(page, 'a question (interviewer)');
  await shot(page, 'bank-question');
  assertClean(page);
  await page.context().close();
});

test('filters by competency, category, level and minutes narrow the results, and survive a reload', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, RECRUITER, RECRUITER_PASSWORD, '/bank');
  await page.locator('.results .result').first().waitFor();
  await page.getByLabel('Category').selectOption('screening');
  await page.getByLabel('Minutes').selectOption('5');
  await page.waitForURL(/category=screening/);
  await page.waitForURL(/minutes=5/);
  await page.waitForFunction(() => document.querySelector('.results')?.getAttribute('aria-busy') === 'false');
  const metas = await page.locator('.results .result-meta').allInnerTexts();
  assert.ok(metas.length > 0, 'no screening question of 5 minutes or less');
  for (const m of metas) {
    assert.match(m, /Screening/);
    const min = Number(/(\d+) min/.exec(m)?.[1]);
    assert.ok(min <= 5, `a ${min}-minute question under a 5-minute filter`);
  }
  await page.getByLabel('Competency').selectOption('screening');
  await page.getByLabel('Level').selectOption('junior');
  await page.reload();
  assert.equal(await page.getByLabel('Category').inputValue(), 'screening');
  assert.equal(await page.getByLabel('Minutes').inputValue(), '5');
  assert.equal(await page.getByLabel('Level').inputValue(), 'junior');
  // typing a search keeps the filters
  await page.getByRole('searchbox', { name: 'Search the question bank' }).fill('salary');
  await page.waitForURL(/q=salary/);
  assert.match(page.url(), /category=screening/);
  assert.match(page.url(), /level=junior/);
  await checkAxe(page, 'bank filters (recruiter)');
  assertClean(page);
  await page.context().close();
});

test('a kit is built, a question swapped for an alternate, saved for a candidate, and printable', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, INTERVIEWER, INTERVIEWER_PASSWORD, '/kits/new');
  await page.getByLabel('Role').selectOption('backend-developer-mid');
  await page.getByLabel('Stage').selectOption('technical');
  await page.getByLabel('Minutes').fill('60');
  await page.getByLabel('Candidate (optional)').fill('Oona Testcase');
  await page.getByRole('button', { name: 'Build kit' }).click();
  const firstQ = page.locator('.kit .q').first();
  await firstQ.waitFor();
  await page.getByRole('heading', { name: 'Coverage' }).waitFor();
  await checkAxe(page, 'kit builder (interviewer)');
  await shot(page, 'kit-new');
  // swap the first question that has an alternate
  const swap = page.getByRole('button', { name: /^Swap in “/ }).first();
  const label = await swap.getAttribute('aria-label');
  const [, alt, was] = /^Swap in “(.+)” for “(.+)”$/.exec(label ?? '') ?? [];
  assert.ok(alt && was, `unexpected swap label: ${label}`);
  await swap.click();
  await page.getByText(`Swapped in “${alt}”.`).first().waitFor();
  const titles = await page.locator('.kit .q h3').allInnerTexts();
  assert.ok(titles.some((t) => t.includes(alt)), 'the alternate is not in the kit');
  assert.ok(!titles.some((t) => t.endsWith(was)), 'the swapped-out question is still asked');
  // saved for the candidate: the stored kit is the one shown
  await page.getByRole('button', { name: 'Save for Oona Testcase' }).click();
  await page.waitForURL(/\/kits\/\d+$/);
  await page.getByText('for Oona Testcase').first().waitFor();
  const stored = await page.locator('.kit .q h3').allInnerTexts();
  assert.deepEqual(stored, titles, 'the stored kit differs from the kit shown');
  await checkAxe(page, 'a stored kit (interviewer)');
  await shot(page, 'kit');
  // printing: the kit's print CSS (shared with the HTML kit) and the app's: no frame, no buttons
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.top').isVisible(), false, 'the frame is printed');
  assert.equal(await page.getByRole('button', { name: 'Print' }).isVisible(), false);
  const shadow = await page.locator('.kit').evaluate((el) => getComputedStyle(el).boxShadow);
  assert.equal(shadow, 'none', 'the kit print CSS is not applied');
  await page.emulateMedia({ media: 'screen' });
  assertClean(page);
  await page.context().close();
});

test('the bank, a question and the kit builder pass axe for admins too; candidates are told who may', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, '/bank?q=cache');
  await page.locator('.results mark').first().waitFor();
  await checkAxe(page, 'bank (admin)');
  await page.locator('.results a.result-link').first().click();
  await page.getByRole('heading', { name: 'A good answer shows' }).waitFor();
  await checkAxe(page, 'a question (admin)');
  await page.goto(`${server.base}/kits/new`);
  await page.getByRole('button', { name: 'Build kit' }).waitFor();
  await checkAxe(page, 'kit builder (admin)');
  assertClean(page);
  await page.context().close();

  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  await admin.post('/api/v1/users', { email: 'cara.candidate@example.org', role: 'candidate', password: 'candidate-password-5' });
  const cand = await newPage(browser);
  await signIn(cand, server.base, 'cara.candidate@example.org', 'candidate-password-5', '/bank');
  await cand.getByText(/Only admin or recruiter or interviewer accounts may open this page/).waitFor();
  assert.equal(await cand.getByRole('searchbox', { name: 'Search the question bank' }).count(), 0);
  assertClean(cand);
  await cand.context().close();
});

test('the bank and a kit at 390 px: usable, axe clean', async () => {
  const page = await newPage(browser, { width: 390, height: 844 });
  await signIn(page, server.base, INTERVIEWER, INTERVIEWER_PASSWORD, '/bank?q=retry');
  await page.locator('.results mark').first().waitFor();
  await checkAxe(page, 'bank at 390 px');
  await shot(page, 'bank-search');
  await page.goto(`${server.base}/kits/new`);
  await page.getByLabel('Role').selectOption('backend-developer-senior');
  await page.getByRole('button', { name: 'Build kit' }).click();
  await page.locator('.kit .q').first().waitFor();
  await checkAxe(page, 'kit builder at 390 px');
  await shot(page, 'kit-new');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the kit page is ${overflow} px wider than the phone`);
  assertClean(page);
  await page.context().close();
});

test('the HTML kit that rubric kit writes shares the kit CSS and passes axe, colour contrast included', async () => {
  const out = spawnSync(RUBRIC, ['--db', `sqlite:${join(server.dir, 'rubric.db')}`, 'kit', '--role', 'backend-developer-mid', '--format', 'html', '--seed', '5'], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stdout, /<main class="kit">/);
  assert.doesNotMatch(out.stdout, /#8a93a5/i, 'the old low-contrast grey is back');
  const page = await newPage(browser);
  await page.setContent(out.stdout);
  await checkAxe(page, 'the HTML kit');
  const shadow = await page.locator('main.kit').evaluate((el) => getComputedStyle(el).boxShadow);
  assert.notEqual(shadow, 'none', 'the kit CSS is not in the page');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('main.kit').evaluate((el) => getComputedStyle(el).boxShadow), 'none');
  assertClean(page);
  await page.context().close();
});

test('every page of the bank, kits and practice passes axe for every role that can open it', async () => {
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  const kit = await admin.post('/api/v1/kits', { role: 'site-reliability-engineer', stage: 'onsite', save: true, seed: 9 });
  const anyQuestion = (await admin.get('/api/v1/questions?limit=1')).items[0].id;
  const pages = [
    ['/bank?q=queue', '.results mark'],
    [`/bank/${anyQuestion}`, 'text=A good answer shows'],
    ['/kits/new', 'text=Build kit'],
    [`/kits/${kit.id}`, '.kit .q'],
    ['/practice', 'text=Start'],
    ['/practice/session', '#pq-title'],
    ['/practice/stats', 'text=By competency'],
  ];
  // what the other tests have not checked already for that role
  const visits = [
    [ADMIN, ADMIN_PASSWORD, [3, 4]],
    [RECRUITER, RECRUITER_PASSWORD, [1, 2, 3, 4, 5, 6]],
    [INTERVIEWER, INTERVIEWER_PASSWORD, [4, 5, 6]],
  ];
  for (const [email, password, which] of visits) {
    const page = await newPage(browser);
    await signIn(page, server.base, email, password, '/practice');
    for (const [path, ready] of which.map((i) => pages[i])) {
      await page.goto(`${server.base}${path}`);
      await page
        .locator(ready)
        .first()
        .waitFor()
        .catch(async (e) => {
          const text = await page.locator('main').innerText().catch(() => '(no main)');
          throw new Error(`${path} (${email}): ${e.message}\n${page.problems.join('\n')}\n${text.slice(0, 300)}`);
        });
      await checkAxe(page, `${path} (${email})`);
    }
    assertClean(page);
    await page.context().close();
  }
});
