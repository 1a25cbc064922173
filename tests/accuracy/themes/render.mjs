// SPDX-License-Identifier: MIT
// Renders JSON Resumes with popular npm themes and prints each page to PDF with Debian's
// chromium (headless, through playwright-core), as a person publishing a resume from a theme
// does. Evaluation only (make accuracy): nothing here is part of Rubric.
//
//   node tests/accuracy/themes/render.mjs OUTDIR THEME[,THEME...] FILE.json...
//
// Writes OUTDIR/NAME-THEME.pdf for each file and theme. Every other file is printed as
// chromium's print dialog does by default, with a header (the date and the page's title) and a
// footer (the address and "1/2") repeated on every page. Each theme gets its own fresh copy of
// the resume (some themes change the object they are given). Nothing leaves the machine: the
// page is offline and every request but inline data is refused, so a theme's web fonts and
// CDN style sheets are simply missing, as they would be for a reader offline.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const [out, themeList, ...files] = process.argv.slice(2);
if (!out || !themeList || !files.length) {
  console.error('usage: render.mjs OUTDIR THEME[,THEME...] FILE.json...');
  process.exit(2);
}
const themes = themeList.split(',');
const render = {};
for (const t of themes) {
  let m;
  try {
    m = require(`jsonresume-theme-${t}`);
  } catch {
    m = await import(`jsonresume-theme-${t}`); // ES modules only (even)
  }
  render[t] = m.render || (m.default && m.default.render);
  if (typeof render[t] !== 'function') {
    console.error(`render.mjs: jsonresume-theme-${t} has no render()`);
    process.exit(2);
  }
}

// Some themes log moment.js deprecation warnings for every date: they are not ours to fix.
const quiet = console.warn;
console.warn = () => {};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
let failed = 0;
try {
  const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.route('**/*', (route) =>
    route.request().url().startsWith('data:') ? route.continue() : route.abort());
  for (const [index, file] of files.entries()) {
    const text = readFileSync(file, 'utf8');
    const margins = index % 2 === 1;
    for (const t of themes) {
      const name = `${basename(file, '.json')}-${t}.pdf`;
      try {
        const html = await render[t](JSON.parse(text));
        await page.setContent(html, { waitUntil: 'load', timeout: 20000 });
        await page.emulateMedia({ media: 'print' });
        await page.pdf({
          path: join(out, name),
          format: 'A4',
          printBackground: true,
          timeout: 20000,
          ...(margins && {
            displayHeaderFooter: true,
            margin: { top: '1.5cm', bottom: '1.5cm', left: '1cm', right: '1cm' },
          }),
        });
      } catch (e) {
        failed++;
        console.error(`render.mjs: ${name}: ${String(e).split('\n')[0]}`);
      }
    }
  }
} finally {
  await browser.close();
  console.warn = quiet;
}
process.exit(failed ? 1 : 0);
