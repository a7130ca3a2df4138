/* Drives a SCO page loaded in the iframe #sco, the way a learner would:
 * answers every question right (or wrong, with ?wrong), checks them, asks
 * for the score; then writes what the platform's API received into
 * <pre id="test-result"> as JSON, for run.sh to read from --dump-dom. */
(function () {
  'use strict';
  const wrong = location.search.indexOf('wrong') >= 0;
  const frame = document.getElementById('sco');
  const out = document.getElementById('test-result');
  /* without the stand-in there is no platform: nothing is recorded */
  const api = window.API || { calls: [], data: {} };
  frame.addEventListener('load', () => {
    setTimeout(() => {
      let result;
      try {
        const doc = frame.contentDocument;
        const form = doc.querySelector('form.quiz');
        doc.querySelectorAll('fieldset.question').forEach(q => {
          const inputs = Array.prototype.slice.call(q.querySelectorAll('input'));
          inputs.forEach(i => {
            const right = i.dataset.correct === 'true';
            if (wrong ? !right && !q.querySelector('input:checked') : right) i.click();
          });
          q.querySelector('.check-answer').click();
        });
        form.querySelector('.see-score').click();
        const before = api.calls.length;
        frame.contentWindow.dispatchEvent(new Event('pagehide'));
        result = { calls: api.calls, data: api.data,
                   finishedOnLeave: api.calls.length > before,
                   score: doc.querySelector('.result').textContent };
      } catch (e) {
        result = { error: String(e) };
      }
      out.textContent = JSON.stringify(result);
    }, 200);
  });
})();
