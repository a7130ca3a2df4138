#!/usr/bin/env node
// validate.js - check xAPI statements, one JSON object a line:
//   node validate.js [--require-ms] FILE.jsonl...
// Each line is checked twice:
//  1. as xAPI 1.0.3 by xapi-validation 2.1.4, the validator Learning Locker's
//     xapi-statements LRS runs on every POST (so what passes here passes its
//     schema checks too);
//  2. by the rules below, which a 1.0.3 statement must also meet to be a valid
//     xAPI 2.0 (IEEE 9274.1.1-2023) statement, or which the 1.0.3 text asks of
//     a Learning Record Provider but xapi-validation does not check:
//     - timestamp, stored and a SubStatement's timestamp: RFC 3339 date-time
//       in UTC, "YYYY-MM-DDThh:mm:ss[.fff]Z", a real calendar date (9274.1.1
//       items s19, s20); xapi-validation also takes "2026-01-01", basic
//       format, offsets and 30 February;
//       at most 3 decimals (1.0.3 Data 4.5: an LRS may truncate to ms, the
//       statement would then not compare equal); --require-ms: exactly 3;
//     - no contextAgents / contextGroups: 2.0 only, a 1.0.3 LRS rejects them;
//     - version, if set, is "1.0.0" (1.0.3 Data 2.4.10: "If Learning Record
//       Providers set the Statement version, they MUST set it to 1.0.0");
//       2.0 LRSs accept 1.0.x;
//     - UUIDs (id, registration, StatementRef ids) in standard string form
//       (1.0.3 Data 2.4.1), lower case (RFC 4122 section 3; xapi-statements
//       matches ids case-sensitively) - xapi-validation takes "{...}" and
//       upper case;
//     - IRIs (verb id, activity id, type, moreInfo, extension keys, homePage,
//       openid, usageType, fileUrl): a scheme, no spaces, control characters
//       or <>"{}|\^` (RFC 3987) - xapi-validation takes "http://x y";
//     - every contextActivities value an array (1.0.3 Data 2.4.6.2: the
//       Learning Record Provider SHOULD send arrays);
//     - result.duration with at most 2 decimals of a second (1.0.3 Data 4.6);
//     - no repeated key in one JSON object (RFC 8259 section 4: what a
//       receiver keeps is then unpredictable);
//     - no statement id twice in the file (an LRS rejects such a batch).
// Prints "FILE:LINE: error: ..." for each problem and exits 1 if there is
// any; otherwise prints "validate: N statements, all valid".
// The npm packages are looked up in $LRS_NPM_DIR, else <top>/build/npm-lrs
// (tools/deps.sh test installs them).
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const npmDir = process.env.LRS_NPM_DIR ||
	path.resolve(__dirname, '..', '..', '..', 'build', 'npm-lrs');
let xv;
try {
	xv = createRequire(path.join(npmDir, 'package.json'))('xapi-validation/dist/factory');
} catch (e) {
	console.error(`validate: cannot load xapi-validation from ${npmDir}/node_modules (tools/deps.sh test): ${e.message}`);
	process.exit(2);
}

let requireMs = false;
const files = [];
for (const a of process.argv.slice(2)) {
	if (a === '--require-ms') requireMs = true;
	else if (a.startsWith('--')) { console.error(`validate: unknown option ${a}`); process.exit(2); }
	else files.push(a);
}
if (files.length === 0) {
	console.error('usage: node validate.js [--require-ms] FILE.jsonl...');
	process.exit(2);
}

const show = (v) => {
	let s = JSON.stringify(v);
	if (s === undefined) s = String(v);
	return s.length > 80 ? s.slice(0, 77) + '...' : s;
};
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// what xapi-validation's warnings mean
const WARNINGS = {
	ContextPropWarning: 'context.revision and context.platform are only allowed when the object is an Activity',
	IfiCountWarning: 'more than one inverse functional identifier (mbox, mbox_sha1sum, openid, account)',
	InvalidComponentsWarning: 'interaction components that this interactionType does not have',
	MembersLengthWarning: 'wrong number of members',
	MembersTypeWarning: 'a Group member must be an Agent',
	MinMoreThanMaxWarning: 'score.min is more than score.max',
	MissingInteractionTypeWarning: 'interaction properties without an interactionType',
	NoIfiWarning: 'no inverse functional identifier (mbox, mbox_sha1sum, openid or account)',
	NoMembersWarning: 'an anonymous Group (no identifier) must list its members',
	ObjectTypeWarning: 'wrong objectType',
	RawLessThanMinWarning: 'score.raw is less than score.min',
	RawMoreThanMaxWarning: 'score.raw is more than score.max',
	RestrictedValueWarning: 'value not allowed here',
	SignedContentTypeWarning: 'a signature attachment must be application/octet-stream',
	SubStatementWarning: 'a SubStatement must not hold a SubStatement',
	VoidWarning: 'the voided verb needs a StatementRef object',
};
function describe(w) {
	const where = (w.path || []).join('.');
	const kind = w.constructor && w.constructor.name;
	if (kind === 'RequiredWarning') return `${where}: missing (required)`;
	if (kind === 'RestrictedKeysWarning') return `${where}: unknown properties (${w.keys.join(', ')})`;
	if (kind === 'TypeWarning') {
		const type = w.typeName || (w.type && w.type.name) || '?';
		return `${where}: not a valid ${type}: ${show(w.data)}`;
	}
	if (kind === 'ExceptionWarning') return `${where}: ${w.exception && w.exception.message}`;
	return `${where}: ${WARNINGS[kind] || kind}: ${show(w.data)}`;
}

// --- the extra rules -------------------------------------------------------

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const UUID_LOWER = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
function checkUuid(v, where, err) {
	if (typeof v !== 'string') return; // xapi-validation reports the type
	if (!UUID.test(v)) err(`${where}: UUID not in standard string form (8-4-4-4-12 hex digits, no braces; xAPI 1.0.3 Data 2.4.1): ${show(v)}`);
	else if (v !== v.toLowerCase()) err(`${where}: UUID in upper case: write it in lower case (RFC 4122 section 3; xapi-statements compares ids case-sensitively): ${show(v)}`);
	else if (!UUID_LOWER.test(v)) err(`${where}: not an RFC 4122 UUID (version 1-8, variant 10xx): ${show(v)}`);
}

const RFC3339_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;
function checkTimestamp(v, where, err) {
	if (typeof v !== 'string') return;
	const m = RFC3339_UTC.exec(v);
	if (!m) {
		err(`${where}: not an RFC 3339 date-time in UTC ending in Z, as YYYY-MM-DDThh:mm:ss.sssZ (xAPI 2.0 / IEEE 9274.1.1): ${show(v)}`);
		return;
	}
	const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
	const frac = m[7];
	const mdays = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
	const leap = h === 23 && mi === 59 && s === 60; // RFC 3339 leap second
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || (s > 59 && !leap))
		err(`${where}: no such date or time: ${show(v)}`);
	if (frac !== undefined && frac.length > 3)
		err(`${where}: more than 3 decimals of a second (an LRS may truncate to milliseconds; xAPI 1.0.3 Data 4.5): ${show(v)}`);
	if (requireMs && (frac === undefined || frac.length !== 3))
		err(`${where}: not written with milliseconds (.sss, --require-ms): ${show(v)}`);
}

// RFC 3987: no spaces, controls or <>"{}|\^` anywhere; %HH only
const IRI_BAD = /[\u0000-\u0020\u007f-\u009f<>"{}|\\^`]/;
function checkIri(v, where, err) {
	if (typeof v !== 'string') return;
	const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(v);
	if (!m || m[2] === '') { err(`${where}: not an absolute IRI (scheme:...): ${show(v)}`); return; }
	if (IRI_BAD.test(v)) { err(`${where}: IRI with a space, control character or one of <>"{}|\\^\` (RFC 3987): ${show(v)}`); return; }
	if (/%(?![0-9A-Fa-f]{2})/.test(v)) { err(`${where}: IRI with a % not followed by two hex digits: ${show(v)}`); return; }
	if (/^https?$/i.test(m[1]) && !/^\/\/[^/?#]+/.test(m[2])) err(`${where}: http(s) IRI without a host: ${show(v)}`);
}

function checkExtensions(ext, where, err) {
	if (!isObj(ext)) return;
	for (const k of Object.keys(ext)) checkIri(k, `${where}[${JSON.stringify(k)}]`, err);
}

function checkActor(a, where, err) {
	if (!isObj(a)) return;
	if (isObj(a.account)) checkIri(a.account.homePage, `${where}.account.homePage`, err);
	if (a.openid !== undefined) checkIri(a.openid, `${where}.openid`, err);
	if (Array.isArray(a.member)) a.member.forEach((m, i) => checkActor(m, `${where}.member.${i}`, err));
}

function checkActivity(o, where, err) {
	if (!isObj(o)) return;
	checkIri(o.id, `${where}.id`, err);
	const d = o.definition;
	if (!isObj(d)) return;
	if (d.type !== undefined) checkIri(d.type, `${where}.definition.type`, err);
	if (d.moreInfo !== undefined) checkIri(d.moreInfo, `${where}.definition.moreInfo`, err);
	checkExtensions(d.extensions, `${where}.definition.extensions`, err);
}

function checkContext(c, where, err) {
	if (!isObj(c)) return;
	for (const k of ['contextAgents', 'contextGroups'])
		if (c[k] !== undefined) err(`${where}.${k}: xAPI 2.0 only; a 1.0.3 statement must not have it (a 1.0.3 LRS rejects it)`);
	if (c.registration !== undefined) checkUuid(c.registration, `${where}.registration`, err);
	if (isObj(c.statement)) checkUuid(c.statement.id, `${where}.statement.id`, err);
	checkActor(c.instructor, `${where}.instructor`, err);
	checkActor(c.team, `${where}.team`, err);
	if (isObj(c.contextActivities)) {
		for (const [k, v] of Object.entries(c.contextActivities)) {
			if (Array.isArray(v)) v.forEach((a, i) => checkActivity(a, `${where}.contextActivities.${k}.${i}`, err));
			else {
				err(`${where}.contextActivities.${k}: a single Activity, not an array (xAPI 1.0.3 Data 2.4.6.2: the provider SHOULD send arrays)`);
				checkActivity(v, `${where}.contextActivities.${k}`, err);
			}
		}
	}
	checkExtensions(c.extensions, `${where}.extensions`, err);
}

function checkResult(r, where, err) {
	if (!isObj(r)) return;
	if (typeof r.duration === 'string') {
		const m = /[.,](\d+)S$/.exec(r.duration);
		if (m && m[1].length > 2) err(`${where}.duration: more than 2 decimals of a second (xAPI 1.0.3 Data 4.6: at most 0.01 s; an LRS may truncate it): ${show(r.duration)}`);
	}
	checkExtensions(r.extensions, `${where}.extensions`, err);
}

// the parts a Statement and a SubStatement share
function checkBody(s, where, err) {
	checkActor(s.actor, `${where}.actor`, err);
	if (isObj(s.verb)) checkIri(s.verb.id, `${where}.verb.id`, err);
	const o = s.object;
	if (isObj(o)) {
		const t = o.objectType === undefined ? 'Activity' : o.objectType;
		if (t === 'Activity') checkActivity(o, `${where}.object`, err);
		else if (t === 'Agent' || t === 'Group') checkActor(o, `${where}.object`, err);
		else if (t === 'StatementRef') checkUuid(o.id, `${where}.object.id`, err);
		else if (t === 'SubStatement') checkSub(o, `${where}.object`, err);
	}
	checkResult(s.result, `${where}.result`, err);
	checkContext(s.context, `${where}.context`, err);
	if (s.timestamp !== undefined) checkTimestamp(s.timestamp, `${where}.timestamp`, err);
	if (Array.isArray(s.attachments)) {
		s.attachments.forEach((a, i) => {
			if (!isObj(a)) return;
			checkIri(a.usageType, `${where}.attachments.${i}.usageType`, err);
			if (a.fileUrl !== undefined) checkIri(a.fileUrl, `${where}.attachments.${i}.fileUrl`, err);
		});
	}
}
function checkSub(s, where, err) {
	checkBody(s, where, err);
}

function checkStatement(s, err) {
	const where = 'statement';
	for (const k of ['contextAgents', 'contextGroups'])
		if (s[k] !== undefined) err(`${where}.${k}: xAPI 2.0 only, and belongs in context, not in the statement`);
	if (s.id !== undefined) checkUuid(s.id, `${where}.id`, err);
	if (s.version !== undefined && s.version !== '1.0.0')
		err(`${where}.version: must be "1.0.0" if set (xAPI 1.0.3 Data 2.4.10; better left out): ${show(s.version)}`);
	if (s.stored !== undefined) checkTimestamp(s.stored, `${where}.stored`, err);
	checkActor(s.authority, `${where}.authority`, err);
	checkBody(s, where, err);
}

// keys repeated in one object, as paths; text is valid JSON (JSON.parse took it)
function repeatedKeys(text) {
	let i = 0;
	const out = [];
	const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
	const str = () => {
		let j = i + 1;
		while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
		const s = JSON.parse(text.slice(i, j + 1));
		i = j + 1;
		return s;
	};
	const value = (where) => {
		ws();
		const c = text[i];
		if (c === '{') {
			i++;
			const seen = new Set();
			ws();
			if (text[i] === '}') { i++; return; }
			for (;;) {
				ws();
				const k = str();
				if (seen.has(k)) out.push(`${where}.${k}`);
				seen.add(k);
				ws();
				i++; // :
				value(`${where}.${k}`);
				ws();
				if (text[i++] !== ',') return; // }
			}
		} else if (c === '[') {
			i++;
			ws();
			if (text[i] === ']') { i++; return; }
			for (let n = 0; ; n++) {
				value(`${where}.${n}`);
				ws();
				if (text[i++] !== ',') return; // ]
			}
		} else if (c === '"') {
			str();
		} else {
			while (i < text.length && !',]} \t\n\r'.includes(text[i])) i++;
		}
	};
	value('statement');
	return out;
}

// ----------------------------------------------------------------------------

let count = 0;
let bad = 0;
for (const file of files) {
	let text;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (e) {
		console.log(`${file}: error: cannot read: ${e.message}`);
		bad++;
		continue;
	}
	const lines = text.split('\n');
	if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	const ids = new Map();
	lines.forEach((raw, n) => {
		const line = raw.replace(/\r$/, '');
		const errors = [];
		const err = (m) => errors.push(m);
		count++;
		let s;
		if (line.trim() === '') err('empty line (one statement a line)');
		else if (line.charCodeAt(0) === 0xfeff) err('starts with a byte order mark');
		else {
			try {
				s = JSON.parse(line);
			} catch (e) {
				err(`not JSON: ${e.message}`);
			}
		}
		if (s !== undefined) {
			if (!isObj(s)) err(`not a JSON object (one statement a line, no arrays): ${show(s)}`);
			else {
				for (const k of repeatedKeys(line)) err(`${k}: key given twice in one object (RFC 8259 section 4)`);
				for (const w of xv.statement(s, ['statement'])) err(describe(w));
				checkStatement(s, err);
				if (typeof s.id === 'string') {
					if (ids.has(s.id)) err(`statement.id: ${s.id} already on line ${ids.get(s.id)}`);
					else ids.set(s.id, n + 1);
				}
			}
		}
		for (const e of errors) console.log(`${file}:${n + 1}: error: ${e}`);
		if (errors.length) bad++;
	});
}
if (bad) {
	console.log(`validate: ${count} statements, ${bad} not valid`);
	process.exit(1);
}
console.log(`validate: ${count} statements, all valid`);
