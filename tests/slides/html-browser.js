// html-browser.js - the HTML deck in a real browser (Debian's chromium, driven
// by puppeteer-core), as a class sees it on a 1280x800 screen: steps through
// it with the Right arrow key, as a presenter does, and on every slide checks
// that the whole of its text and of its boxes is inside the window and inside
// the slide (dzslides cuts what overflows the slide), that no block's text runs
// past its box, that no code line is wrapped, and that no text is too small to
// read; screenshots the slides asked for, and any slide that fails.
//
// Usage: node html-browser.js DECK.html USER-DATA-DIR PID-FILE SHOTS-DIR [N...]
//
// The browser's PID goes to PID-FILE as soon as it runs, so that the calling
// test can kill it (and its process group) whatever happens here. Prints
// "ok: ..." lines; on a failure prints "FAIL: ..." lines and exits 1.
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const [deck, userDataDir, pidFile, shotsDir, ...shotArgs] = process.argv.slice(2);
if (!shotsDir) {
	console.error('usage: node html-browser.js DECK.html USER-DATA-DIR PID-FILE SHOTS-DIR [N...]');
	process.exit(2);
}
const shots = new Set(shotArgs.map(Number));
const width = 1280, height = 800;
// The smallest text, in pixels of the 1280x800 window, still read from the
// back of a classroom.
const smallestFont = 18;

// Everything measured on the slide now shown, in the page: a list of
// problems (empty when the slide is fine) and what was measured.
function measureSlide(minFont) {
	const slide = document.querySelector('section[aria-selected]');
	const box = slide.getBoundingClientRect();
	const area = {
		left: Math.max(0, box.left), top: Math.max(0, box.top),
		right: Math.min(window.innerWidth, box.right),
		bottom: Math.min(window.innerHeight, box.bottom),
	};
	const problems = [];
	const outside = (r) => r.width > 0 && r.height > 0 &&
		(r.left < area.left - 0.5 || r.top < area.top - 0.5 ||
		 r.right > area.right + 0.5 || r.bottom > area.bottom + 0.5);
	const describe = (r) => `${Math.round(r.left)},${Math.round(r.top)} to ` +
		`${Math.round(r.right)},${Math.round(r.bottom)}`;
	const where = `the slide (${describe(area)})`;
	const excerpt = (text) => text.trim().replace(/\s+/g, ' ').slice(0, 50);
	let lowest = area.top;
	for (const element of slide.querySelectorAll('*')) {
		const r = element.getBoundingClientRect();
		if (outside(r))
			problems.push(`<${element.localName}> "${excerpt(element.textContent)}" ` +
				`is at ${describe(r)}, outside ${where}`);
		// A block's text stays in its box (a code line past the grey of its
		// block reads as cut, even where the slide still has room).
		if (getComputedStyle(element).display !== 'inline' && element.scrollWidth > element.clientWidth + 1)
			problems.push(`<${element.localName}> "${excerpt(element.textContent)}" is wider ` +
				`than its box (${element.scrollWidth} px in ${element.clientWidth})`);
	}
	// The text itself, line by line: a box may fit while its text overflows.
	const scale = box.width / slide.offsetWidth;
	const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
	for (let node = walker.nextNode(); node; node = walker.nextNode()) {
		if (!node.textContent.trim()) continue;
		const range = document.createRange();
		range.selectNodeContents(node);
		for (const r of range.getClientRects()) {
			if (r.width === 0) continue;
			if (!node.parentElement.closest('footer')) lowest = Math.max(lowest, r.bottom);
			if (outside(r))
				problems.push(`the text "${excerpt(node.textContent)}" ` +
					`reaches ${describe(r)}, outside ${where}`);
		}
		const size = parseFloat(getComputedStyle(node.parentElement).fontSize) * scale;
		if (size < minFont)
			problems.push(`the text "${excerpt(node.textContent)}" is ${size.toFixed(1)} px high, ` +
				`under ${minFont} px`);
	}
	// A code block shows its lines as written: as many rows of text on the
	// screen as lines with text in the block.
	for (const code of slide.querySelectorAll('pre > code')) {
		const lines = code.textContent.split('\n').filter((line) => line.trim()).length;
		const range = document.createRange();
		range.selectNodeContents(code);
		const rows = new Set([...range.getClientRects()].filter((r) => r.width > 0)
			.map((r) => Math.round(r.top)));
		if (rows.size !== lines)
			problems.push(`a code block of ${lines} lines takes ${rows.size} rows (wrapped): ` +
				`"${excerpt(code.textContent)}"`);
	}
	return {
		problems,
		heading: (slide.querySelector('h1') || slide).textContent.trim(),
		slide: describe(area),
		room: Math.round(area.bottom - lowest),
	};
}

async function main() {
	fs.mkdirSync(shotsDir, { recursive: true });
	const browser = await puppeteer.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		pipe: true,
		userDataDir,
		defaultViewport: { width, height },
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync',
			`--window-size=${width},${height}`],
	});
	fs.writeFileSync(pidFile, `${browser.process().pid}\n`);
	let failed = 0;
	try {
		const page = await browser.newPage();
		page.on('pageerror', (error) => { console.log(`FAIL: the page's script: ${error.message}`); failed++; });
		await page.goto('file://' + path.resolve(deck), { waitUntil: 'load' });
		const total = await page.$$eval('body > section', (sections) => sections.length);
		const viewport = await page.evaluate(() => [window.innerWidth, window.innerHeight].join('x'));
		if (viewport !== `${width}x${height}`) throw new Error(`the window is ${viewport}, not ${width}x${height}`);
		let tightest = { room: Infinity };
		for (let n = 1; n <= total; n++) {
			if (n > 1) await page.keyboard.press('ArrowRight');
			// The slide has arrived when it is the selected one and its
			// sliding in (a 400 ms transition) has ended: it lines up with the
			// body, which dzslides scales and centres in the window.
			await page.waitForFunction((n) => {
				const slide = document.querySelector(`body > section:nth-of-type(${n})`);
				if (!slide || !slide.hasAttribute('aria-selected')) return false;
				const s = slide.getBoundingClientRect(), b = document.body.getBoundingClientRect();
				return Math.abs(s.left - b.left) < 0.5 && Math.abs(s.top - b.top) < 0.5;
			}, { timeout: 5000, polling: 50 }, n);
			const seen = await page.evaluate(measureSlide, smallestFont);
			if (n === 1) console.log(`ok: the slides are drawn at ${seen.slide} in the ${viewport} window`);
			if (seen.room < tightest.room) tightest = { ...seen, n };
			// The first few problems of a slide say enough.
			for (const problem of seen.problems.slice(0, 4)) console.log(`FAIL: slide ${n} ("${seen.heading}"): ${problem}`);
			if (seen.problems.length > 4) console.log(`FAIL: slide ${n}: and ${seen.problems.length - 4} more`);
			if (seen.problems.length || shots.has(n)) {
				const file = path.join(shotsDir, `slide-${n}.png`);
				await page.screenshot({ path: file });
				console.log(`screenshot of slide ${n} ("${seen.heading}"): ${file}`);
			}
			failed += seen.problems.length;
		}
		if (failed === 0)
			console.log(`ok: all ${total} slides fit ${width}x${height}; the tightest, ${tightest.n} ` +
				`("${tightest.heading}"), has ${tightest.room} px left below its text`);
	} finally {
		await browser.close();
	}
	process.exit(failed ? 1 : 0);
}

main().catch((error) => {
	console.log(`FAIL: ${error.stack || error}`);
	process.exit(1);
});
