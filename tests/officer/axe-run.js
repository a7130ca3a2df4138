/* axe-run.js - run axe-core (WCAG 2.0/2.1 A and AA rules) on the page it
 * is injected into and write the violations into the page as JSON, for
 * the test to read from Chromium's --dump-dom (tests/officer/run.sh). */
(function () {
  'use strict';
  var tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  axe.run(document, { runOnly: { type: 'tag', values: tags } }).then(function (r) {
    var out = r.violations.map(function (v) {
      return { id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }) };
    });
    var pre = document.createElement('pre');
    pre.id = 'axe-result';
    pre.textContent = JSON.stringify({ passes: r.passes.length, violations: out });
    document.body.appendChild(pre);
  }, function (err) {
    var pre = document.createElement('pre');
    pre.id = 'axe-result';
    pre.textContent = JSON.stringify({ error: String(err) });
    document.body.appendChild(pre);
  });
})();
