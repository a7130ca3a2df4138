/*
 * verify.js - checks a certificate of completion in the page, offline:
 * the code its QR holds (CRSV1. ... , see generator/officer/cert.h) or
 * its Open Badges 3.0 credential (.json, eddsa-jcs-2022), against the
 * issuer keys this site was built with (#verify-data).  Ed25519 (RFC 8032),
 * SHA-512 and SHA-256 (FIPS 180-4) are written out here with BigInt, so
 * nothing depends on what the browser's WebCrypto offers, and nothing is
 * fetched.  Every claim is shown with textContent, never as HTML.
 */
(function () {
  'use strict';

  /* ---- hashes ---------------------------------------------------------- */

  var K256 = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];

  /* The message padded to whole blocks of `block` bytes, its bit length
   * in the last `lenBytes` bytes, big-endian. */
  function pad(msg, block, lenBytes) {
    var n = msg.length + 1 + lenBytes;
    var total = Math.ceil(n / block) * block;
    var out = new Uint8Array(total);
    out.set(msg);
    out[msg.length] = 0x80;
    var bits = msg.length * 8;
    for (var i = 0; i < 6; i++) {
      out[total - 1 - i] = bits % 256;
      bits = Math.floor(bits / 256);
    }
    return out;
  }

  function sha256(msg) {
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var m = pad(msg, 64, 8), w = new Array(64);
    function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }
    for (var off = 0; off < m.length; off += 64) {
      for (var t = 0; t < 16; t++)
        w[t] = (m[off + 4 * t] << 24) | (m[off + 4 * t + 1] << 16) | (m[off + 4 * t + 2] << 8) | m[off + 4 * t + 3];
      for (t = 16; t < 64; t++) {
        var s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
        var s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[t] + w[t]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
      h[4] = (h[4] + e) | 0; h[5] = (h[5] + f) | 0; h[6] = (h[6] + g) | 0; h[7] = (h[7] + k) | 0;
    }
    var out = new Uint8Array(32);
    for (var i = 0; i < 8; i++)
      for (var j = 0; j < 4; j++)
        out[4 * i + j] = (h[i] >>> (24 - 8 * j)) & 255;
    return out;
  }

  /* SHA-512's 80 constants: the first 64 bits of the fractional parts of
   * the cube roots of the first 80 primes, computed here in BigInt. */
  var M64 = (1n << 64n) - 1n;
  var K512 = (function () {
    var primes = [], k = [];
    for (var n = 2; primes.length < 80; n++) {
      var prime = true;
      for (var i = 0; i < primes.length && primes[i] * primes[i] <= n; i++)
        if (n % primes[i] === 0) { prime = false; break; }
      if (prime) primes.push(n);
    }
    primes.forEach(function (p) {
      /* floor(cbrt(p) * 2^64) mod 2^64, by integer cube root of p * 2^192 */
      var x = BigInt(p) << 192n, r = BigInt(Math.floor(Math.cbrt(p) * 2 ** 20)) << 44n;
      for (var it = 0; it < 200; it++) {
        var next = (2n * r + x / (r * r)) / 3n;
        if (next === r || next === r + 1n) break;
        r = next;
      }
      while (r * r * r > x) r -= 1n;
      while ((r + 1n) * (r + 1n) * (r + 1n) <= x) r += 1n;
      k.push(r & M64);
    });
    return k;
  })();

  function sha512(msg) {
    var h = [0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
             0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n];
    var m = pad(msg, 128, 16), w = new Array(80);
    function rotr(x, n) { return ((x >> n) | (x << (64n - n))) & M64; }
    for (var off = 0; off < m.length; off += 128) {
      for (var t = 0; t < 16; t++) {
        var v = 0n;
        for (var j = 0; j < 8; j++) v = (v << 8n) | BigInt(m[off + 8 * t + j]);
        w[t] = v;
      }
      for (t = 16; t < 80; t++) {
        var s0 = rotr(w[t - 15], 1n) ^ rotr(w[t - 15], 8n) ^ (w[t - 15] >> 7n);
        var s1 = rotr(w[t - 2], 19n) ^ rotr(w[t - 2], 61n) ^ (w[t - 2] >> 6n);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) & M64;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 80; t++) {
        var t1 = (k + (rotr(e, 14n) ^ rotr(e, 18n) ^ rotr(e, 41n)) + ((e & f) ^ (~e & M64 & g)) + K512[t] + w[t]) & M64;
        var t2 = ((rotr(a, 28n) ^ rotr(a, 34n) ^ rotr(a, 39n)) + ((a & b) ^ (a & c) ^ (b & c))) & M64;
        k = g; g = f; f = e; e = (d + t1) & M64; d = c; c = b; b = a; a = (t1 + t2) & M64;
      }
      h = [h[0] + a, h[1] + b, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + k]
        .map(function (x) { return x & M64; });
    }
    var out = new Uint8Array(64);
    for (var i = 0; i < 8; i++)
      for (var q = 0; q < 8; q++)
        out[8 * i + q] = Number((h[i] >> BigInt(56 - 8 * q)) & 255n);
    return out;
  }

  /* ---- Ed25519 verification (RFC 8032 §5.1.7) -------------------------- */

  var P = (1n << 255n) - 19n;
  var L = (1n << 252n) + 27742317777372353535851937790883648493n;
  function mod(a, m) { var r = a % (m || P); return r < 0n ? r + (m || P) : r; }
  function pow(b, e) {
    var r = 1n;
    b = mod(b);
    while (e > 0n) {
      if (e & 1n) r = mod(r * b);
      b = mod(b * b);
      e >>= 1n;
    }
    return r;
  }
  function inv(a) { return pow(a, P - 2n); }
  var D = mod(-121665n * inv(121666n));
  var SQRT_M1 = pow(2n, (P - 1n) / 4n);

  function add(p, q) {   /* extended coordinates, a = -1 */
    var a = mod((p[1] - p[0]) * (q[1] - q[0])), b = mod((p[1] + p[0]) * (q[1] + q[0]));
    var c = mod(p[3] * 2n * D * q[3]), d = mod(p[2] * 2n * q[2]);
    var e = b - a, f = d - c, g = d + c, h = b + a;
    return [mod(e * f), mod(g * h), mod(f * g), mod(e * h)];
  }
  function mul(s, p) {
    var r = [0n, 1n, 1n, 0n];
    for (; s > 0n; s >>= 1n) {
      if (s & 1n) r = add(r, p);
      p = add(p, p);
    }
    return r;
  }
  function le(bytes) {
    var v = 0n;
    for (var i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
    return v;
  }
  function decodePoint(bytes) {
    if (bytes.length !== 32) return null;
    var y = le(bytes) & ((1n << 255n) - 1n), sign = bytes[31] >> 7;
    if (y >= P) return null;
    var y2 = mod(y * y), x2 = mod((y2 - 1n) * inv(D * y2 + 1n));
    var x = pow(x2, (P + 3n) / 8n);
    if (mod(x * x - x2) !== 0n) x = mod(x * SQRT_M1);
    if (mod(x * x - x2) !== 0n) return null;
    if (x === 0n && sign) return null;
    if (Number(x & 1n) !== sign) x = P - x;
    return [x, y, 1n, mod(x * y)];
  }
  function encodePoint(p) {
    var zi = inv(p[2]), x = mod(p[0] * zi), y = mod(p[1] * zi), out = new Uint8Array(32);
    for (var i = 0; i < 32; i++) { out[i] = Number(y & 255n); y >>= 8n; }
    out[31] |= Number(x & 1n) << 7;
    return out;
  }
  var BASE = (function () {
    var y = mod(4n * inv(5n)), b = new Uint8Array(32);
    for (var i = 0; i < 32; i++) { b[i] = Number(y & 255n); y >>= 8n; }
    return decodePoint(b);
  })();

  function concat() {
    var n = 0, i;
    for (i = 0; i < arguments.length; i++) n += arguments[i].length;
    var out = new Uint8Array(n), at = 0;
    for (i = 0; i < arguments.length; i++) { out.set(arguments[i], at); at += arguments[i].length; }
    return out;
  }
  function same(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  function ed25519Verify(pub, msg, sig) {
    if (sig.length !== 64) return false;
    var a = decodePoint(pub), r = decodePoint(sig.subarray(0, 32));
    var s = le(sig.subarray(32));
    if (!a || !r || s >= L) return false;
    var k = mod(le(sha512(concat(sig.subarray(0, 32), pub, msg))), L);
    return same(encodePoint(mul(s, BASE)), encodePoint(add(r, mul(k, a))));
  }

  /* ---- encodings ------------------------------------------------------- */

  function utf8(s) { return new TextEncoder().encode(s); }
  function hex(b) {
    return Array.prototype.map.call(b, function (x) { return (x < 16 ? '0' : '') + x.toString(16); }).join('');
  }
  function unbase64url(s) {
    if (!/^[A-Za-z0-9_-]*$/.test(s)) return null;
    var bin;
    try { bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)); }
    catch (e) { return null; }
    return Uint8Array.from(bin, function (c) { return c.charCodeAt(0); });
  }
  var B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  function unbase58(s) {
    var v = 0n, ones = 0;
    while (ones < s.length && s[ones] === '1') ones++;
    for (var i = 0; i < s.length; i++) {
      var d = B58.indexOf(s[i]);
      if (d < 0) return null;
      v = v * 58n + BigInt(d);
    }
    var bytes = [];
    while (v > 0n) { bytes.unshift(Number(v & 255n)); v >>= 8n; }
    return Uint8Array.from(new Array(ones).fill(0).concat(bytes));
  }

  /* RFC 8785: ECMAScript's own JSON.stringify of strings and numbers, and
   * member names sorted by UTF-16 code units (what Array.sort compares). */
  function canonical(v) {
    if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
    if (v !== null && typeof v === 'object')
      return '{' + Object.keys(v).sort().map(function (k) {
        return JSON.stringify(k) + ':' + canonical(v[k]);
      }).join(',') + '}';
    return JSON.stringify(v);
  }

  /* ---- the page -------------------------------------------------------- */

  function text(id) { var n = document.getElementById(id); return n ? n.textContent : ''; }
  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? '\u2066' + values[name] + '\u2069' : all;
    });
  }
  function day(s) { return s.slice(0, 4) + '-' + s.slice(4, 6) + '-' + s.slice(6, 8); }

  function issuers() {
    return Array.prototype.map.call(document.querySelectorAll('#verify-data .issuer'), function (n) {
      return { key: unbase64url(n.getAttribute('data-key')), name: n.textContent };
    });
  }
  function track(id) {
    var t = document.querySelector('#verify-data .track[data-id="' + CSS.escape(id) + '"]');
    if (!t) return null;
    return {
      title: t.getAttribute('data-title'),
      modules: Array.prototype.map.call(t.querySelectorAll('li'), function (li) {
        return { key: li.getAttribute('data-key'), title: li.textContent };
      })
    };
  }

  /* The claims of a code, or {error}. */
  function checkCode(code) {
    var f = code.split('.');
    if (f.length !== 11 || f[0] !== 'CRSV1' || !/^[0-9a-f]{32}$/.test(f[1]))
      return { error: 'msg-bad-code' };
    var sig = unbase64url(f[10]);
    var signed = utf8(code.slice(0, code.lastIndexOf('.')));
    var by = issuers().filter(function (k) { return k.key && sig && ed25519Verify(k.key, signed, sig); });
    if (!by.length) return { error: 'msg-bad-signature' };
    var id = f[1].replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    var scores = f[8].split(',');
    var t = f[2].indexOf('/') < 0 ? track(f[2]) : null;
    var titled = t && t.modules.length === scores.length;
    return {
      issuer: by[0].name, id: id, holder: f[9], holderDigits: 16,
      title: t ? t.title : f[2], version: f[4], passed: day(f[5]),
      from: Date.UTC(+f[6].slice(0, 4), +f[6].slice(4, 6) - 1, +f[6].slice(6, 8)),
      until: Date.UTC(+f[7].slice(0, 4), +f[7].slice(4, 6) - 1, +f[7].slice(6, 8)) + 86399999,
      fromText: day(f[6]), untilText: day(f[7]), otherVersion: t && !titled,
      modules: scores.map(function (s, i) { return { title: titled ? t.modules[i].title : '#' + (i + 1), score: s }; })
    };
  }

  function checkCredential(json) {
    var doc;
    try { doc = JSON.parse(json); } catch (e) { return { error: 'msg-bad-code' }; }
    var proof = doc && doc.proof;
    if (!proof || proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-jcs-2022' ||
        proof.proofPurpose !== 'assertionMethod' || typeof proof.proofValue !== 'string' ||
        proof.proofValue[0] !== 'z' || typeof proof.verificationMethod !== 'string')
      return { error: 'msg-bad-code' };
    var did = proof.verificationMethod.split('#')[0];
    var raw = did.indexOf('did:key:z') === 0 ? unbase58(did.slice(9)) : null;
    var issuerId = typeof doc.issuer === 'string' ? doc.issuer : doc.issuer && doc.issuer.id;
    if (!raw || raw.length !== 34 || raw[0] !== 0xed || raw[1] !== 0x01 || issuerId !== did)
      return { error: 'msg-bad-signature' };
    var pub = raw.subarray(2), options = {}, unsecured = {};
    Object.keys(proof).forEach(function (k) { if (k !== 'proofValue') options[k] = proof[k]; });
    Object.keys(doc).forEach(function (k) { if (k !== 'proof') unsecured[k] = doc[k]; });
    if (options['@context'] !== undefined) {
      if (canonical(options['@context']) !== canonical(doc['@context'])) return { error: 'msg-bad-signature' };
      unsecured['@context'] = options['@context'];
    }
    var data = concat(sha256(utf8(canonical(options))), sha256(utf8(canonical(unsecured))));
    var sig = unbase58(proof.proofValue.slice(1));
    var trusted = issuers().filter(function (k) { return k.key && same(k.key, pub); });
    if (!trusted.length || !sig || !ed25519Verify(pub, data, sig)) return { error: 'msg-bad-signature' };
    var subject = doc.credentialSubject || {}, ach = subject.achievement || {};
    var ident = (subject.identifier || [])[0] || {};
    var names = {};
    (ach.resultDescription || []).forEach(function (d) { names[d.id] = d; });
    return {
      issuer: trusted[0].name, id: String(doc.id || '').replace(/^urn:uuid:/, ''),
      holder: String(ident.identityHash || '').replace(/^sha256\$/, ''), holderDigits: 64,
      salt: ident.salt, title: ach.name, version: String(ach.version || '').slice(0, 12),
      passed: String(subject.activityEndDate || '').slice(0, 10),
      from: Date.parse(doc.validFrom), until: doc.validUntil ? Date.parse(doc.validUntil) : Infinity,
      fromText: String(doc.validFrom || '').slice(0, 10), untilText: String(doc.validUntil || '').slice(0, 10),
      modules: (subject.result || []).map(function (r) {
        var d = names[r.resultDescription] || {};
        return { title: d.name || r.resultDescription, score: r.value + (d.valueMax ? '/' + d.valueMax : '') };
      })
    };
  }

  function line(parent, tag, content) {
    var n = document.createElement(tag);
    n.textContent = content;
    n.setAttribute('dir', 'auto');
    parent.appendChild(n);
    return n;
  }

  function show(claims, person) {
    var result = document.getElementById('verify-result'), out = document.getElementById('verify-claims');
    var verdict = document.getElementById('verify-verdict'), now = Date.now(), state = 'valid';
    out.textContent = '';
    result.hidden = false;
    if (claims.error) {
      verdict.textContent = text('msg-invalid');
      line(out, 'p', text(claims.error));
      result.setAttribute('data-result', claims.error.replace('msg-', ''));
      return;
    }
    var problems = [];
    if (now < claims.from) problems.push(['not-yet', text('msg-not-yet')]);
    if (now > claims.until) problems.push(['expired', text('msg-expired')]);
    if (person) {
      var mine = hex(sha256(utf8(person + (claims.salt || claims.id))));
      if (mine.slice(0, claims.holderDigits) !== claims.holder.slice(0, claims.holderDigits))
        problems.push(['person-mismatch', text('msg-person-mismatch')]);
    }
    if (problems.length) state = problems[0][0];
    verdict.textContent = problems.length ? text('msg-invalid') : fill(text('msg-valid'), { issuer: claims.issuer });
    problems.forEach(function (p) { line(out, 'p', p[1]).className = 'verify-problem'; });
    line(out, 'h3', claims.title);
    var table = document.createElement('table'), head = table.insertRow();
    [text('lbl-module'), text('lbl-score')].forEach(function (h) { line(head, 'th', h); });
    claims.modules.forEach(function (m) {
      var row = table.insertRow();
      line(row, 'td', m.title);
      line(row, 'td', m.score).setAttribute('dir', 'ltr');
    });
    out.appendChild(table);
    if (claims.otherVersion) line(out, 'p', text('msg-other-version'));
    line(out, 'p', text('lbl-passed') + ': \u2066' + claims.passed + '\u2069');
    line(out, 'p', fill(text('fmt-valid'), { from: claims.fromText, until: claims.untilText }));
    line(out, 'p', fill(text('fmt-content'), { version: claims.version }));
    line(out, 'p', fill(text('fmt-id'), { id: claims.id }));
    if (person && !problems.some(function (p) { return p[0] === 'person-mismatch'; }))
      line(out, 'p', text('msg-person-match'));
    result.setAttribute('data-result', state);
  }

  function check() {
    var code = document.getElementById('verify-code').value.trim();
    var person = document.getElementById('verify-person').value.trim();
    show(code[0] === '{' ? checkCredential(code) : checkCode(code), person);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('verify-form');
    if (!form) return;
    form.addEventListener('submit', function (ev) { ev.preventDefault(); check(); });
    /* a code in the address (verify.html#CRSV1...): checked at once; the
     * fragment never leaves the device */
    if (location.hash.length > 1) {
      var hash = decodeURIComponent(location.hash.slice(1)), at = hash.indexOf('&person=');
      document.getElementById('verify-code').value = at < 0 ? hash : hash.slice(0, at);
      if (at >= 0) document.getElementById('verify-person').value = hash.slice(at + 8);
      check();
    }
  });
})();
