// SPDX-License-Identifier: MIT
// The interviewer's journey with the keyboard alone: interviewer A opens the interview,
// writes notes and rates questions by Tab, arrows and typing, reloads half way (the draft is
// back), chooses a recommendation and submits after the confirmation; interviewer B sees that
// A's card is hidden until B submits, then sees it; the debrief shows their disagreement.
// Notes carry planted markup, which must stay text. The pages pass axe, at 1280 and 390 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, XSS, apiAs, assertClean, checkAxe, launch, newPage, shot, signIn, startServer } from './lib.mjs';

let server;
let browser;
let interview;
let candidate;
const A = { email: 'ada.panel@example.org', password: 'interviewer-a-pass-1' };
const B = { email: 'ben.panel@example.org', password: 'interviewer-b-pass-1' };

before(async () => {
  server = await startServer();
  browser = await launch();
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  for (const u of [A, B]) await admin.post('/api/v1/users', { email: u.email, role: 'interviewer', password: u.password });
  const c = await admin.post('/api/v1/candidates', { name: `Priya Sample ${XSS[0]}`, role: 'backend-developer-senior' });
  candidate = c.id;
  const iv = await admin.post('/api/v1/interviews', { candidate, stage: 'technical', interviewers: [A.email, B.email], minutes: 45, seed: 7 });
  interview = iv.id;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Presses Tab until the focused element's accessible name matches name (bounded). */
async function tabTo(page, name, max = 400) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return '';
      const byId = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
      const legend = el.closest('fieldset')?.querySelector('legend')?.textContent ?? '';
      return `${el.getAttribute('aria-label') ?? ''}|${byId?.textContent ?? ''}|${legend}|${el.textContent ?? ''}`;
    });
    if (name.test(label)) return;
  }
  throw new Error(`no element matching ${name} within ${max} tabs`);
}

async function savedDraft(page) {
  await page.getByText('Draft saved.').waitFor();
}

test('interviewer A fills the scorecard by keyboard, reloads half way, and submits', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, A.email, A.password, `/interviews/${interview}`);
  await page.getByRole('heading', { name: /^1\. / }).waitFor();
  await page.getByText('hidden until you have submitted yours').waitFor();
  await checkAxe(page, 'the interview page, blank');
  // question 1: notes and a 3
  await tabTo(page, /Notes on question 1\b/);
  await page.keyboard.type(`Clear about idempotency keys. ${XSS[1]}`);
  await tabTo(page, /Rating for question 1\b/);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight'); // from "not asked" to 3
  await savedDraft(page);
  const q1 = page.getByRole('radiogroup', { name: 'Rating for question 1' });
  assert.equal(await q1.getByRole('radio', { name: /3 yes$/ }).isChecked(), true, 'question 1 is rated 3');
  await shot(page, 'interview-fill');
  // half way: a reload keeps everything
  await page.reload();
  await page.getByText(/Your draft from .* is back where you left it/).waitFor();
  assert.match(await page.getByLabel('Notes on question 1', { exact: true }).inputValue(), /idempotency keys\. <script>/);
  assert.equal(await q1.getByRole('radio', { name: /3 yes$/ }).isChecked(), true, 'the rating survived the reload');
  // question 2: a 2; the recommendation; the overall notes
  await tabTo(page, /Rating for question 2\b/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await tabTo(page, /Your recommendation/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight'); // strong no -> no -> yes -> strong yes
  await tabTo(page, /Overall notes/);
  await page.keyboard.type(`Would hire. ${XSS[2]}`);
  await savedDraft(page);
  await checkAxe(page, 'the interview page, filled');
  await tabTo(page, /Submit scorecard/);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Submit your scorecard?' });
  await dialog.waitFor();
  await dialog.getByText('Strong yes').waitFor();
  await checkAxe(page, 'the submit confirmation');
  await tabTo(page, /^\|\|\|Submit$/);
  await page.keyboard.press('Enter');
  await page.getByText(/You submitted this scorecard on/).waitFor();
  assert.equal(await page.getByLabel('Notes on question 1', { exact: true }).getAttribute('readonly'), '', 'the card is read only');
  await shot(page, 'interview-submitted');
  assertClean(page);
  await page.context().close();
  // the draft went with the submission
  const a = await apiAs(server.base, A.email, A.password);
  await assert.rejects(a.get(`/api/v1/interviews/${interview}/draft`), /404/);
});

test("interviewer B sees A's card hidden until B submits; the debrief shows the disagreement", async () => {
  const page = await newPage(browser, { width: 390 });
  await signIn(page, server.base, B.email, B.password, `/interviews/${interview}`);
  await page.getByText('hidden until you have submitted yours').waitFor();
  assert.equal(await page.getByText('Would hire.').count(), 0, "A's notes are visible before B submits");
  await page.goto(`${server.base}/candidates/${candidate}/debrief`);
  await page.getByText(/The debrief is hidden from you until then: submit your scorecard/).waitFor();
  await checkAxe(page, 'a hidden debrief at 390');
  await page.goto(`${server.base}/interviews/${interview}`);
  await page.getByRole('heading', { name: /^1\. / }).waitFor();
  await page.getByRole('radiogroup', { name: 'Rating for question 1' }).getByText('strong no').click();
  await page.getByRole('radiogroup', { name: 'Your recommendation' }).getByText('Strong no').click();
  await checkAxe(page, 'the interview page at 390');
  await shot(page, 'interview-fill-phone');
  await page.getByRole('button', { name: 'Submit scorecard' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
  await page.getByText(/You submitted this scorecard on/).waitFor();
  await page.getByRole('heading', { name: /^ada\.panel@example\.org: Strong yes/ }).waitFor();
  assert.match(await page.locator('#panel-h').locator('..').innerText(), /Would hire\. "><svg onload=alert\(3\)>/);
  await page.goto(`${server.base}/candidates/${candidate}/debrief`);
  await page.getByRole('heading', { name: 'Competencies by interviewer' }).waitFor();
  await page.getByText('⚠ disagreement').first().waitFor();
  assert.match(await page.locator('#page-title').innerText(), /Priya Sample <img src=x onerror="alert\(1\)">/);
  await checkAxe(page, 'the debrief at 390');
  await shot(page, 'debrief-phone');
  assertClean(page);
  await page.context().close();
});

test('the comparison and insight pages show the loop as text and pass axe', async () => {
  const page = await newPage(browser);
  // reached from the debrief, as a hiring team would
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, `/candidates/${candidate}/debrief`);
  await page.getByRole('link', { name: "Compare with the role's other candidates" }).click();
  await page.waitForURL(/\/roles\/backend-developer-senior\/comparison$/);
  await page.getByRole('region', { name: 'Candidates compared' }).waitFor();
  await page.getByRole('link', { name: 'Priya Sample <img src=x onerror="alert(1)">' }).waitFor();
  await checkAxe(page, 'comparison');
  await shot(page, 'comparison');
  await page.goto(`${server.base}/insight/interviewers`);
  await page.getByRole('cell', { name: A.email }).waitFor();
  await checkAxe(page, 'interviewer calibration');
  await shot(page, 'insight-interviewers');
  await page.goto(`${server.base}/insight/questions`);
  await page.getByRole('region', { name: 'Questions' }).waitFor();
  await checkAxe(page, 'question insight');
  await shot(page, 'insight-questions');
  assertClean(page);
  await page.context().close();
});
