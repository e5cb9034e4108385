// The big-screen board: shows one page of pairs at a time (all pages are in the HTML, stacked
// without JavaScript), ticks the clock every second in the event's timezone, and says so when
// no fresh board has arrived for a while (stream and polling both down). #board is replaced by
// htmx on every update, so state lives here and is re-applied to each new copy before it paints.
(function () {
  var PAGE_MS = 10000;
  // the stream refreshes every minute and polling every 30 s; past this, both are failing
  var STALE_MS = 95000;
  var pageIndex = 0;
  var current = null;
  var freshAt = Date.now();
  var format = null;

  function formatter(timeZone) {
    var options = { hour: 'numeric', minute: '2-digit' };
    try {
      return new Intl.DateTimeFormat('en-US', Object.assign({ timeZone: timeZone || undefined }, options));
    } catch (e) {
      return new Intl.DateTimeFormat('en-US', options);
    }
  }

  function showPage(board) {
    var pages = board.querySelectorAll('[data-board-page]');
    // not on #board itself: htmx's settle step resets the swapped element's own attributes
    var list = board.querySelector('.board-pairs');
    if (list) list.classList.toggle('is-paged', pages.length > 1);
    if (pageIndex >= pages.length) pageIndex = 0;
    for (var i = 0; i < pages.length; i++) pages[i].classList.toggle('is-current', i === pageIndex);
  }

  function tick() {
    var board = current;
    if (!board) return;
    var clock = board.querySelector('[data-board-clock]');
    if (clock && format) {
      var now = new Date();
      clock.textContent = format.format(now).replace(/\u202f/g, ' ');
      clock.setAttribute('datetime', now.toISOString());
    }
    var offline = board.querySelector('[data-board-offline]');
    if (offline) offline.hidden = Date.now() - freshAt < STALE_MS;
  }

  function adopt() {
    var board = document.getElementById('board');
    if (!board || board === current) return;
    current = board;
    freshAt = Date.now();
    format = formatter(board.getAttribute('data-time-zone'));
    showPage(board);
    tick();
  }

  // mutation callbacks run before the browser paints, so a swapped board never flashes all pages
  new MutationObserver(adopt).observe(document.body, { childList: true, subtree: true });
  adopt();
  setInterval(tick, 1000);
  setInterval(function () {
    pageIndex += 1;
    if (current) showPage(current);
  }, PAGE_MS);
})();
