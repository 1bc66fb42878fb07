// html-browser.js - daemon-viewer --html's pages in a real browser (Debian's
// chromium, driven by puppeteer-core from tests/slides' node_modules), as a
// user sees them: presses the terminal's keys and the buttons and checks the
// frame shown, the address (#frame-N), the timeline's current stop and a
// changed field's old and new values; opens a frame by its address; checks
// that no request leaves the file and that the console stays clean; takes
// screenshots at desktop (1280x800) and phone (390x844) width, the phone's
// without sideways scrolling; shows every frame without JavaScript and in
// print; and on a hostile log's page, that its <script> and <img onerror>
// are text that nothing runs.
//
// Usage: node html-browser.js USER-DATA-DIR PID-FILE SHOTS-DIR DEMO.html TRACED.html HOSTILE.html
//        STEP2-SID-OLD STEP2-SID-NEW
// Prints "ok: ..." lines; on a failure "FAIL: ..." lines, and exits 1.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const puppeteer = require('puppeteer-core');

const [userDataDir, pidFile, shotsDir, demo, traced, hostile, sidOld, sidNew] =
	process.argv.slice(2);
if (!sidNew) {
	console.error('usage: node html-browser.js USER-DATA-DIR PID-FILE SHOTS-DIR DEMO.html ' +
		'TRACED.html HOSTILE.html STEP2-SID-OLD STEP2-SID-NEW');
	process.exit(2);
}
let failed = 0;
const ok = (message) => console.log(`ok: ${message}`);
const check = (condition, message, seen) => {
	if (condition) ok(message);
	else {
		const shown = Array.isArray(seen) && seen.length > 3 ? seen.slice(0, 3).concat([`and ${seen.length - 3} more`]) : seen;
		console.log(`FAIL: ${message}${seen === undefined ? '' : ` (seen: ${JSON.stringify(shown)})`}`);
		failed++;
	}
};

// What the page shows now: the frames displayed, the address, the position,
// the message, the current stop of the frame shown.
function seen() {
	const shown = [...document.querySelectorAll('section.frame')]
		.filter((s) => s.offsetHeight > 0);
	const first = shown[0];
	return {
		shown: shown.map((s) => s.id),
		total: document.querySelectorAll('section.frame').length,
		hash: location.hash,
		scrolled: window.scrollY,
		position: (document.querySelector('.position') || {}).textContent,
		message: (document.querySelector('.message') || {}).textContent,
		current: first && first.querySelector('.stop.current') ?
			first.querySelector('.stop.current').firstChild.textContent : null,
		navShown: !!document.querySelector('nav.player') &&
			document.querySelector('nav.player').offsetHeight > 0,
	};
}

// A page, with every problem it has counted: console errors, script errors,
// and any request for something other than the file itself.
async function open(browser, file, { javaScript = true, width = 1280, height = 800, hash = '' } = {}) {
	const page = await browser.newPage();
	const url = pathToFileURL(path.resolve(file)).href;
	const problems = [];
	page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
	page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
	await page.setRequestInterception(true);
	page.on('request', (request) => {
		if (request.url().split('#')[0] !== url) {
			problems.push(`a request for ${request.url()}`);
			request.abort();
		} else {
			request.continue();
		}
	});
	await page.setJavaScriptEnabled(javaScript);
	await page.setViewport({ width, height });
	await page.goto(url + hash, { waitUntil: 'load' });
	return { page, problems };
}

async function press(page, key) {
	await page.keyboard.press(key);
	return page.evaluate(seen);
}

async function keys(browser) {
	const { page, problems } = await open(browser, demo);
	let now = await page.evaluate(seen);
	const total = now.total;
	// opened without a frame in its address, it stays at its top (the title
	// and the buttons in view) and leaves the address alone
	check(total > 10 && now.shown.length === 1 && now.shown[0] === 'frame-1' &&
	      now.hash === '' && now.scrolled === 0 && now.position === `frame 1/${total}`,
	      `the demo's page opens at its top on frame 1 of ${total}, alone`, now);
	check(now.current === '[start]', 'frame 1 marks the timeline\'s start', now.current);
	const moves = [['ArrowRight', 2], ['l', 3], ['Space', 4], ['ArrowLeft', 3], ['h', 2],
		['Backspace', 1], ['End', total], ['ArrowRight', total], ['Home', 1], ['G', total], ['g', 1]];
	for (const [key, frame] of moves) {
		now = await press(page, key);
		check(now.shown.length === 1 && now.shown[0] === `frame-${frame}` &&
		      now.hash === `#frame-${frame}` && now.position === `frame ${frame}/${total}`,
		      `${key} shows frame ${frame}, and the address says #frame-${frame}`, now);
	}
	now = await press(page, '2');
	check(now.current === '[2 setsid]', 'key 2 shows a frame of step 2, marked [2 setsid] on the timeline', now);
	const sid = await page.evaluate(() => {
		const row = [...document.querySelectorAll('section.frame.shown .state tr')]
			.find((r) => r.querySelector('th').textContent === 'SID');
		return row && { changed: row.classList.contains('changed'), mark: row.cells[0].innerText,
			old: row.querySelector('del') && row.querySelector('del').innerText,
			now: row.querySelector('ins') && row.querySelector('ins').innerText,
			text: row.innerText };
	});
	check(sid && sid.changed && sid.mark === '*' && sid.old === sidOld &&
	      sid.now === `${sidNew} (leader)` && /^\*\s+SID\s+was \S+ -> now /.test(sid.text),
	      `step 2's frame marks SID changed, * ${sidOld} -> ${sidNew}`, sid);
	const before = now.shown[0];
	now = await press(page, '3');
	check(now.shown[0] === before && /step 3 was left out/.test(now.message),
	      'key 3 of a run without step 3 stays, and says why', now);
	const leftOut = await page.evaluate(() => [...document.querySelectorAll('section.frame.shown .stop.left-out')].map((s) => s.firstChild.textContent));
	check(leftOut.length === 1 && leftOut[0] === '(3 fork)', 'the timeline shows step 3 as left out: (3 fork)', leftOut);
	for (const key of ['4', '7']) {
		now = await press(page, key);
		check(now.current === `[${key} ${key === '4' ? 'chdir' : 'stdio'}]`, `key ${key} jumps to step ${key}`, now);
	}
	const legend = async () => page.evaluate(() => document.querySelector('details.legend').open);
	await page.keyboard.press('?');
	const opened = await legend();
	await page.keyboard.press('?');
	check(opened && !(await legend()), '? opens the keys and marks, and closes them');
	// the buttons, as a mouse or a finger uses them
	await page.click('[data-go=first]');
	await page.click('[data-go=next]');
	now = await page.evaluate(seen);
	check(now.shown[0] === 'frame-2' && now.hash === '#frame-2', 'the buttons first, then next, show frame 2', now);
	await page.click('[data-key="5"]');
	now = await page.evaluate(seen);
	check(now.current === '[5 umask]', 'the step button 5 jumps to step 5', now);
	await page.click('[data-go=last]');
	now = await page.evaluate(seen);
	check(now.shown[0] === `frame-${total}`, 'the button last shows the last frame', now);
	now = await press(page, '7');
	const boxes = await page.evaluate(() => [...document.querySelectorAll('section.frame.shown .process')]
		.map((p) => ({ text: p.innerText, ghost: p.classList.contains('ghost'), current: p.classList.contains('current') })));
	check(boxes.some((b) => b.ghost && /^x \d+ step1-fork GL exited/.test(b.text)) &&
	      boxes.some((b) => b.current && /^> \d+ step7-reopen-stdio/.test(b.text)),
	      'step 7\'s frame shows the first step1-fork as a ghost (x), and marks its own process (>)', boxes);
	check(problems.length === 0, 'no console error, no script error, no request while playing with the keys', problems);
	await page.close();
}

async function address(browser) {
	const { page, problems } = await open(browser, demo, { hash: '#frame-9' });
	let now = await page.evaluate(seen);
	check(now.shown.length === 1 && now.shown[0] === 'frame-9' && now.position.startsWith('frame 9/'),
	      'the address #frame-9 opens frame 9', now);
	const place = await page.evaluate(() => ({
		heading: document.querySelector('#frame-9 h2').getBoundingClientRect().top,
		buttons: document.querySelector('nav.player').getBoundingClientRect().bottom,
	}));
	check(place.heading >= place.buttons - 0.5 && place.heading < 800,
	      'frame 9\'s heading is in the window, below the buttons, not under them', place);
	await page.evaluate(() => { location.hash = '#frame-4'; });
	await page.waitForFunction(() => document.querySelector('#frame-4').offsetHeight > 0, { timeout: 5000 });
	now = await page.evaluate(seen);
	check(now.shown[0] === 'frame-4', 'a new address, #frame-4, shows frame 4', now);
	check(problems.length === 0, 'no console error opening a frame by its address', problems);
	await page.close();
}

async function screenshots(browser) {
	fs.mkdirSync(shotsDir, { recursive: true });
	for (const [name, file, width, height] of [['demo-desktop', demo, 1280, 800], ['demo-phone', demo, 390, 844],
		['traced-desktop', traced, 1280, 800], ['traced-phone', traced, 390, 844]]) {
		const { page, problems } = await open(browser, file, { width, height });
		await page.keyboard.press(file === demo ? '2' : 'End');
		const wide = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: innerWidth }));
		check(wide.page <= wide.window, `${name}: nothing wider than the ${width} px window`, wide);
		const shot = path.join(shotsDir, `${name}.png`);
		await page.screenshot({ path: shot, fullPage: true });
		ok(`screenshot ${shot}`);
		check(problems.length === 0, `${name}: no console error, no request`, problems);
		await page.close();
	}
}

async function handout(browser) {
	const { page, problems } = await open(browser, demo, { javaScript: false });
	let now = await page.evaluate(seen);
	check(now.shown.length === now.total && !now.navShown, `without JavaScript all ${now.total} frames are shown, one after another, and no player`, now);
	await page.close();
	const printed = await open(browser, demo);
	await printed.page.emulateMediaType('print');
	now = await printed.page.evaluate(seen);
	check(now.shown.length === now.total && !now.navShown, `in print all ${now.total} frames are shown, and no player`, now);
	const pdf = await printed.page.pdf({ format: 'A4' });
	check(pdf.length > 10000, `the page prints (${pdf.length} bytes of PDF)`);
	check(problems.length + printed.problems.length === 0, 'no console error without JavaScript or in print',
		problems.concat(printed.problems));
	await printed.page.close();
}

async function traced_page(browser) {
	const { page, problems } = await open(browser, traced);
	let now = await press(page, 'End');
	check(now.shown.length === 1 && now.shown[0] === `frame-${now.total}`, `the traced run's page shows its last frame, ${now.total}`, now);
	// setsid -f forks and calls setsid(), and does none of steps 3 to 7
	const stops = await page.evaluate(() => [...document.querySelectorAll('section.frame.shown .stop')]
		.map((s) => ({ name: s.firstChild.textContent.replace(/[[\]()]/g, ''), marked: /left-out|absent/.test(s.className) })));
	const marked = (name) => (stops.find((s) => s.name === name) || {}).marked;
	check(['3 fork', '4 chdir', '5 umask', '6 close', '7 stdio'].every(marked) && !marked('1 fork') && !marked('2 setsid'),
	      'the traced run\'s timeline shows steps 3 to 7 as missing, 1 and 2 as done', stops);
	check(problems.length === 0, 'no console error on the traced run\'s page', problems);
	await page.close();
}

async function hostile_page(browser) {
	const { page, problems } = await open(browser, hostile);
	const found = await page.evaluate(() => ({
		scripts: document.scripts.length,
		images: document.images.length,
		pwned: window.pwned,
		text: document.body.innerText,
		html: document.body.innerHTML.length,
	}));
	check(found.scripts === 1 && found.images === 0 && found.pwned === undefined,
	      'the hostile log\'s page has its own script only, no image, and nothing of the log ran', found.scripts);
	const all = await (async () => {
		await page.setJavaScriptEnabled(false);
		await page.reload({ waitUntil: 'load' });
		return page.evaluate(() => document.body.innerText);
	})();
	check(all.includes('<script>window.pwned=1</script>') && all.includes('"><img src=x onerror=window.pwned=2>'),
	      'the hostile log\'s <script> and "><img onerror> are shown as text');
	check(problems.length === 0, 'no console error on the hostile log\'s page', problems);
	await page.close();
}

(async () => {
	const browser = await puppeteer.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		userDataDir,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic',
			'--disable-background-networking', '--disable-component-update', '--disable-sync',
			'--metrics-recording-only', '--no-default-browser-check', '--disable-breakpad'],
	});
	fs.writeFileSync(pidFile, `${browser.process().pid}\n`);
	try {
		await keys(browser);
		await address(browser);
		await screenshots(browser);
		await handout(browser);
		await traced_page(browser);
		await hostile_page(browser);
	} finally {
		await browser.close();
	}
	process.exit(failed ? 1 : 0);
})().catch((error) => {
	console.log(`FAIL: ${error.stack || error}`);
	process.exit(1);
});
