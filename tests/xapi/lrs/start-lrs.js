// start-lrs.js - Learning Locker's LRS (npm xapi-statements 5.0.1) for the
// tests, listening on 127.0.0.1 only, on the port in EXPRESS_PORT.
// lrs.sh (lrs_start) copies this file into build/npm-lrs, beside the
// node_modules it needs, and sets the rest of the environment (in-memory
// models, test auth: any Basic credentials).
//
// xapi-statements keeps its statements in memory (MODELS_REPO=memory): its
// only other models repo is MongoDB, a server.  Two changes to that memory
// repo, below, unless LRS_STOCK=1:
//  1. What it acknowledges survives a restart, even kill -9: with
//     LRS_STATE_FILE set, the repo's state (the statement models and
//     activities) is written to that file (written whole to FILE.tmp,
//     fsync, rename) before any response leaves after a change, and read
//     back at start.  xapi-statements itself loses everything on restart.
//  2. Statement models get ids that sort as they are stored.  The stock
//     repo gives them uuid v1 ids and pages its `more` links by comparing
//     those ids as strings, while it sorts by `stored`; the first 8 hex
//     digits of a v1 uuid wrap every 429.5 s, and then paging skips
//     statements (25 posted across a wrap, 10 returned through `more`).
//  3. With LRS_INDEXED=1 (the bench), its lookups by id are answered from
//     indexes instead of scans of everything stored (indexed-repo.js).
// Validation, idempotency, conflicts (409), queries and the `more` links
// are xapi-statements' own code in every case.
'use strict';
const fs = require('fs');
const path = require('path');
const http = require('http');

const port = process.env.EXPRESS_PORT || '';
if (!/^[1-9][0-9]{0,4}$/.test(port)) {
	console.error('start-lrs: EXPRESS_PORT must be a port number');
	process.exit(2);
}

// loopback only, whatever host the server asks for
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (p, ...rest) {
	return listen.call(this, p, '127.0.0.1', rest.find((a) => typeof a === 'function'));
};

const stock = process.env.LRS_STOCK === '1';
const stateFile = stock ? '' : process.env.LRS_STATE_FILE || '';
const indexed = !stock && process.env.LRS_INDEXED === '1';

// Dates (the models' timestamp and stored) kept as {"$date": ISO}
function encode(state) {
	return JSON.stringify({ format: 'crsv-kit-lrs-state/1', state }, function (k, v) {
		return this[k] instanceof Date ? { $date: this[k].toISOString() } : v;
	});
}
function decode(text) {
	const data = JSON.parse(text, (k, v) =>
		v !== null && typeof v === 'object' && Object.keys(v).length === 1 && typeof v.$date === 'string'
			? new Date(v.$date) : v);
	if (!data || data.format !== 'crsv-kit-lrs-state/1' || typeof data.state !== 'object')
		throw new Error('not a state file of start-lrs.js');
	return data.state;
}

let memory = null; // the memory repo's config: {state: {statements, fullActivities}}
let dirty = false;
function flush() {
	if (!dirty || !memory || !stateFile) return;
	const tmp = stateFile + '.tmp';
	const fd = fs.openSync(tmp, 'w');
	try {
		fs.writeSync(fd, encode(memory.state));
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
	fs.renameSync(tmp, stateFile);
	const dir = fs.openSync(path.dirname(stateFile), 'r');
	try { fs.fsyncSync(dir); } finally { fs.closeSync(dir); }
	dirty = false;
}

if (!stock) {
	const facade = require('xapi-statements/dist/repo/modelsRepo/utils/memoryModels/facade');
	const makeRepo = facade.default;
	facade.default = function (config) {
		memory = config;
		let seq = 0;
		if (stateFile && fs.existsSync(stateFile)) {
			const state = decode(fs.readFileSync(stateFile, 'utf8'));
			for (const k of Object.keys(config.state)) config.state[k] = Array.isArray(state[k]) ? state[k] : [];
			for (const m of config.state.statements) {
				const n = /-([0-9a-f]{12})$/.exec(String(m._id));
				if (n) seq = Math.max(seq, parseInt(n[1], 16) + 1);
			}
			console.log(`start-lrs: ${config.state.statements.length} statements read from ${stateFile}`);
		}
		let repo = makeRepo(config);
		// the stock createStatements, with ids that sort as stored
		// (stored time, then a counter), added in place, not by a copy of
		// everything stored
		repo.createStatements = async ({ models }) => {
			for (const model of models)
				config.state.statements.push(Object.assign({}, model, {
					_id: `${model.stored.toISOString()}-${(seq++).toString(16).padStart(12, '0')}`,
				}));
			return models;
		};
		if (indexed) repo = require('./indexed-repo.js')(repo, config);
		for (const name of Object.keys(repo)) {
			if (name.startsWith('get') || typeof repo[name] !== 'function') continue;
			const f = repo[name];
			repo[name] = async function (...args) {
				try {
					return await f.apply(this, args);
				} finally {
					dirty = true;
				}
			};
		}
		return repo;
	};

	if (stateFile) {
		// nothing is acknowledged before it is on disk
		const writeHead = http.ServerResponse.prototype.writeHead;
		http.ServerResponse.prototype.writeHead = function (...args) {
			try {
				flush();
			} catch (e) {
				console.error(`start-lrs: cannot write ${stateFile}: ${e.message}; connection dropped`);
				this.destroy();
				return this;
			}
			return writeHead.apply(this, args);
		};
		process.on('exit', () => {
			try { flush(); } catch (e) { console.error(`start-lrs: cannot write ${stateFile}: ${e.message}`); }
		});
	}
}

console.log(`start-lrs: xapi-statements ${require('xapi-statements/package.json').version} on 127.0.0.1:${port}` +
	(stock ? ', stock memory repo' : '') + (indexed ? ', indexed memory repo' : '') + (stateFile ? `, state in ${stateFile}` : ''));
require('xapi-statements/dist/index.js');
