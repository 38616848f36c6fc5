// csp-check.js: loads pages of a built site in headless Chromium and reports every
// Content-Security-Policy violation (securitypolicyviolation events) and console
// error, also those that come late: it hovers over each chart (tooltips) and switches
// the colour scheme (charts are redrawn) before it reads them.
//
//	NODE_PATH=~/.cache/sitecheck/node_modules node scripts/csp-check.js public / /standings/ ...
//
// Needs puppeteer-core and Chromium (/usr/bin/chromium or $CHROMIUM), as the shared
// site checker installs them. Exit status 0 when no page had a violation or error.
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const os = require('os');
const puppeteer = require('puppeteer-core');

const [dir, ...pages] = process.argv.slice(2);
if (!dir || pages.length === 0) {
  console.error('usage: node csp-check.js SITE_DIR PAGE...');
  process.exit(2);
}
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.xml': 'application/xml' };

const server = http.createServer((req, res) => {
  let p = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!p.startsWith(path.resolve(dir)) && !path.resolve(p).startsWith(path.resolve(dir))) {
    res.writeHead(403).end();
    return;
  }
  if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, 'index.html');
  fs.readFile(p, (err, data) => {
    if (err) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(p)] || 'application/octet-stream' });
    res.end(data);
  });
});

(async () => {
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
    userDataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'csp-check-')),
  });
  let bad = 0;
  for (const width of [1280, 390]) {
    for (const p of pages) {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 900 });
      const problems = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
      page.on('pageerror', (e) => problems.push('error: ' + String(e.message || e).split('\n')[0]));
      await page.evaluateOnNewDocument(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || ''}:${e.lineNumber} ${e.sample || ''}`);
        });
      });
      const resp = await page.goto(origin + p, { waitUntil: 'networkidle0' });
      const policy = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content).catch(() => '');
      for (const el of await page.$$('.chart')) {
        const box = await el.boundingBox();
        if (box) {
          await el.scrollIntoView();
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          await page.mouse.move(box.x + box.width / 3, box.y + box.height / 3);
        }
      }
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      await new Promise((r) => setTimeout(r, 300));
      const charts = await page.evaluate(() => document.querySelectorAll('.chart canvas').length);
      const csp = await page.evaluate(() => window.__csp);
      problems.push(...csp.map((v) => 'csp: ' + v));
      if (!policy) problems.push('no Content-Security-Policy meta tag');
      console.log(`${problems.length ? 'FAIL' : 'ok  '} ${width}px ${p}: HTTP ${resp.status()}, ${charts} chart canvas(es), policy ${policy ? 'declared' : 'missing'}`);
      for (const x of problems) console.log('     ' + x);
      bad += problems.length;
      await page.close();
    }
  }
  await browser.close();
  server.close();
  process.exit(bad ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
