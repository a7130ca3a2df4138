/* Browser test of assets/js/quiz.js, injected into a generated quiz page by
 * tests/browser/run.sh.  It drives the page as a person would (clicks on
 * labels, inputs and buttons), checks what the page shows, and writes one
 * line per case into <pre id="test-log"> and a summary into
 * <pre id="test-result">, which run.sh reads from chromium's --dump-dom.
 *
 * It runs before the deferred quiz.js, so it first installs spies that record
 * any attempt to store or send something. */
(function () {
  'use strict';
  const attempts = [];
  const spy = (obj, name, what) => {
    const orig = obj && obj[name];
    if (typeof orig !== 'function') return;
    obj[name] = function () { attempts.push(what); return orig.apply(this, arguments); };
  };
  try { spy(Storage.prototype, 'setItem', 'storage'); } catch (e) { /* none */ }
  spy(window, 'fetch', 'fetch');
  spy(XMLHttpRequest.prototype, 'open', 'xhr');
  spy(navigator, 'sendBeacon', 'beacon');
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get() { return cookie.get.call(document); },
    set(v) { attempts.push('cookie'); cookie.set.call(document, v); }
  });
  let storedBefore = -1;
  try { storedBefore = localStorage.length; } catch (e) { /* file: may deny */ }

  const results = [];
  function run(name, fn) {
    try {
      fn();
      results.push('ok ' + name);
    } catch (e) {
      results.push('FAIL ' + name + ' :: ' + (e && e.message ? e.message : e));
    }
  }
  function assert(cond, what) { if (!cond) throw new Error(what); }
  function eq(a, b, what) { if (a !== b) throw new Error(what + ': got "' + a + '", want "' + b + '"'); }

  const all = (root, sel) => Array.prototype.slice.call(root.querySelectorAll(sel));
  const visible = n => !!n && !n.hidden && n.getClientRects().length > 0;
  const text = n => n.textContent.replace(/\s+/g, ' ').trim();

  function main() {
    const form = document.querySelector('form.quiz');
    const qs = form ? all(form, 'fieldset.question') : [];
    const msg = form ? form.dataset : {};
    const pass = form ? parseInt(msg.passPercent, 10) : 0;
    const scoreBtn = form && form.querySelector('.see-score');
    const againBtn = form && form.querySelector('.try-again');
    const result = form && form.querySelector('.result');
    const inputs = q => all(q, 'input');
    const good = i => i.dataset.correct === 'true';
    const labelOf = i => document.querySelector('label[for="' + i.id + '"]');
    /* alternate between clicking the label and the input itself */
    let n = 0;
    const choose = i => { if (!i.checked) (n++ % 2 ? i : labelOf(i)).click(); };
    const checkBtn = q => q.querySelector('.check-answer');
    const feedback = q => q.querySelector('.feedback');

    function answer(q, pick) {
      inputs(q).filter(pick).forEach(choose);
      checkBtn(q).click();
    }
    function expectChecked(q, right) {
      const f = feedback(q);
      assert(visible(f), q.id + ': feedback shown');
      eq(text(f), right ? msg.msgCorrect : msg.msgIncorrect, q.id + ': feedback text');
      assert(document.activeElement === f, q.id + ': focus on the feedback (is on ' +
        (document.activeElement && (document.activeElement.id || document.activeElement.className)) + ')');
      assert(inputs(q).every(i => i.disabled), q.id + ': inputs disabled');
      assert(visible(q.querySelector('.explanation')), q.id + ': explanation shown');
      assert(!visible(checkBtn(q)), q.id + ': check button hidden after checking');
      inputs(q).forEach(i => {
        const m = labelOf(i).querySelector('.mark-right');
        if (good(i)) {
          assert(m && visible(m), i.id + ': right choice marked');
          assert(text(m.querySelector('.visually-hidden')) === msg.msgRightAnswer,
            i.id + ': mark has words for screen readers');
        } else {
          assert(!m, i.id + ': wrong choice not marked right');
        }
        const fb = q.querySelector('.choice-feedback[data-for="' + i.id + '"]');
        if (fb) assert(visible(fb) === i.checked, i.id + ': feedback shown only when chosen');
      });
    }
    function expectScore(right, total) {
      scoreBtn.click();
      const percent = Math.round(right * 100 / total);
      const passed = right * 100 >= pass * total;
      const t = text(result);
      const want = msg.msgScore.replace('{right}', right).replace('{total}', total)
        .replace('{percent}', percent);
      assert(t.indexOf(want) === 0, 'score text: got "' + t + '", want it to start "' + want + '"');
      assert(t.indexOf(passed ? msg.msgPassed : msg.msgNotPassed) > 0, 'pass/fail text in "' + t + '"');
      eq(result.dataset.passed, String(passed), 'data-passed');
      assert(visible(againBtn), 'try again shown');
    }
    function tryAgain() {
      againBtn.click();
      assert(qs.every(q => inputs(q).every(i => !i.checked && !i.disabled)), 'reset: inputs cleared and enabled');
      assert(qs.every(q => !visible(feedback(q)) && visible(checkBtn(q))), 'reset: feedback hidden');
      assert(all(form, '.mark').length === 0, 'reset: marks removed');
      eq(text(result), '', 'reset: result empty');
      assert(document.activeElement === inputs(qs[0])[0], 'reset: focus on the first choice');
    }

    run('page structure and enhancement', () => {
      assert(form && qs.length > 0, 'a form.quiz with questions');
      assert(pass > 0 && pass <= 100, 'data-pass-percent');
      qs.forEach(q => {
        assert(q.querySelector('legend'), q.id + ': legend');
        inputs(q).forEach(i => eq(i.labels.length, 1, i.id + ': one label'));
        assert(visible(checkBtn(q)), q.id + ': check button shown');
        assert(!visible(q.querySelector('details.answer')), q.id + ': details hidden');
      });
      assert(visible(scoreBtn), 'see-score shown');
      eq(result.getAttribute('role'), 'status', 'result role');
      eq(result.getAttribute('aria-live'), 'polite', 'result aria-live');
      assert(all(document, '.quiz-no-js').every(p => !visible(p)), 'no-JS intro hidden');
      assert(all(document, '.quiz-js').every(visible), 'JS intro shown');
    });
    run('checking with no answer asks for one', () => {
      const q = qs[0];
      checkBtn(q).click();
      eq(text(feedback(q)), msg.msgMissing, 'message');
      assert(document.activeElement === feedback(q), 'focus on the feedback');
      assert(inputs(q).every(i => !i.disabled), 'still open');
      choose(inputs(q)[0]);
      assert(!visible(feedback(q)), 'message cleared on choosing');
      inputs(q)[0].checked = false;
    });
    run('all right: every question right, passed', () => {
      qs.forEach(q => { answer(q, good); expectChecked(q, true); });
      expectScore(qs.length, qs.length);
      assert(result.classList.contains('is-passed'), 'result marked passed');
    });
    run('try again resets the quiz', tryAgain);
    run('all wrong: score 0, not passed', () => {
      qs.forEach(q => { answer(q, i => !good(i)); expectChecked(q, false); });
      expectScore(0, qs.length);
      assert(result.classList.contains('is-not-passed'), 'result marked not passed');
      tryAgain();
    });
    run('multiple: only part of the right choices is wrong', () => {
      const q = qs.find(x => x.dataset.type === 'multiple' && inputs(x).filter(good).length > 1);
      assert(q, 'the page has a multiple question with two right choices');
      assert(inputs(q).every(i => i.type === 'checkbox'), 'checkboxes');
      const firstRight = inputs(q).find(good);
      answer(q, i => i === firstRight);
      expectChecked(q, false);
      qs.filter(x => x !== q).forEach(x => { answer(x, good); expectChecked(x, true); });
      expectScore(qs.length - 1, qs.length);
      tryAgain();
    });
    run('multiple: right choices plus a wrong one is wrong', () => {
      const q = qs.find(x => x.dataset.type === 'multiple' && inputs(x).some(i => !good(i)));
      assert(q, 'a multiple question with a wrong choice');
      answer(q, () => true);
      expectChecked(q, false);
      tryAgain();
    });
    run('see my score with nothing answered: all count wrong', () => {
      expectScore(0, qs.length);
      assert(qs.every(q => inputs(q).every(i => i.disabled)), 'every question locked');
      assert(qs.every(q => q.classList.contains('is-wrong')), 'every question wrong');
      tryAgain();
    });
    run('single and true-false use radio buttons', () => {
      qs.filter(q => q.dataset.type !== 'multiple').forEach(q => {
        assert(inputs(q).every(i => i.type === 'radio'), q.id + ': radios');
        assert(inputs(q).filter(good).length === 1, q.id + ': one right choice');
      });
    });
    run('direction: choices mirror with the page', () => {
      const dir = document.documentElement.dir || 'ltr';
      eq(getComputedStyle(form).direction, dir, 'form direction');
      const i = inputs(qs[0])[0];
      const box = i.getBoundingClientRect(), lab = labelOf(i).getBoundingClientRect();
      const atStart = dir === 'rtl' ? box.right > lab.left + lab.width / 2 : box.left < lab.left + lab.width / 2;
      assert(atStart, 'the input sits at the start side of its label');
    });
    run('nothing sent or stored', () => {
      eq(attempts.join(','), '', 'storage, cookie or network calls');
      eq(document.cookie, '', 'document.cookie');
      if (storedBefore >= 0) eq(localStorage.length, storedBefore, 'localStorage length');
      const remote = performance.getEntriesByType('resource').filter(r => !/^file:/.test(r.name));
      eq(remote.map(r => r.name).join(' '), '', 'non-file resources');
    });

    const failed = results.filter(r => r.indexOf('FAIL') === 0).length;
    const log = document.createElement('pre');
    log.id = 'test-log';
    log.textContent = '\n' + results.join('\n') + '\n';
    const out = document.createElement('pre');
    out.id = 'test-result';
    out.textContent = 'quiz: ' + (results.length - failed) + ' passed, ' + failed + ' failed';
    document.body.append(log, out);
  }

  /* #shot: a person part-way through, for screenshots (no assertions) */
  function shot() {
    const qs = all(document, 'fieldset.question');
    const pick = (q, f) => all(q, 'input').filter(f).forEach(i => i.click());
    qs.forEach((q, k) => {
      if (k === qs.length - 1) return;
      pick(q, k % 2 ? (i => i.dataset.correct !== 'true') : (i => i.dataset.correct === 'true'));
      q.querySelector('.check-answer').click();
    });
    document.querySelector('.see-score').click();
    window.scrollTo(0, 0);
  }

  window.addEventListener('load', () => {
    if (location.hash === '#shot') return shot();
    try { main(); } catch (e) {
      const out = document.createElement('pre');
      out.id = 'test-result';
      out.textContent = 'quiz: 0 passed, 1 failed (' + e.message + ')';
      document.body.append(out);
    }
  });
})();
