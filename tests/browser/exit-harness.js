/* Drives the quick exit of a site page loaded in the iframe #site, as a
 * person would: opens `start`, then goes to `page` (a real history entry),
 * then leaves with the "Leave this site" link (via=click) or the Escape key
 * (via=key).  Checks that the frame shows the site's blank.html, that no
 * history entry was added, and that Back returns to `start`, not to `page`.
 * One "ok <check>" or "FAIL <check> :: <why>" line per check goes into
 * <pre id="test-result">, for run.sh to read from --dump-dom. */
(function () {
  'use strict';
  const q = new URLSearchParams(location.search);
  const via = q.get('via') === 'key' ? 'key' : 'click';
  const start = q.get('start') || 'en/index.html';
  const page = q.get('page') || 'en/help.html';
  const frame = document.getElementById('site');
  const out = document.getElementById('test-result');
  const lines = [];
  const url = p => new URL(p, location.href).href;
  const shown = () => { try { return frame.contentWindow.location.href; } catch (e) { return '(' + e.name + ')'; } };
  const name = p => p.replace(/^.*\//, '');
  function check(what, cond, why) {
    lines.push((cond ? 'ok ' : 'FAIL ') + what + (cond ? '' : ' :: ' + why));
    return cond;
  }
  /* the next load of the frame, or false after ms (virtual time, which
   * runs at the real pace while the frame navigates) */
  function loaded(ms) {
    return new Promise(res => {
      const t = setTimeout(() => res(false), ms);
      frame.addEventListener('load', () => { clearTimeout(t); setTimeout(() => res(true), 50); }, { once: true });
    });
  }

  async function main() {
    const label = via === 'key' ? 'Escape on ' + page : '"Leave this site" on ' + page;
    let wait = loaded(30000);
    frame.src = url(start);
    if (!check('the frame opens ' + start, await wait && shown() === url(start), 'shows ' + shown()))
      return;
    const before = history.length;
    wait = loaded(30000);
    frame.contentWindow.location.href = url(page);
    const entered = await wait && shown() === url(page);
    if (!check('going on to ' + page + ' adds a history entry', entered && history.length === before + 1,
      'shows ' + shown() + ', history.length ' + before + ' -> ' + history.length))
      return;
    const length = history.length;
    const doc = frame.contentDocument;
    const link = doc.querySelector('a.quick-exit[data-quick-exit]');
    if (!check(page + ' has the quick-exit link to the site\'s blank.html', link && link.href === url('blank.html'),
      link ? 'href ' + link.href : 'no a.quick-exit[data-quick-exit]'))
      return;
    wait = loaded(30000);
    let defaultPrevented = null;
    if (via === 'key') {
      const target = doc.activeElement || doc.body;
      const ev = new frame.contentWindow.KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true });
      target.dispatchEvent(ev);
    } else {
      doc.addEventListener('click', e => { defaultPrevented = e.defaultPrevented; }, { once: true });
      link.click();
    }
    const left = await wait;
    check(label + ': the frame shows blank.html', left && shown() === url('blank.html'),
      left ? 'shows ' + shown() : 'nothing loaded (still on ' + shown() + ')');
    if (via === 'click')
      check(label + ': the click is handled by exit.js (default prevented)', defaultPrevented === true,
        'defaultPrevented ' + defaultPrevented);
    let blankOk = false, why = '';
    try {
      const b = frame.contentDocument;
      why = 'text "' + b.body.textContent.replace(/\s+/g, ' ').trim().slice(0, 60) + '", ' + b.querySelectorAll('script, img, link, iframe').length +
        ' script/img/link/iframe, title "' + b.title + '"';
      blankOk = b.body.textContent.trim() === '' && !b.querySelector('script, img, link, iframe') &&
        b.title.replace(/[\s\u200b]/g, '') === '';
    } catch (e) { why = String(e); }
    check(label + ': blank.html is empty and neutral', left && blankOk, why);
    check(label + ': history.length did not grow', history.length === length,
      'history.length ' + length + ' -> ' + history.length);
    wait = loaded(30000);
    history.back();
    const back = await wait;
    check(label + ': Back returns to ' + start + ', not ' + name(page), back && shown() === url(start),
      back ? 'Back shows ' + shown() : 'Back loaded nothing (still ' + shown() + ')');
  }

  main().catch(e => check('harness ran', false, String(e && e.stack || e))).then(() => {
    out.textContent = '\n' + lines.join('\n') + '\n';
  });
})();
