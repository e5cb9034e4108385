// The big-screen board. The server sends every pair of the current and next slots, stacked by
// meet time; this script cuts them into pages of columns that fit the screen it runs on — measured,
// so a long name, a small screen or a portrait one never pushes a row past the edge — and turns the
// pages so every pair is on screen at least once per CYCLE_MS. It also ticks the clock in the
// event's timezone and says "Reconnecting…" while the live stream is down or no fresh board has
// come for a while. #board is replaced by htmx on every update, so state lives here and is
// re-applied to each new copy before it paints.
(function () {
  // every pair is fully on screen at least once in this time, however many pages there are
  var CYCLE_MS = 30000;
  // with few pages, each stays up long enough to find your name
  var MAX_PAGE_MS = 10000;
  // the stream refreshes every minute and polling every 30 s; past this, both are failing
  var STALE_MS = 95000;
  var pageIndex = 0;
  var pageMs = MAX_PAGE_MS;
  var current = null;
  var freshAt = Date.now();
  var streamDown = false;
  var format = null;

  // the stylesheet gives the board exactly one screen only when this script is there to page it
  document.documentElement.classList.add('board-js');

  function formatter(timeZone) {
    var options = { hour: 'numeric', minute: '2-digit' };
    try {
      return new Intl.DateTimeFormat('en-US', Object.assign({ timeZone: timeZone || undefined }, options));
    } catch (e) {
      return new Intl.DateTimeFormat('en-US', options);
    }
  }

  function element(tag, className) {
    var el = document.createElement(tag);
    el.className = className;
    return el;
  }

  function overflows(box) {
    return box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
  }

  /**
   * Lays the rows out again, page by page, column by column, moving a row on as soon as it does
   * not fit; every column starts with the meet time of its first row. Returns the page count.
   */
  function paginate(board) {
    var area = board.querySelector('.board-pairs');
    if (!area) return 0;
    var rows = [];
    var headings = {};
    area.querySelectorAll('.board-slot').forEach(function (slot) {
      var heading = slot.querySelector('h2');
      var time = heading.querySelector('time');
      var key = time ? time.getAttribute('datetime') : heading.textContent;
      if (!headings[key]) headings[key] = heading;
      slot.querySelectorAll('.board-row').forEach(function (row) {
        rows.push({ key: key, row: row });
      });
    });
    if (rows.length === 0) {
      area.classList.remove('is-paged');
      return 0;
    }
    var columns = parseInt(getComputedStyle(area).getPropertyValue('--board-columns'), 10) || 1;
    area.textContent = '';
    area.classList.add('is-paged');

    var pages = [];
    var page = null;
    var column = null;
    var list = null;
    var listKey = null;
    function nextColumn() {
      if (!page || page.children.length >= columns) {
        if (page) page.classList.remove('is-current');
        page = element('div', 'board-page is-current');
        page.setAttribute('data-board-page', String(pages.length + 1));
        area.appendChild(page);
        pages.push(page);
      }
      column = element('div', 'board-column');
      page.appendChild(column);
      list = null;
    }
    function startSlot(key) {
      var slot = element('section', 'board-slot');
      slot.appendChild(headings[key].cloneNode(true));
      list = element('ul', 'board-list');
      slot.appendChild(list);
      column.appendChild(slot);
      listKey = key;
    }

    nextColumn();
    rows.forEach(function (item) {
      if (!list || listKey !== item.key) startSlot(item.key);
      list.appendChild(item.row);
      var alone = column.children.length === 1 && list.children.length === 1;
      if (!alone && overflows(column)) {
        list.removeChild(item.row);
        if (list.children.length === 0) column.removeChild(list.parentNode);
        nextColumn();
        startSlot(item.key);
        list.appendChild(item.row);
      }
    });
    pageMs = Math.min(MAX_PAGE_MS, Math.floor(CYCLE_MS / pages.length));
    // read by people debugging a screen, and by the browser test
    area.setAttribute('data-page-count', String(pages.length));
    area.setAttribute('data-page-ms', String(pageMs));
    return pages.length;
  }

  function showPage(board) {
    var pages = board.querySelectorAll('[data-board-page]');
    if (pageIndex >= pages.length) pageIndex = 0;
    for (var i = 0; i < pages.length; i++) pages[i].classList.toggle('is-current', i === pageIndex);
    var pageNo = board.querySelector('[data-pager]');
    if (pageNo) pageNo.textContent = pages.length > 1 ? 'Page ' + (pageIndex + 1) + ' of ' + pages.length : '';
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
    if (offline) offline.hidden = !streamDown && Date.now() - freshAt < STALE_MS;
  }

  function adopt() {
    var board = document.getElementById('board');
    if (!board || board === current) return;
    current = board;
    freshAt = Date.now();
    format = formatter(board.getAttribute('data-time-zone'));
    paginate(board);
    showPage(board);
    tick();
  }

  function turn() {
    pageIndex += 1;
    if (current) showPage(current);
    setTimeout(turn, pageMs);
  }

  var resizing = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      if (!current) return;
      paginate(current);
      showPage(current);
    }, 200);
  });

  // the sse extension reconnects by itself; meanwhile the screen says its pairs may be behind
  document.addEventListener('htmx:sseError', function () {
    streamDown = true;
    tick();
  });
  document.addEventListener('htmx:sseOpen', function () {
    streamDown = false;
    tick();
  });

  // mutation callbacks run before the browser paints, so a swapped board never flashes all pairs
  new MutationObserver(adopt).observe(document.body, { childList: true, subtree: true });
  adopt();
  setInterval(tick, 1000);
  setTimeout(turn, pageMs);
})();
