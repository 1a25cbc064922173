// SPDX-License-Identifier: MIT
// The admin's fairness page: a small pipeline of invented candidates with self-identification,
// the report read at two decision points (figures as the API gives them, groups under the
// minimum hidden), the decision point chosen by keyboard; axe passes at 1280 and 390 px. The
// page names nobody: no candidate's name appears on it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, apiAs, assertClean, checkAxe, launch, newPage, shot, signIn, startServer } from './lib.mjs';

let server;
let browser;
// sex, race/ethnicity and the stages reached after 'applied'
const PEOPLE = [
  ['female', 'asian', ['phone']],
  ['female', 'asian', []],
  ['female', 'white', ['phone', 'onsite']],
  ['female', 'white', []],
  ['female', 'asian', []],
  ['female', 'white', ['phone']],
  ['male', 'asian', ['phone']],
  ['male', 'white', ['phone', 'onsite']],
  ['male', 'white', ['phone']],
  ['male', 'asian', ['phone']],
  ['male', 'white', []],
  ['male', 'asian', ['phone', 'onsite']],
  ['intersex', 'white', ['phone']],
];

before(async () => {
  server = await startServer();
  browser = await launch();
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  const stages = ['applied:applied', 'phone:screened', 'onsite:interviewing', 'offer:offer', 'hired:hired', 'rejected:rejected', 'withdrawn:withdrawn'].map((s) => ({ name: s.split(':')[0], kind: s.split(':')[1] }));
  const o = await admin.post('/api/v1/openings', { title: 'Fairness page opening', stages });
  let i = 0;
  for (const [sex, race, path] of PEOPLE) {
    i++;
    const a = await admin.post(`/api/v1/openings/${o.id}/applications`, { name: `Invented Person ${i}`, email: `person${i}@example.org` });
    await admin.put(`/api/v1/candidates/${a.candidate}/self-id`, { answers: { sex, race_ethnicity: race }, consent: 'asked by email' });
    for (const s of path) await admin.post(`/api/v1/applications/${a.id}/stage`, { stage: s });
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the admin reads the report by group, with small groups hidden, at two decision points', async () => {
  for (const width of [1280, 390]) {
    const page = await newPage(browser, { width });
    await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, '/admin/fairness');
    await page.getByRole('heading', { name: 'sex', exact: true }).waitFor();
    // females 3 of 6 screened (50%), males 5 of 6 (83.3%): ratio 0.6, under four fifths
    const sex = page.getByRole('region', { name: 'Selection by sex' });
    const rows = await sex.locator('tbody tr').allInnerTexts();
    assert.equal(rows.length, 2, `two groups shown (intersex, one person, is not): ${rows}`);
    assert.match(rows[0], /female\s+6\s+3\s+50(\.0)?%\s+0\.6(0)?\s+yes/);
    assert.match(rows[1], /male \(reference\)\s+6\s+5\s+83\.3%\s+1(\.00)?\s+no/);
    assert.match(await page.locator('main').innerText(), /1 smaller group\(s\), 1 people, not shown/);
    assert.doesNotMatch(await page.locator('main').innerText(), /Invented Person|intersex/);
    await page.getByRole('list', { name: 'Selection rate by sex (%)' }).waitFor();
    await checkAxe(page, `fairness at ${width}`);
    await shot(page, `fairness-${width}`);
    assertClean(page);
    await page.close();
  }
  // the next decision point, chosen by keyboard: of the 9 screened, who reached onsite
  const page = await newPage(browser);
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, '/admin/fairness');
  await page.getByRole('heading', { name: 'sex', exact: true }).waitFor();
  await page.getByLabel('Decision point').focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForURL(/stage=interviewing/);
  await page.getByText('9 applications counted').waitFor();
  await checkAxe(page, 'fairness at interviewing');
  assertClean(page);
  await page.close();
});

test('a recruiter has no fairness page', async () => {
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  await admin.post('/api/v1/users', { email: 'rita.fair@example.org', role: 'recruiter', password: 'recruiter-pass-1' });
  const page = await newPage(browser);
  await signIn(page, server.base, 'rita.fair@example.org', 'recruiter-pass-1');
  assert.equal(await page.getByRole('link', { name: 'Fairness' }).count(), 0);
  await page.close();
});
