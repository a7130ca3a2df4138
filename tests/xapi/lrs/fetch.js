#!/usr/bin/env node
// fetch.js - read back every statement an LRS holds, through its own
// GET /statements, following the `more` links until there are none:
//   node fetch.js [--limit N] [--no-check] LRS_URL OUT.jsonl
// LRS_URL is the endpoint, e.g. http://127.0.0.1:PORT/xAPI/ (as lrs.sh
// exports it).  Every request sends X-Experience-API-Version: 1.0.3 and
// Basic auth $LRS_AUTH (default k:s).  --limit N asks for pages of N
// (default: the LRS's own page size).
// OUT.jsonl gets one statement a line, as the LRS returned it (with its
// stored, authority, version), keys sorted, lines sorted by id.
// Then, unless --no-check, the same query once more in one page
// (limit=1000000): if the paged and the unpaged reads do not hold the same
// ids, the LRS's paging lost or repeated statements, and fetch.js says so
// and exits 1, rather than let a test blame the client.  A statement the
// pages returned twice is an error too.  Voided statements are not returned
// by GET /statements (xAPI 1.0.3 Communication 2.1.3).
// Prints "fetch: N statements (P pages) from LRS_URL".  Uses only node.
'use strict';
const fs = require('fs');
const http = require('http');
const https = require('https');

let limit = null;
let check = true;
const args = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
	if (argv[i] === '--limit') limit = Number(argv[++i]);
	else if (argv[i] === '--no-check') check = false;
	else if (argv[i].startsWith('--')) usage(`unknown option ${argv[i]}`);
	else args.push(argv[i]);
}
if (args.length !== 2 || (limit !== null && !(Number.isInteger(limit) && limit > 0))) usage();
function usage(msg) {
	if (msg) console.error(`fetch: ${msg}`);
	console.error('usage: node fetch.js [--limit N] [--no-check] LRS_URL OUT.jsonl');
	process.exit(2);
}
const [endpoint, out] = args;
const base = new URL(endpoint.endsWith('/') ? endpoint : endpoint + '/');
const auth = 'Basic ' + Buffer.from(process.env.LRS_AUTH || 'k:s').toString('base64');

function get(url) {
	return new Promise((resolve, reject) => {
		const lib = url.protocol === 'https:' ? https : http;
		const req = lib.get(url, {
			headers: { 'X-Experience-API-Version': '1.0.3', Authorization: auth, Accept: 'application/json' },
			timeout: 60000,
		}, (res) => {
			const chunks = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				if (res.statusCode !== 200) {
					reject(new Error(`GET ${url.pathname}${url.search}: HTTP ${res.statusCode}: ${body.slice(0, 300)}`));
					return;
				}
				try {
					const r = JSON.parse(body);
					if (!r || !Array.isArray(r.statements)) throw new Error('no "statements" array');
					resolve(r);
				} catch (e) {
					reject(new Error(`GET ${url.pathname}${url.search}: not a StatementResult: ${e.message}`));
				}
			});
		});
		req.on('timeout', () => req.destroy(new Error(`GET ${url.pathname}${url.search}: timed out`)));
		req.on('error', reject);
	});
}

// JSON with the keys of every object sorted (arrays keep their order)
function sorted(v) {
	if (Array.isArray(v)) return v.map(sorted);
	if (v !== null && typeof v === 'object') {
		const o = {};
		for (const k of Object.keys(v).sort()) o[k] = sorted(v[k]);
		return o;
	}
	return v;
}

(async () => {
	const first = new URL('statements', base);
	if (limit !== null) first.searchParams.set('limit', String(limit));
	const byId = new Map();
	const problems = [];
	const seenLinks = new Set();
	const twice = new Set();
	let pages = 0;
	let url = first;
	for (;;) {
		const r = await get(url);
		pages++;
		let fresh = 0;
		for (const s of r.statements) {
			if (byId.has(s.id)) twice.add(s.id);
			else { byId.set(s.id, s); fresh++; }
		}
		if (typeof r.more !== 'string' || r.more === '') break;
		if (fresh === 0) { problems.push(`page ${pages} brought no new statement but a more link: stopped`); break; }
		// a relative IRL (path and query), relative to the LRS's host
		url = new URL(r.more, base);
		if (seenLinks.has(url.href)) { problems.push(`the LRS gave the same more link twice: ${r.more}`); break; }
		seenLinks.add(url.href);
	}
	if (twice.size) problems.push(`${twice.size} statements returned more than once by the pages (e.g. ${[...twice].slice(0, 3).join(', ')})`);
	if (check) {
		const all = new URL('statements', base);
		all.searchParams.set('limit', '1000000');
		const r = await get(all);
		const unpaged = new Set(r.statements.map((s) => s.id));
		const missing = [...unpaged].filter((id) => !byId.has(id));
		const extra = [...byId.keys()].filter((id) => !unpaged.has(id));
		if (r.more) problems.push('the unpaged read (limit=1000000) still had a more link');
		if (missing.length) problems.push(`paging through more returned ${byId.size} statements, one unpaged read ${unpaged.size}: ${missing.length} missing from the pages (e.g. ${missing.slice(0, 3).join(', ')})`);
		if (extra.length) problems.push(`${extra.length} statements in the pages but not in the unpaged read (e.g. ${extra.slice(0, 3).join(', ')})`);
	}
	const ids = [...byId.keys()].sort();
	fs.writeFileSync(out, ids.map((id) => JSON.stringify(sorted(byId.get(id))) + '\n').join(''));
	for (const p of problems) console.error(`fetch: error: ${p}`);
	console.log(`fetch: ${ids.length} statements (${pages} pages) from ${base.href}`);
	process.exit(problems.length ? 1 : 0);
})().catch((e) => {
	console.error(`fetch: error: ${e.message}`);
	process.exit(1);
});
