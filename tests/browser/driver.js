/* Browser test of assets/js/quiz.js, injected into a generated quiz page by
 * tests/browser/run.sh.  It drives the page as a person would (clicks on
 * labels, inputs and buttons), checks what the page shows, and writes one
 * line per case into <pre id="test-log"> and a summary into
 * <pre id="test-result">, which run.sh reads from chromium's --dump-dom.
 *
 * run.sh loads expect.js first: window.CRSV_EXPECT says which kind of quiz
 * the page must be (mode "scored" or "community") and, for a community quiz,
 * the UI strings it must show in the page's language.  The mode comes from
 * the test, not from the page, so a community page that lost its
 * data-scored="false" fails instead of being tested as a scored one.
 *
 * It runs before the deferred quiz.js, so it first installs spies that record
 * any attempt to store or send something. */
(function () {
  'use strict';
  const expect = window.CRSV_EXPECT || { mode: 'scored' };
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

  /* the parts of the page's quiz form, for both kinds of quiz */
  function quizPage() {
    const form = document.querySelector('form.quiz');
    return {
      form,
      qs: form ? all(form, 'fieldset.question') : [],
      msg: form ? form.dataset : {},
      scoreBtn: form && form.querySelector('.see-score'),
      againBtn: form && form.querySelector('.try-again'),
      result: form && form.querySelector('.result')
    };
  }
  const inputs = q => all(q, 'input');
  const good = i => i.dataset.correct === 'true';
  const labelOf = i => document.querySelector('label[for="' + i.id + '"]');
  const checkBtn = q => q.querySelector('.check-answer');
  const feedback = q => q.querySelector('.feedback');
  /* choose by clicking the label and the input itself in turn */
  function chooser() {
    let n = 0;
    return i => { if (!i.checked) (n++ % 2 ? i : labelOf(i)).click(); };
  }

  /* "Check" with nothing chosen asks for an answer and leaves it open */
  function asksForAnswer(q, missing, choose) {
    checkBtn(q).click();
    eq(text(feedback(q)), missing, 'message');
    assert(document.activeElement === feedback(q), 'focus on the feedback');
    assert(inputs(q).every(i => !i.disabled), 'still open');
    choose(inputs(q)[0]);
    assert(!visible(feedback(q)), 'message cleared on choosing');
    inputs(q)[0].checked = false;
  }

  /* the form follows the page's direction: inputs at the start side */
  function mirrored(form, qs) {
    const dir = document.documentElement.dir || 'ltr';
    eq(getComputedStyle(form).direction, dir, 'form direction');
    const i = inputs(qs[0])[0];
    const box = i.getBoundingClientRect(), lab = labelOf(i).getBoundingClientRect();
    const atStart = dir === 'rtl' ? box.right > lab.left + lab.width / 2 : box.left < lab.left + lab.width / 2;
    assert(atStart, 'the input sits at the start side of its label');
  }

  function main() {
    const { form, qs, msg, scoreBtn, againBtn, result } = quizPage();
    const pass = form ? parseInt(msg.passPercent, 10) : 0;
    const choose = chooser();

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
    run('checking with no answer asks for one', () => asksForAnswer(qs[0], msg.msgMissing, choose));
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
    run('direction: choices mirror with the page', () => mirrored(form, qs));
    run('nothing sent or stored', nothingSent);
    report();
  }

  function nothingSent() {
    eq(attempts.join(','), '', 'storage, cookie or network calls');
    eq(document.cookie, '', 'document.cookie');
    if (storedBefore >= 0) eq(localStorage.length, storedBefore, 'localStorage length');
    const remote = performance.getEntriesByType('resource').filter(r => !/^file:/.test(r.name));
    eq(remote.map(r => r.name).join(' '), '', 'non-file resources');
  }

  function report() {
    const failed = results.filter(r => r.indexOf('FAIL') === 0).length;
    const log = document.createElement('pre');
    log.id = 'test-log';
    log.textContent = '\n' + results.join('\n') + '\n';
    const out = document.createElement('pre');
    out.id = 'test-result';
    out.textContent = 'quiz: ' + (results.length - failed) + ' passed, ' + failed + ' failed';
    document.body.append(log, out);
  }

  /* A community quiz (audience community, data-scored="false") is not an
   * exam: no pass mark, a kind reply to a wrong answer next to that choice's
   * own feedback, a "Finish" button and a closing message with no score and
   * no verdict.  The strings come from CRSV_EXPECT (ui.yaml, or the page
   * language's catalogue). */
  function community() {
    const E = expect;
    const { form, qs, msg, scoreBtn, againBtn, result } = quizPage();
    const choose = chooser();
    const choiceFeedback = i => i.closest('fieldset').querySelector('.choice-feedback[data-for="' + i.id + '"]');
    /* score and verdict words, in the page language and in the source */
    const forbidden = (E.forbidden || []).filter(s => s);
    const digits = /[0-9\u0660-\u0669\u06f0-\u06f9%]/;

    function noVerdict(where, t) {
      forbidden.forEach(w => assert(t.indexOf(w) < 0, where + ' contains "' + w + '": "' + t + '"'));
    }
    function answer(q, pick) {
      inputs(q).filter(pick).forEach(choose);
      checkBtn(q).click();
    }
    function expectChecked(q, right) {
      const f = feedback(q);
      assert(visible(f), q.id + ': feedback shown');
      eq(text(f), right ? E.correct : E.incorrect, q.id + ': feedback text');
      assert(document.activeElement === f, q.id + ': focus on the feedback');
      assert(inputs(q).every(i => i.disabled), q.id + ': inputs disabled');
      assert(visible(q.querySelector('.explanation')), q.id + ': explanation shown');
      assert(!visible(checkBtn(q)), q.id + ': check button hidden after checking');
      inputs(q).forEach(i => {
        const m = labelOf(i).querySelector('.mark-right');
        if (good(i)) assert(m && visible(m), i.id + ': right choice marked');
        else assert(!m, i.id + ': wrong choice not marked right');
        const fb = choiceFeedback(i);
        if (fb) assert(visible(fb) === i.checked, i.id + ': its feedback shown only when chosen');
      });
      noVerdict(q.id, text(q));
    }
    /* "Finish": exactly the closing message, nothing that scores */
    function expectClosing(what) {
      scoreBtn.click();
      const t = text(result);
      eq(t, E.closing, what + ': result text');
      eq(result.className, 'result is-closing', what + ': result class');
      assert(!digits.test(t), what + ': digits or % in the result: "' + t + '"');
      noVerdict(what + ': result', t);
      noVerdict(what + ': form', text(form));
      ['right', 'total', 'passed'].forEach(k =>
        assert(!(k in result.dataset), what + ': result has data-' + k));
      eq(result.querySelectorAll('.score, .verdict, .num').length, 0, what + ': score or verdict elements');
      assert(!/is-(not-)?passed/.test(result.className), what + ': passed class');
      assert(qs.every(q => inputs(q).every(i => i.disabled)), what + ': every question locked');
      assert(visible(againBtn), what + ': try again shown');
      eq(text(againBtn), E.tryAgain, what + ': try again text');
    }
    function tryAgain() {
      againBtn.click();
      assert(qs.every(q => inputs(q).every(i => !i.checked && !i.disabled)), 'reset: inputs cleared and enabled');
      assert(qs.every(q => !visible(feedback(q)) && visible(checkBtn(q))), 'reset: feedback hidden');
      assert(all(form, '.choice-feedback').every(f => !visible(f)), 'reset: choice feedback hidden');
      assert(all(form, '.explanation').every(x => !visible(x)), 'reset: explanations hidden');
      assert(all(form, '.mark').length === 0, 'reset: marks removed');
      eq(text(result), '', 'reset: result empty');
      eq(result.className, 'result', 'reset: result class');
      assert(!visible(againBtn), 'reset: try again hidden');
      assert(visible(scoreBtn), 'reset: finish shown');
      assert(document.activeElement === inputs(qs[0])[0], 'reset: focus on the first choice');
    }
    /* the wrong choices of q, round k: each one is tried in some round */
    const wrongs = q => inputs(q).filter(i => !good(i));
    const rounds = Math.max.apply(null, qs.map(q => wrongs(q).length).concat([1]));

    run('community: page structure, no pass mark, button says "' + E.finish + '"', () => {
      assert(form && qs.length > 0, 'a form.quiz with questions');
      eq(form.getAttribute('data-scored'), 'false', 'data-scored');
      assert(!form.hasAttribute('data-pass-percent'), 'no data-pass-percent');
      ['data-msg-score', 'data-msg-passed', 'data-msg-not-passed'].forEach(a =>
        assert(!form.hasAttribute(a), 'no ' + a));
      eq(all(document, '.pass-mark').length, 0, 'pass-mark elements');
      noVerdict('page', text(document.body));
      eq(msg.msgIncorrect, E.incorrect, 'data-msg-incorrect is the community reply');
      eq(msg.msgClosing, E.closing, 'data-msg-closing');
      assert(visible(scoreBtn), 'finish button shown');
      eq(text(scoreBtn), E.finish, 'final button text');
      assert(!visible(againBtn), 'try again hidden');
      qs.forEach(q => {
        assert(q.querySelector('legend'), q.id + ': legend');
        inputs(q).forEach(i => eq(i.labels.length, 1, i.id + ': one label'));
        assert(visible(checkBtn(q)), q.id + ': check button shown');
        assert(!visible(q.querySelector('details.answer')), q.id + ': details hidden');
        wrongs(q).forEach(i => assert(choiceFeedback(i), i.id + ': wrong choice has its own feedback'));
      });
      eq(result.getAttribute('role'), 'status', 'result role');
      eq(result.getAttribute('aria-live'), 'polite', 'result aria-live');
      eq(text(result), '', 'result empty');
      assert(all(document, '.quiz-no-js').every(p => !visible(p)), 'no-JS intro hidden');
      const intro = all(document, '.quiz-js');
      assert(intro.length > 0 && intro.every(visible), 'JS intro shown');
      eq(text(intro[0]), E.intro, 'JS intro text');
    });
    run('community: checking with no answer asks for one', () => asksForAnswer(qs[0], E.missing, choose));
    for (let k = 0; k < rounds; k++) {
      run('community: all wrong (round ' + (k + 1) + '): "' + E.incorrect +
          '" and the choice\'s own feedback, then "' + E.finish + '" shows only the closing message', () => {
        qs.forEach(q => {
          const w = wrongs(q)[k % wrongs(q).length];
          answer(q, i => i === w);
          expectChecked(q, false);
          const fb = choiceFeedback(w);
          assert(fb && visible(fb) && text(fb).length > 0, w.id + ': its own feedback shown');
          assert(fb.closest('.choice') === w.closest('.choice'), w.id + ': feedback beside the choice');
          assert(q.classList.contains('is-wrong'), q.id + ': marked wrong');
        });
        expectClosing('all wrong');
      });
      run('community: try again resets (after all wrong, round ' + (k + 1) + ')', tryAgain);
    }
    run('community: all right, then "' + E.finish + '" shows only the same closing message', () => {
      qs.forEach(q => {
        answer(q, good);
        expectChecked(q, true);
        assert(all(q, '.choice-feedback').every(f => !visible(f)), q.id + ': no wrong-choice feedback');
      });
      expectClosing('all right');
    });
    run('community: try again resets (after all right)', tryAgain);
    run('community: "' + E.finish + '" with nothing answered: closing message, each question answered for', () => {
      expectClosing('nothing answered');
      qs.forEach(q => {
        eq(text(feedback(q)), E.incorrect, q.id + ': kind reply');
        assert(visible(q.querySelector('.explanation')), q.id + ': explanation shown');
      });
      tryAgain();
    });
    run('community: single and true-false use radio buttons', () => {
      qs.forEach(q => {
        assert(q.dataset.type !== 'multiple' || inputs(q).every(i => i.type === 'checkbox'), q.id + ': checkboxes');
        if (q.dataset.type !== 'multiple') {
          assert(inputs(q).every(i => i.type === 'radio'), q.id + ': radios');
          eq(inputs(q).filter(good).length, 1, q.id + ': right choices');
        }
        if (q.dataset.type === 'true-false') eq(inputs(q).length, 2, q.id + ': two choices');
      });
    });
    run('community: direction: choices mirror with the page', () => mirrored(form, qs));
    run('community: nothing sent or stored', nothingSent);
    report();
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
    try { (expect.mode === 'community' ? community : main)(); } catch (e) {
      const out = document.createElement('pre');
      out.id = 'test-result';
      out.textContent = 'quiz: 0 passed, 1 failed (' + e.message + ')';
      document.body.append(out);
    }
  });
})();
