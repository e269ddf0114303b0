// An auction's countdown on the server's clock: the offset (server time less this browser's time) is taken from each
// message the page gets, so a wrong clock on the bidder's computer never shows a wrong time left. The countdown keeps
// running while the page's connection to the server comes back.
const clocks = new WeakMap();

function two(n) { return String(n).padStart(2, '0'); }

function left(ms) {
  if (ms <= 0) return '00:00';
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

function tick(element) {
  const c = clocks.get(element);
  if (!c) return;
  const now = Date.now() + c.offset;
  const target = now < c.startsAt ? c.startsAt : c.endsAt;
  const ms = target - now;
  const phase = c.closed ? 'closed' : now < c.startsAt ? 'scheduled' : ms <= 0 ? 'ended' : ms <= 60_000 ? 'last-minute' : 'open';
  const text = phase === 'closed' ? 'Closed' : phase === 'ended' ? 'Time is up: closing' : phase === 'scheduled' ? `Opens in ${left(ms)}` : `${left(ms)} left`;
  const shown = element.querySelector('[data-countdown-text]');
  if (!shown) return;
  if (shown.textContent !== text) shown.textContent = text;
  if (shown.dataset.phase !== phase) {
    const before = shown.dataset.phase;
    shown.dataset.phase = phase;
    // Announced once, at the changes that matter; not every second.
    const say = element.querySelector('[data-countdown-announce]');
    if (say && before && before !== phase) {
      say.textContent = phase === 'last-minute' ? 'Less than a minute left.' : phase === 'ended' ? 'Time is up; the auction is closing.'
        : phase === 'open' ? 'The auction is open for bids.' : '';
    }
  }
}

/** Starts (or resets) the countdown of the element: times as ISO-8601 UTC, the server's clock at the moment of the message. */
export function set(element, startsAt, endsAt, serverNow, closed) {
  let c = clocks.get(element);
  if (!c) {
    c = {};
    clocks.set(element, c);
    c.timer = setInterval(() => tick(element), 250);
  }
  c.offset = Date.parse(serverNow) - Date.now();
  c.startsAt = Date.parse(startsAt);
  c.endsAt = Date.parse(endsAt);
  c.closed = closed;
  tick(element);
}

export function dispose(element) {
  const c = clocks.get(element);
  if (c) clearInterval(c.timer);
  clocks.delete(element);
}
