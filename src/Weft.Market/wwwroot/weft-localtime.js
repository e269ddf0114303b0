// Shows each <time data-local datetime="…Z"> inside an element in this browser's time zone (the page writes UTC beside it).
export function show(root) {
  if (!root) return;
  for (const t of root.querySelectorAll('time[data-local]')) {
    const when = new Date(t.getAttribute('datetime'));
    if (isNaN(when)) continue;
    const text = when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    if (t.textContent !== text) t.textContent = text;
  }
}
