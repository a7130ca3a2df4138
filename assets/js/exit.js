/* crsv-kit quick exit: "Leave this site" (a[data-quick-exit]) and the
 * Escape key replace the page with a neutral blank one.  location.replace
 * swaps the current history entry, so Back does not return to what the
 * person was reading.  Without JavaScript the link still leaves (as an
 * ordinary link).  Nothing is sent anywhere. */
(function () {
  'use strict';
  function leave(href) {
    document.title = '';
    document.body.hidden = true;   /* nothing stays on screen meanwhile */
    window.location.replace(href);
  }
  document.addEventListener('click', function (e) {
    const a = e.target.closest && e.target.closest('a[data-quick-exit]');
    if (!a) return;
    e.preventDefault();
    leave(a.href);
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    const a = document.querySelector('a[data-quick-exit]');
    if (a) leave(a.href);
  });
})();
