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

// The desk screen's QR refreshes itself (htmx on #desk-qr). When a refresh fails, the code on screen
// may be stale and phones probably can't reach the server either: the desk says so, tries again
// every few seconds instead of every 20, and is itself again with the first fresh code. Meanwhile
// its buttons stay put, so nobody lands on the browser's error page with no way back.
(function () {
  var desk = document.querySelector('[data-desk]');
  if (!desk) return;
  var notice = desk.querySelector('[data-desk-offline]');
  var RETRY_MS = 5000;
  var retry = null;

  function retryNow() {
    var qr = document.getElementById('desk-qr');
    if (qr && window.htmx) window.htmx.trigger(qr, 'desk:retry');
  }

  function setOffline(offline) {
    desk.classList.toggle('is-offline', offline);
    if (notice) notice.hidden = !offline;
    if (offline && !retry) retry = setInterval(retryNow, RETRY_MS);
    if (!offline && retry) {
      clearInterval(retry);
      retry = null;
    }
  }

  function fromQr(event) {
    return event.target && event.target.id === 'desk-qr';
  }

  ['htmx:sendError', 'htmx:responseError', 'htmx:timeout'].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (fromQr(event)) setOffline(true);
    });
  });
  // htmx:load fires on each piece of new content: a fresh code has arrived
  document.addEventListener('htmx:load', function (event) {
    if (fromQr(event)) setOffline(false);
  });
  desk.addEventListener('click', function (event) {
    if (!desk.classList.contains('is-offline')) return;
    if (!event.target.closest || !event.target.closest('a')) return;
    event.preventDefault();
    retryNow();
  });
})();
