// Kiosk pages return to the desk QR after a minute without input, so the next person starts fresh
// and nobody reads the previous person's answers. The countdown is visible and any touch resets it.
(function () {
  var bar = document.querySelector('[data-kiosk-idle]');
  if (!bar) return;
  var total = parseInt(bar.getAttribute('data-kiosk-idle'), 10) || 60;
  var home = bar.getAttribute('data-kiosk-home') || '/';
  var out = bar.querySelector('[data-kiosk-seconds]');
  var left = total;
  function reset() { left = total; if (out) out.textContent = String(left); }
  ['input', 'keydown', 'pointerdown', 'touchstart', 'scroll', 'change'].forEach(function (type) {
    window.addEventListener(type, reset, { passive: true, capture: true });
  });
  setInterval(function () {
    left -= 1;
    if (out) out.textContent = String(Math.max(left, 0));
    if (left <= 0) window.location.replace(home);
  }, 1000);
})();
