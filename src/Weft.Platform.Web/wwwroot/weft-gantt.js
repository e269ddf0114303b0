// Draws a plan as a Gantt chart with Frappe Gantt (from npm through the build, wwwroot/lib). Dragging a bar tells the
// component its new dates; the server decides what they mean and redraws.
import Gantt from './lib/frappe-gantt.es.js';

let styled = false;
const drawn = new WeakMap();

function style() {
  if (styled) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('./lib/frappe-gantt.css', import.meta.url).href;
  document.head.appendChild(link);
  styled = true;
}

// A date as the calendar day the person sees (the bars are whole days).
function day(date) {
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function render(element, tasks, component, editable) {
  style();
  element.replaceChildren();
  const gantt = new Gantt(element, tasks.map(t => ({
    id: t.id, name: t.name, start: t.start, end: t.end, progress: t.progress, custom_class: t.cssClass ?? '',
  })), {
    view_mode: 'Day',
    readonly: !editable,
    readonly_progress: true,
    today_button: false,
    view_mode_select: false,
    popup_on: 'hover',
    on_date_change: (task, start, end) => component.invokeMethodAsync('DatesChanged', task.id, day(start), day(end)),
  });
  drawn.set(element, gantt);
}

export function dispose(element) {
  if (!element) return;
  drawn.delete(element);
  element.replaceChildren();
}
