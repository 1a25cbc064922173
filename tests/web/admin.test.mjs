// SPDX-License-Identifier: MIT
// The admin's journey: people (added with a role, disabled, a password reset), role profiles
// (viewed, one imported from a pasted posting), a question list imported after a dry run, the
// audit log filtered, and the status page; every admin page passes axe; planted markup in an
// imported question and a role stays text; other roles are told the page is an admin's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, XSS, apiAs, assertClean, checkAxe, launch, newPage, shot, signIn, startServer, waitForValue } from './lib.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function addUser(page, email, name, role) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Role').selectOption(role);
  await page.getByLabel('Password', { exact: true }).fill(`${role}-password-1`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByText(`${email} was added as ${role}.`).waitFor();
}

test('the admin adds a recruiter, two interviewers and a candidate account', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD);
  await page.waitForURL(`${server.base}/admin/users`);
  await addUser(page, 'rae.recruiter@example.org', 'Rae Recruiter', 'recruiter');
  await addUser(page, 'ivo.interviewer@example.org', 'Ivo Interviewer', 'interviewer');
  await addUser(page, 'ina.interviewer@example.org', 'Ina Interviewer', 'interviewer');
  await addUser(page, 'cal.candidate@example.org', 'Cal Candidate', 'candidate');
  for (const e of ['rae.recruiter', 'ivo.interviewer', 'ina.interviewer', 'cal.candidate'])
    await page.getByRole('cell', { name: `${e}@example.org`, exact: true }).waitFor();
  // a field error appears beside its field
  await page.getByLabel('Email', { exact: true }).fill('rae.recruiter@example.org');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.locator('.field-error').first().waitFor();
  await checkAxe(page, 'users');
  await shot(page, 'admin-users');
  assertClean(page);
  await page.context().close();
});

test('disabling stops sign-in; enabling and a password reset restore it', async () => {
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  await admin.post('/api/v1/users', { email: 'dee.disabled@example.org', role: 'interviewer', password: 'first-password-1' });
  const page = await newPage(browser);
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, '/admin/users');
  await page.getByRole('button', { name: 'Disable dee.disabled@example.org' }).click();
  await page.getByText('dee.disabled@example.org is disabled').waitFor();
  const refused = await fetch(`${server.base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'dee.disabled@example.org', password: 'first-password-1' }),
  });
  assert.notEqual(refused.status, 200, 'a disabled account signs in');
  await page.getByRole('button', { name: 'Enable dee.disabled@example.org' }).click();
  await page.getByText('dee.disabled@example.org is enabled again').waitFor();
  await page.getByRole('button', { name: 'Reset password of dee.disabled@example.org' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('New password').fill('second-password-2');
  // the dialog as it settles, not while the submit button turns from disabled (dimmed) to
  // enabled: a check in between found the dimmed colours on an enabled button (CI, stop 15)
  await dialog.locator('button[type=submit]:not([disabled])').waitFor();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await checkAxe(page, 'reset password dialog');
  await dialog.getByRole('button', { name: 'Reset password' }).click();
  await page.getByText('The password of dee.disabled@example.org was reset').waitFor();
  await apiAs(server.base, 'dee.disabled@example.org', 'second-password-2');
  assertClean(page);
  await page.context().close();
});

test('a role is imported from a pasted posting after a preview; planted markup stays text', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, '/admin/roles');
  await page.getByRole('link', { name: 'Backend Developer (Senior)' }).first().waitFor();
  await checkAxe(page, 'roles');
  const posting = [
    `Payments Engineer ${XSS[0]}`,
    'We build the payment services of a marketplace in Go and PostgreSQL, on Kubernetes.',
    'Requirements: 4+ years of Go; PostgreSQL; Kafka.',
  ].join('\n');
  await page.getByLabel('Job description', { exact: true }).fill(posting);
  await page.getByLabel('Id (optional)').fill('payments-engineer');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('heading', { name: /^Preview: Payments Engineer/ }).waitFor();
  assert.match(await page.locator('.preview').innerText(), /<img src=x onerror="alert\(1\)">/);
  await page.getByRole('button', { name: 'Store role payments-engineer' }).click();
  await page.waitForURL(`${server.base}/admin/roles/payments-engineer`);
  await page.getByText('Must have:').waitFor();
  await checkAxe(page, 'a role');
  await shot(page, 'admin-role');
  assertClean(page);
  await page.context().close();
});

test('a question list is imported after a dry run that shows what would be added', async () => {
  const page = await newPage(browser);
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, '/admin/bank-import');
  const list = [
    '# Back-end questions',
    '',
    '## Queues',
    '',
    `- How would you keep a consumer idempotent when messages can arrive twice? ${XSS[1]}`,
    '- What happens to in-flight messages when a consumer crashes?',
    '- What happens to in-flight messages when a consumer crashes?',
    '',
  ].join('\n');
  await page.getByLabel('Markdown file').setInputFiles({ name: 'queues.md', mimeType: 'text/markdown', buffer: Buffer.from(list) });
  await waitForValue(page.getByLabel('Source (optional)'), 'queues.md');
  await page.getByRole('button', { name: 'Show what would be imported' }).click();
  await page.getByRole('heading', { name: '2 questions would be added' }).waitFor();
  assert.match(await page.locator('.preview').innerText(), /repeated in the file/);
  // the reader keeps the words of inline HTML, never its elements
  assert.match(await page.locator('.preview').innerText(), /arrive twice\?/);
  assert.equal(await page.locator('.preview script, .preview img').count(), 0);
  await checkAxe(page, 'bank import preview');
  await shot(page, 'admin-bank-import');
  await page.getByRole('button', { name: 'Import 2 questions' }).click();
  await page.getByText('2 questions added').waitFor();
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  const found = await admin.get('/api/v1/questions?q=idempotent+consumer');
  assert.ok(found.items.some((q) => /idempotent/.test(q.text)), 'the imported question is searchable');
  assertClean(page);
  await page.context().close();
});

test('the audit log filters by action, and the status page says the store is ready', async () => {
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  await admin.post('/api/v1/candidates', { name: 'Noor Audit-Testcase', email: 'noor@example.org' });
  const page = await newPage(browser);
  await signIn(page, server.base, ADMIN, ADMIN_PASSWORD, '/admin/audit');
  await page.getByLabel('Action').selectOption('create');
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL(/action=create/);
  await page.getByRole('cell', { name: 'create' }).first().waitFor();
  const actions = await page.locator('tbody tr td:nth-child(3)').allInnerTexts();
  assert.ok(actions.length > 0 && actions.every((a) => a === 'create'), `only creations: ${actions}`);
  await checkAxe(page, 'audit');
  await shot(page, 'admin-audit');
  await page.getByRole('link', { name: 'Status' }).click();
  await page.getByText('Ready: the store answers.').waitFor();
  await page.getByRole('cell', { name: 'upload_max' }).waitFor();
  await checkAxe(page, 'status');
  await shot(page, 'admin-status');
  assertClean(page);
  await page.context().close();
});

test('a recruiter is told an admin page is for admins, and has no admin links', async () => {
  const admin = await apiAs(server.base, ADMIN, ADMIN_PASSWORD);
  await admin.post('/api/v1/users', { email: 'ray.recruiter@example.org', role: 'recruiter', password: 'recruiter-password-2' });
  const page = await newPage(browser, { width: 390 });
  await signIn(page, server.base, 'ray.recruiter@example.org', 'recruiter-password-2', '/admin/users');
  await page.getByText('Only admin accounts may open this page').waitFor();
  await page.getByRole('button', { name: 'Menu' }).click();
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).count(), 0);
  await checkAxe(page, 'a refused page at 390');
  assertClean(page);
  await page.context().close();
});
