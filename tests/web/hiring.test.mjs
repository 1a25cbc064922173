// SPDX-License-Identifier: MIT
// The recruiter's journey: a folder of resumes screened against a pasted job description
// (its criteria shown first), the top two added to the pipeline, one moved on the board by
// keyboard, a loop scheduled with two interviewers; the admin exports and erases a candidate
// and the name is gone from every page. Planted markup in a candidate's name, a resume and
// the job description stays text on every page that shows it; axe passes on each page, for
// the recruiter and the admin, at 1280 and 390 px.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, ROOT, XSS, apiAs, assertClean, checkAxe, launch, newPage, shot, signIn, startServer } from './lib.mjs';

let server;
let browser;
let folder;
let screening;
const R = { email: 'rita.recruiter@example.org', password: 'recruiter-pass-1' };
const PLANTED = `Nia Planted ${XSS[0]}`; // a candidate's name, as typed by a recruiter

before(async () => {
  server = await startServer();
  browser = await launch();
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  await admin.post('/api/v1/users', { email: R.email, role: 'recruiter', password: R.password });
  for (const e of ['ivy.one@example.org', 'ike.two@example.org']) await admin.post('/api/v1/users', { email: e, role: 'interviewer', password: 'interviewer-pass-1' });
  // a folder of resumes: the two test resumes, a weaker one, and one with planted markup
  folder = join(mkdtempSync(join(tmpdir(), 'rubric-resumes-')), 'resumes');
  mkdirSync(folder);
  writeFileSync(join(folder, 'amara.txt'), readFileSync(join(ROOT, 'tests/data/resumes/plain.txt')));
  writeFileSync(join(folder, 'tomasz.md'), readFileSync(join(ROOT, 'tests/data/resumes/markdown.md')));
  writeFileSync(
    join(folder, 'planted.txt'),
    ['Zed Planted', `Backend Engineer ${XSS[1]}`, 'zed@example.org', '', 'EXPERIENCE', '', `Backend Engineer ${XSS[0]}, Example Co`, 'Jan 2022 - Present', `- Wrote Go services ${XSS[2]}`, ''].join('\n'),
  );
  // the opening the pipeline is for; the planted candidate comes in with an application to it
  const opening = await admin.post('/api/v1/openings', { title: 'Senior Backend Engineer', role: 'backend-developer-senior', description: JOB });
  await admin.post(`/api/v1/openings/${opening.id}/status`, { status: 'open' });
  await admin.post('/api/v1/candidates', { name: PLANTED, email: 'nia@example.org', opening: opening.id });
  writeFileSync(join(folder, 'junior.txt'), ['Quinn Junior', 'quinn@example.org', '', 'SKILLS', 'HTML, CSS', ''].join('\n'));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (folder) rmSync(join(folder, '..'), { recursive: true, force: true });
});

const JOB = [
  `Senior Backend Engineer ${XSS[2]}`,
  '',
  'Requirements:',
  '- 5+ years of professional software development',
  '- Strong Go and PostgreSQL',
  '- Experience running services on Kubernetes',
  '',
  'Nice to have:',
  '- Redis',
  '- Apache Kafka',
].join('\n');

test('the recruiter screens a folder against a pasted job description and adds the top two', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, R.email, R.password, '/screenings/new');
  await page.getByLabel('Job description', { exact: true }).fill(JOB);
  await page.getByRole('button', { name: 'Show the criteria' }).click();
  await page.getByRole('heading', { name: 'The criteria read' }).waitFor();
  const crit = await page.locator('.criteria').innerText();
  assert.match(crit, /Must have\s+.*\bgo\b.*postgresql/i);
  assert.match(crit, /Senior Backend Engineer "><svg onload=alert\(3\)>/);
  await page.getByLabel('A folder of resumes').setInputFiles(folder);
  await page.getByText('4 files of 4 uploaded').waitFor();
  await checkAxe(page, 'new screening');
  await shot(page, 'screening-new');
  await page.getByRole('button', { name: /^Screen 4 resumes/ }).click();
  await page.waitForURL(/\/screenings\/\d+$/);
  screening = Number(new URL(page.url()).pathname.split('/').pop());
  await page.getByText(/^Done: /).waitFor({ timeout: 60000 });
  await page.getByRole('region', { name: 'Ranked results' }).waitFor();
  const names = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
  assert.ok(names.includes('Zed Planted'), `the planted resume is ranked: ${names}`);
  // the reasons of a row, the score filter, a sort
  await page.getByRole('button', { name: /^Why / }).first().click();
  await page.getByText(/Must-have skills: /).first().waitFor();
  await page.getByLabel('Lowest score shown').fill('101');
  await page.getByText('No result at or above that score.').waitFor();
  await page.getByLabel('Lowest score shown').fill('');
  await page.getByRole('button', { name: /^Candidate/ }).click();
  await checkAxe(page, 'screening results');
  await shot(page, 'screening-results');
  // the exports answer
  const csv = await page.evaluate(async (u) => (await fetch(u)).text(), `/api/v1/screenings/${screening}/report?format=csv`);
  assert.match(csv.split('\r\n')[0], /^rank,id,score/);
  // the top two (by score) into the pipeline
  await page.getByRole('button', { name: /^Score/ }).click(); // best first
  const boxes = page.locator('tbody input[type=checkbox]');
  const order = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
  assert.equal(order[0], '1', `sorted by score, best first: ${order}`);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole('button', { name: 'Add 2 chosen resumes to the pipeline' }).click();
  await page.getByText('2 candidates added to the pipeline of Senior Backend Engineer.').waitFor();
  assertClean(page);
  await page.context().close();
});

test('the recruiter moves a candidate on the board by keyboard and schedules a loop', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, R.email, R.password, '/pipeline');
  await page.getByRole('heading', { name: /Screened/ }).waitFor();
  const move = page.getByRole('button', { name: /^Move to… another stage: / }).first();
  const who = (await move.innerText()).replace(/^Move to…\s*another stage: /, '');
  await move.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Move to').selectOption('interviewing');
  await dialog.getByLabel('Reason').fill('Strong screen');
  await checkAxe(page, 'move dialog');
  await page.keyboard.press('Tab'); // Cancel
  await page.keyboard.press('Tab'); // Move
  await page.keyboard.press('Enter');
  await page.getByText(`${who} moved to Interviewing.`).waitFor();
  await checkAxe(page, 'pipeline');
  await shot(page, 'pipeline');
  // the candidate page, then a loop with both interviewers
  await page.getByRole('link', { name: who, exact: true }).click();
  await page.getByRole('heading', { name: 'Stage history' }).waitFor();
  await page.getByText(/Strong screen/).waitFor();
  await page.getByRole('link', { name: 'Schedule an interview' }).click();
  await page.getByLabel(/ivy\.one@example\.org/).check();
  await page.getByLabel(/ike\.two@example\.org/).check();
  await checkAxe(page, 'schedule an interview');
  await page.getByRole('button', { name: 'Schedule' }).click();
  await page.getByRole('heading', { name: 'Interviews' }).waitFor();
  await page.getByText('ivy.one@example.org:').waitFor();
  assert.equal(await page.getByText('… waiting').count(), 2, 'both panel members are waiting');
  await checkAxe(page, 'candidate');
  await shot(page, 'candidate');
  assertClean(page);
  await page.context().close();
});

test('candidate search; the recruiter pages at 390 px', async () => {
  const page = await newPage(browser, { width: 390 });
  await signIn(page, server.base, R.email, R.password, '/candidates');
  await page.getByLabel('Search by name or email').fill('NIA@');
  await page.waitForURL(/q=NIA/);
  await page.getByRole('link', { name: PLANTED }).waitFor();
  // the unfiltered list may still be drawn: wait for the search's answer to replace it
  await page.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
  assert.equal(await page.locator('tbody tr').count(), 1);
  await checkAxe(page, 'candidates at 390');
  await shot(page, 'candidates');
  await page.goto(`${server.base}/screenings/${screening}`);
  await page.getByRole('region', { name: 'Ranked results' }).waitFor();
  await checkAxe(page, 'screening results at 390');
  await page.goto(`${server.base}/pipeline`);
  await page.getByRole('heading', { name: /Interviewing/ }).waitFor();
  await checkAxe(page, 'pipeline at 390');
  assertClean(page);
  await page.context().close();
});

test('the admin exports and erases a candidate; the name is gone from every page', async () => {
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  const id = (await admin.get('/api/v1/candidates?q=nia%40')).items[0].id;
  // the planted resume, on the planted candidate's page
  await admin.upload(`/api/v1/resumes?candidate=${id}`, [{ path: join(folder, 'planted.txt'), name: 'planted.txt' }]);
  const page = await newPage(browser);
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, `/candidates/${id}`);
  await page.getByRole('heading', { name: 'Resumes' }).waitFor();
  await page.getByRole('button', { name: /Show what was read/ }).first().click();
  await page.getByText('Name read').waitFor();
  await checkAxe(page, 'candidate (admin)');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export (JSON)' }).click();
  const file = await (await download).path();
  assert.match(readFileSync(file, 'utf8'), /Nia Planted/);
  await page.getByRole('button', { name: 'Erase…' }).click();
  const dialog = page.getByRole('dialog');
  assert.equal(await dialog.getByRole('button', { name: 'Erase' }).isDisabled(), true, 'erase before the name is typed');
  await dialog.getByLabel("The candidate's name").fill(PLANTED);
  await checkAxe(page, 'erase dialog');
  await dialog.getByRole('button', { name: 'Erase' }).click();
  await page.getByText('The candidate was erased.').waitFor();
  for (const path of [`/candidates/${id}`, '/candidates', '/pipeline', `/screenings/${screening}`, `/candidates/${id}/debrief`]) {
    await page.goto(`${server.base}${path}`);
    await page.locator('#page-title').waitFor().catch(async (e) => {
      throw new Error(`${path}: ${e.message.split('\n')[0]}; the page says: ${(await page.locator('body').innerText()).slice(0, 300)} ${page.problems}`);
    });
    await page.waitForLoadState('networkidle');
    const text = await page.locator('main').innerText();
    assert.ok(!text.includes('Nia Planted'), `the name is still on ${path}`);
  }
  assertClean(page);
  await page.context().close();
});
