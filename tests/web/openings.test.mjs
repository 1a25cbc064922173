// SPDX-License-Identifier: MIT
// The recruiter's openings: a new opening from its description, the criteria the job reader
// took from it edited by hand (and put back), the opening opened; an application added and
// moved on that opening's board by mouse (drag and drop); the dashboard with time in stage
// and the funnel, as a chart and as a table with the same figures. axe on every page, at
// 1280 and 390 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, apiAs, assertClean, checkAxe, launch, newPage, shot, signIn, startServer } from './lib.mjs';

let server;
let browser;
let admin;
const R = { email: 'remy.recruiter@example.org', password: 'recruiter-pass-3' };
const DESCRIPTION = ['Platform Engineer', '', 'Requirements:', '- 4+ years with Go', '- PostgreSQL', '', 'Nice to have:', '- Kubernetes'].join('\n');

before(async () => {
  server = await startServer();
  browser = await launch();
  admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  await admin.post('/api/v1/users', { email: R.email, role: 'recruiter', password: R.password });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the recruiter adds an opening, edits its criteria and opens it', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, R.email, R.password, '/openings');
  await page.getByText('No openings yet.').waitFor();
  await page.getByLabel('Title').fill('Platform Engineer');
  await page.getByLabel('Role profile').selectOption('backend-developer-mid');
  await page.getByLabel('Job description').fill(DESCRIPTION);
  await checkAxe(page, 'openings');
  await page.getByRole('button', { name: 'Add the opening' }).click();
  await page.getByRole('heading', { name: 'Criteria', exact: true }).waitFor();
  await page.getByText('As read from the description.').waitFor();
  const must = page.locator('dl.criteria dd').nth(1);
  assert.match(await must.innerText(), /go/i);
  // edited by hand: PostgreSQL or MySQL, six years
  await page.getByLabel('Must have').fill('go, postgresql|mysql');
  await page.getByLabel('At least this many years').fill('6');
  await page.getByRole('button', { name: 'Save the criteria' }).click();
  await page.getByText('Criteria saved.').waitFor();
  await page.getByText('Read from the description, then edited by hand.').waitFor();
  assert.match(await must.innerText(), /postgresql or mysql/);
  assert.match(await page.locator('dl.criteria dd').nth(3).innerText(), /at least 6/);
  // an unknown skill is refused next to its field
  await page.getByLabel('Must have').fill('go, no-such-skill-here');
  await page.getByRole('button', { name: 'Save the criteria' }).click();
  await page.getByText(/no-such-skill-here/).first().waitFor();
  await checkAxe(page, 'opening with an error');
  // back to what was read
  await page.getByRole('button', { name: 'Back to what was read' }).click();
  await page.getByText('As read from the description.').waitFor();
  await page.getByLabel('Change the status to').selectOption('open');
  await page.getByRole('button', { name: 'Change status' }).click();
  await page.getByText('Status changed.').waitFor();
  await checkAxe(page, 'opening');
  await shot(page, 'opening');
  assertClean(page);
  await page.context().close();
});

test('an application moves by drag and drop; the dashboard shows the funnel', async () => {
  const openings = await admin.get('/api/v1/openings');
  const id = openings.items[0].id;
  await admin.post(`/api/v1/openings/${id}/applications`, { name: 'Noor Examplesen', email: 'noor@example.org' });
  await admin.post(`/api/v1/openings/${id}/applications`, { name: 'Ola Testdottir', email: 'ola@example.org' });
  const page = await newPage(browser);
  await signIn(page, server.base, R.email, R.password, '/pipeline');
  const lane = (name) => page.locator('section.lane', { has: page.getByRole('heading', { name: new RegExp(`^${name}`) }) });
  await lane('Applied').getByRole('link', { name: 'Noor Examplesen' }).waitFor();
  assert.match(await lane('Applied').getByRole('heading').innerText(), /2/);
  await lane('Applied').locator('li', { hasText: 'Noor Examplesen' }).dragTo(lane('Interviewing'));
  const dialog = page.getByRole('dialog');
  assert.equal(await dialog.getByLabel('Move to').inputValue(), 'interviewing');
  await dialog.getByLabel('Reason').fill('Strong portfolio');
  await dialog.getByRole('button', { name: 'Move' }).click();
  await page.getByText('Noor Examplesen moved to Interviewing.').waitFor();
  await lane('Interviewing').getByRole('link', { name: 'Noor Examplesen' }).waitFor();
  assert.match(await lane('Applied').getByRole('heading').innerText(), /1/);
  await checkAxe(page, 'pipeline of an opening');
  await page.goto(`${server.base}/dashboard`);
  const funnel = page.getByRole('list', { name: /Funnel of Platform Engineer/ });
  await funnel.waitFor();
  // the chart and its table say the same: 2 applied, 1 went on to interviewing
  const rows = page.getByRole('region', { name: 'Funnel of Platform Engineer as a table' }).locator('tbody tr');
  assert.deepEqual(await rows.allInnerTexts(), ['Applied\t2\t100%', 'Screened\t1\t50%', 'Interviewing\t1\t50%', 'Offer\t0\t0%', 'Hired\t0\t0%']);
  const bars = (await funnel.getByRole('listitem').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  assert.deepEqual(bars, ['Applied 2 (100%)', 'Screened 1 (50%)', 'Interviewing 1 (50%)', 'Offer 0 (0%)', 'Hired 0 (0%)']);
  await page.getByRole('heading', { name: 'Waiting for screening (1)' }).waitFor();
  await checkAxe(page, 'dashboard');
  await shot(page, 'dashboard');
  assertClean(page);
  await page.context().close();
});

test('the openings pages at 390 px', async () => {
  const page = await newPage(browser, { width: 390 });
  await signIn(page, server.base, R.email, R.password, '/openings');
  await page.getByRole('link', { name: 'Platform Engineer' }).first().waitFor();
  await checkAxe(page, 'openings at 390');
  await page.getByRole('link', { name: 'Platform Engineer' }).first().click();
  await page.getByRole('heading', { name: 'Criteria', exact: true }).waitFor();
  await checkAxe(page, 'opening at 390');
  await page.goto(`${server.base}/dashboard`);
  await page.getByRole('list', { name: /Funnel/ }).waitFor();
  await checkAxe(page, 'dashboard at 390');
  await page.goto(`${server.base}/pipeline`);
  await page.getByRole('heading', { name: /^Interviewing/ }).waitFor();
  await checkAxe(page, 'pipeline at 390');
  assertClean(page);
  await page.context().close();
});
