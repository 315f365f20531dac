// Opens each HTML page in Chromium (Debian's, never a downloaded one), and fails unless:
//  - the page asks for nothing but itself (no request other than its own file:// URL);
//  - a screenshot of it is neither blank nor implausibly small (saved beside the pages);
//  - axe-core finds no violation of WCAG 2.0 and 2.1, levels A and AA;
//  - at 320 CSS pixels wide (WCAG 1.4.10, reflow) the page does not scroll sideways: a wide
//    table scrolls in its own region, its row headers at least 100 px wide and no word of its
//    headers broken inside itself;
//  - printed, it hides the navigation and the skip link.
// Usage (tests/browser/run does this): node check.mjs CHROMIUM OUT_DIR PAGE.html...
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [chromium, outDir, ...pages] = process.argv.slice(2);
if (!chromium || !outDir || pages.length === 0) {
  console.error('usage: node check.mjs CHROMIUM OUT_DIR PAGE.html...');
  process.exit(1);
}

const failures = [];
const fail = (page, message) => {
  failures.push(`${path.basename(page)}: ${message}`);
  console.error(`FAIL ${path.basename(page)}: ${message}`);
};

// Width, height and the share of pixels that are not white, read by the browser itself from
// the PNG (a canvas), on a page of its own.
async function measurePng(browser, png) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      let inked = 0;
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4 * 7) {  // every seventh pixel is plenty
        if (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240) inked++;
        colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      }
      return { width: image.width, height: image.height, inked: inked / (data.length / 28), colours: colours.size };
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  pipe: true,  // --remote-debugging-pipe: no port opened
  // A root container has no user namespaces for Chromium's sandbox.
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  for (const file of pages) {
    const url = `file://${path.resolve(file)}`;
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (request) => {
      if (request.url() !== url) requests.push(request.url());
    });
    await page.setViewport({ width: 1200, height: 1600 });
    await page.goto(url, { waitUntil: 'load' });
    for (const request of requests) fail(file, `asks for ${request}`);

    const screenshot = Buffer.from(await page.screenshot({ fullPage: true }));
    const shot = path.join(outDir, `${path.basename(file, '.html')}.png`);
    fs.writeFileSync(shot, screenshot);
    const measured = await measurePng(browser, screenshot);
    console.log(`${path.basename(file)}: screenshot ${measured.width}×${measured.height}, ` +
                `${(measured.inked * 100).toFixed(1)} % inked, ${measured.colours} colours, ${screenshot.length} bytes: ${shot}`);
    if (measured.width !== 1200 || measured.height < 4000) fail(file, `a screenshot of ${measured.width}×${measured.height} is too small for a whole report`);
    if (measured.inked < 0.02 || measured.colours < 8) fail(file, 'the screenshot is blank');

    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
    // Rules that found nothing to check pass vacuously; a run that checked nothing proves nothing.
    if (result.passes.length < 10) fail(file, `axe-core checked only ${result.passes.length} rules`);
    for (const violation of result.violations) {
      const where = violation.nodes.slice(0, 5).map((node) => `${node.target.join(' ')}: ${node.failureSummary}`);
      fail(file, `axe ${violation.id} (${violation.impact}): ${violation.help}\n    ${where.join('\n    ')}`);
    }
    console.log(`${path.basename(file)}: axe-core ${result.testEngine.version}: ${result.passes.length} rules passed, ` +
                `${result.violations.length} violated, ${result.incomplete.length} to review by hand` +
                (result.incomplete.length ? ` (${result.incomplete.map((rule) => `${rule.id}: ${rule.nodes.length}`).join(', ')})` : ''));

    await page.setViewport({ width: 320, height: 640 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 320) fail(file, `at 320 px wide the page is ${width} px wide: it scrolls sideways`);
    // A table in a frame of its own scrolls sideways rather than crush its labels: its row
    // headers keep a readable width, and no word of a header is broken inside itself (as
    // "Budge t" or "Kvin nor" were; a word so broken has parts on two lines).
    const crushed = await page.evaluate(() => {
      const found = [];
      for (const th of document.querySelectorAll('.table-scroll th')) {
        const scoped = th.getAttribute('scope') === 'row' && th.colSpan === 1;
        if (scoped && th.getBoundingClientRect().width < 100) {
          found.push(`row header "${th.textContent.trim()}" ${Math.round(th.getBoundingClientRect().width)} px wide`);
        }
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        for (let text; (text = walker.nextNode());) {
          for (const word of text.data.matchAll(/[^\s\u2013]+/g)) {
            const range = document.createRange();
            range.setStart(text, word.index);
            range.setEnd(text, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) found.push(`"${word[0]}" broken inside the word`);
          }
        }
      }
      return found;
    });
    for (const problem of crushed.slice(0, 5)) fail(file, `at 320 px wide, in a table that scrolls: ${problem}`);
    // In any table, a word too long for its cell breaks at a hyphenation point, where the page
    // has a soft hyphen and the browser shows a hyphen; never between two arbitrary letters.
    // A part between such points is broken when its first and last letters stand on different
    // lines (each letter's own box: a range that starts after a soft hyphen taken at a line's
    // end also has a box for the hyphen drawn there).
    const cut = await page.evaluate(() => {
      const found = [];
      const lineOf = (text, at) => {
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + 1);
        const boxes = [...range.getClientRects()].filter((r) => r.width > 0);
        return boxes.length ? Math.round(boxes[boxes.length - 1].top) : null;
      };
      for (const cell of document.querySelectorAll('th, td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let text; (text = walker.nextNode());) {
          for (const part of text.data.matchAll(/[^\s\u2013\u00AD\/-]+/g)) {
            const first = lineOf(text, part.index), last = lineOf(text, part.index + part[0].length - 1);
            if (first !== null && last !== null && first !== last) {
              found.push(`"${text.data.replace(/\u00AD/g, '').trim()}" broken inside "${part[0]}"`);
            }
          }
        }
      }
      return found;
    });
    for (const problem of cut.slice(0, 8)) fail(file, `at 320 px wide: ${problem}`);

    await page.emulateMediaType('print');
    const printed = await page.evaluate(() => ({
      nav: getComputedStyle(document.querySelector('nav')).display,
      skip: getComputedStyle(document.querySelector('.skip-link')).display,
    }));
    if (printed.nav !== 'none' || printed.skip !== 'none') fail(file, 'printed, the navigation or the skip link shows');
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`${pages.length - new Set(failures.map((f) => f.split(':')[0])).size} passed, ` +
            `${new Set(failures.map((f) => f.split(':')[0])).size} failed`);
process.exit(failures.length === 0 ? 0 : 1);
