/* A SCORM 1.2 run-time API stand-in for the package test: records every
 * call, keeps the data model in memory, answers like a platform would. */
window.API = (function () {
  'use strict';
  const calls = [];
  const data = { 'cmi.core.lesson_status': 'not attempted' };
  const rec = (name, args, result) => { calls.push([name].concat(args)); return result; };
  return {
    calls: calls,
    data: data,
    LMSInitialize: a => rec('LMSInitialize', [a], 'true'),
    LMSGetValue: k => rec('LMSGetValue', [k], k in data ? data[k] : ''),
    LMSSetValue: (k, v) => { data[k] = v; return rec('LMSSetValue', [k, v], 'true'); },
    LMSCommit: a => rec('LMSCommit', [a], 'true'),
    LMSFinish: a => rec('LMSFinish', [a], 'true'),
    LMSGetLastError: () => '0',
    LMSGetErrorString: () => '',
    LMSGetDiagnostic: () => ''
  };
})();
