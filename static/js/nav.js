// The main navigation on narrow screens (issue 17): at 700px or less it folds behind the "Menu"
// button (a real <button aria-expanded aria-controls>); without JavaScript the button stays hidden
// and the navigation stays open. Also marks the link of the current page with aria-current.
(function () {
  'use strict';
  function start() {
    var button = document.querySelector('.nav-toggle');
    var nav = button && document.getElementById(button.getAttribute('aria-controls'));
    var here = window.location.pathname;
    document.querySelectorAll('header.top nav a[href]').forEach(function (a) {
      if (a.pathname === here) a.setAttribute('aria-current', 'page');
    });
    if (!button || !nav) return;
    var narrow = window.matchMedia('(max-width: 700px)');
    function setOpen(open) { button.setAttribute('aria-expanded', open ? 'true' : 'false'); }
    button.hidden = false;
    document.documentElement.classList.add('nav-js');
    setOpen(false);
    button.addEventListener('click', function () {
      setOpen(button.getAttribute('aria-expanded') !== 'true');
    });
    // Escape closes an open menu and gives the focus back to its button.
    document.addEventListener('keydown', function (ev) {
      var inside = nav.contains(document.activeElement) || document.activeElement === button;
      if (ev.key === 'Escape' && inside && narrow.matches && button.getAttribute('aria-expanded') === 'true') {
        setOpen(false);
        button.focus();
      }
    });
    // Back to a wide window: the navigation shows in full; folded again when narrow.
    narrow.addEventListener('change', function () { setOpen(false); });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
