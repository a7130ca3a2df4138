/* crsv-kit quiz: makes each form.quiz answerable in the page.  Nothing is
 * sent or stored (no network, cookies or storage).  Markup contract:
 * docs/templates.md, "The quiz page".  ES2017, no dependencies.
 * In a SCORM 1.2 page (body[data-scorm]) the score and status also go to
 * the learning platform's API, when one is found; without one the quiz
 * works the same.  A community quiz (data-scored="false") shows no score
 * and no verdict: feedback per question, then a closing message; to a
 * platform it reports "completed" only. */
(function () {
  'use strict';
  const all = (root, sel) => Array.prototype.slice.call(root.querySelectorAll(sel));

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (tag === 'p') e.dir = 'auto';
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /* a visible sign plus words for screen readers: never colour alone */
  function mark(right, words) {
    const m = el('span', 'mark ' + (right ? 'mark-right' : 'mark-wrong'));
    const sign = el('span', 'mark-sign', right ? '\u2713' : '\u2717');
    sign.setAttribute('aria-hidden', 'true');
    m.append(' ', sign, el('span', 'visually-hidden', ' ' + words));
    return m;
  }

  /* SCORM 1.2: the platform's API object is window.API in this window or
   * a parent, or in the opener's chain (run-time environment, 3.3.6.1). */
  function findAPI(win) {
    for (let i = 0; win && i < 16; i++) {
      try { if (win.API) return win.API; } catch (e) { return null; }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  const lms = (function () {
    if (!document.body || !document.body.dataset.scorm) return null;
    let api = findAPI(window);
    try { if (!api && window.opener) api = findAPI(window.opener); } catch (e) { api = null; }
    if (!api || String(api.LMSInitialize('')) !== 'true') return null;
    const status = String(api.LMSGetValue('cmi.core.lesson_status'));
    if (status === 'not attempted' || status === '') {
      /* a module without a quiz is completed by being read */
      const next = document.querySelector('form.quiz') ? 'incomplete' : 'completed';
      api.LMSSetValue('cmi.core.lesson_status', next);
      api.LMSCommit('');
    }
    let finished = false;
    const finish = () => { if (!finished) { finished = true; api.LMSFinish(''); } };
    window.addEventListener('pagehide', finish);
    window.addEventListener('beforeunload', finish);
    return {
      report(percent, passed) {
        api.LMSSetValue('cmi.core.score.min', '0');
        api.LMSSetValue('cmi.core.score.max', '100');
        api.LMSSetValue('cmi.core.score.raw', String(percent));
        api.LMSSetValue('cmi.core.lesson_status', passed ? 'passed' : 'failed');
        api.LMSCommit('');
      },
      /* a community quiz is not an exam: taking part completes it */
      complete() {
        api.LMSSetValue('cmi.core.lesson_status', 'completed');
        api.LMSCommit('');
      }
    };
  })();

  function setup(form) {
    const msg = form.dataset;
    const scored = msg.scored !== 'false';
    const pass = Math.min(100, Math.max(0, parseInt(msg.passPercent, 10) || 100));
    const questions = all(form, '.question');
    const result = form.querySelector('.result');
    const scoreBtn = form.querySelector('.see-score');
    const againBtn = form.querySelector('.try-again');
    if (!questions.length || !result) return;
    const part = (q, sel) => q.querySelector(sel);

    function say(q, text, state) {
      const f = part(q, '.feedback');
      f.textContent = '';
      f.append(el('p', null, text));
      f.className = 'feedback is-' + state;
      f.hidden = false;
      return f;
    }

    /* Check one question: right when exactly the correct choices are chosen.
     * With nothing chosen, `ask` says so and leaves it open; without `ask`
     * (when scoring) it is locked and counted wrong. */
    function check(q, ask) {
      const inputs = all(q, 'input');
      const chosen = inputs.filter(i => i.checked);
      if (!chosen.length && ask) {
        say(q, msg.msgMissing, 'missing').focus();
        return;
      }
      const right = chosen.length > 0 &&
        inputs.every(i => i.checked === (i.dataset.correct === 'true'));
      inputs.forEach(i => {
        const li = i.closest('.choice') || q;
        const label = part(q, 'label[for="' + i.id + '"]');
        const good = i.dataset.correct === 'true';
        i.disabled = true;
        if (good) li.classList.add('is-correct');
        if (i.checked) {
          li.classList.add('is-chosen');
          all(q, '.choice-feedback').forEach(f => {
            if (f.dataset.for === i.id) f.hidden = false;
          });
        }
        if (label && (good || i.checked))
          label.append(mark(good, good ? msg.msgRightAnswer : msg.msgIncorrect));
      });
      const state = right ? 'right' : 'wrong';
      q.dataset.result = state;
      q.classList.add('is-' + state);
      const f = say(q, right ? msg.msgCorrect : msg.msgIncorrect, state);
      const ex = part(q, '.explanation');
      if (ex) ex.hidden = false;
      const b = part(q, '.check-answer');
      if (b) b.hidden = true;
      if (ask) f.focus();
    }

    /* a community quiz ends with a closing message: no score, no verdict */
    function close() {
      result.textContent = '';
      result.className = 'result is-closing';
      result.append(el('p', 'closing', msg.msgClosing));
      if (lms) lms.complete();
    }

    /* unchecked questions are checked first; unanswered ones count wrong */
    function score() {
      questions.forEach(q => { if (!q.dataset.result) check(q, false); });
      if (!scored) {
        close();
        if (againBtn) againBtn.hidden = false;
        return;
      }
      const total = questions.length;
      const right = questions.filter(q => q.dataset.result === 'right').length;
      const passed = right * 100 >= pass * total;
      const num = t => { const n = el('span', 'num', t); n.dir = 'ltr'; return n; };
      const line = el('p', 'score');
      /* the translated pattern places the numbers: "{right} of {total} ..." */
      const values = { right, total, percent: Math.round(right * 100 / total) };
      msg.msgScore.split(/(\{right\}|\{total\}|\{percent\})/).forEach(part => {
        const key = part.replace(/^\{(\w+)\}$/, '$1');
        if (part) line.append(key in values && part !== key ? num(String(values[key])) : part);
      });
      result.textContent = '';
      result.className = 'result is-' + (passed ? 'passed' : 'not-passed');
      result.dataset.right = right;
      result.dataset.total = total;
      result.dataset.passed = passed;
      result.append(line, el('p', 'verdict', passed ? msg.msgPassed : msg.msgNotPassed));
      if (lms) lms.report(values.percent, passed);
      if (againBtn) againBtn.hidden = false;
      if (result.scrollIntoView) result.scrollIntoView({ block: 'nearest' });
    }

    function reset() {
      form.reset();
      all(form, 'input').forEach(i => { i.disabled = false; });
      all(form, '.mark').forEach(m => m.remove());
      all(form, '.choice-feedback, .feedback, .explanation').forEach(n => { n.hidden = true; });
      all(form, '.is-correct, .is-chosen, .is-right, .is-wrong').forEach(n =>
        n.classList.remove('is-correct', 'is-chosen', 'is-right', 'is-wrong'));
      questions.forEach(q => {
        delete q.dataset.result;
        part(q, '.feedback').textContent = '';
        const b = part(q, '.check-answer');
        if (b) b.hidden = false;
      });
      result.textContent = '';
      result.className = 'result';
      if (againBtn) againBtn.hidden = true;
      const first = part(form, 'input');
      if (first) first.focus();
    }

    form.addEventListener('submit', e => e.preventDefault());
    form.addEventListener('click', e => {
      const b = e.target.closest('button');
      if (!b) return;
      if (b.classList.contains('check-answer')) check(b.closest('.question'), true);
      else if (b === scoreBtn) score();
      else if (b === againBtn) reset();
    });
    /* choosing after "Choose an answer first." clears that message */
    form.addEventListener('change', e => {
      const q = e.target.closest('.question');
      const f = q && q.querySelector('.feedback.is-missing');
      if (f) { f.hidden = true; f.className = 'feedback'; }
    });

    all(form, '.check-answer, .see-score').forEach(b => { b.hidden = false; });
    /* the page carries each explanation once, inside the no-JS answer:
     * move it out, to be shown after checking */
    all(form, 'details.answer').forEach(d => {
      const ex = d.querySelector('.explanation');
      if (ex) { ex.hidden = true; d.parentNode.insertBefore(ex, d); }
      d.hidden = true;
    });
    all(document, '.quiz-no-js').forEach(n => { n.hidden = true; });
    all(document, '.quiz-js').forEach(n => { n.hidden = false; });
    form.classList.add('is-ready');
  }

  all(document, 'form.quiz').forEach(setup);
})();
