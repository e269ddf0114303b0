// Draws a plan as a Gantt chart with Frappe Gantt (from npm through the build, wwwroot/lib). Dragging a bar tells the
// component its new dates; the server decides what they mean and redraws.
import Gantt from './lib/frappe-gantt.es.js';

let styled = false;
// Per element: whether a button is held down on the chart, and the drawing that waits for it to be released.
const charts = new WeakMap();

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

function chartOf(element) {
  let chart = charts.get(element);
  if (chart) return chart;
  chart = { pressed: false, waiting: null };
  element.addEventListener('mousedown', () => { chart.pressed = true; }, true);
  chart.release = () => {
    if (!chart.pressed) return;
    chart.pressed = false;
    const waiting = chart.waiting;
    chart.waiting = null;
    // After the chart's own release handlers, which report the drag that just ended.
    if (waiting) setTimeout(() => draw(element, ...waiting), 0);
  };
  document.addEventListener('mouseup', chart.release);
  charts.set(element, chart);
  return chart;
}

const SVG = 'http://www.w3.org/2000/svg';

// Marks a task's day (its forecast finish, say) on its row: a line at the end of that day, named by a tooltip.
function mark(gantt, task) {
  const bar = gantt.get_bar(task.id);
  if (!bar || !task.marker) return;
  const days = Math.round((Date.parse(task.marker) - Date.parse(task.start)) / 86400000) + 1;
  const x = bar.$bar.getX() + days * gantt.config.column_width;
  const y = bar.$bar.getY();
  const height = bar.$bar.getHeight();
  const group = document.createElementNS(SVG, 'g');
  group.setAttribute('class', 'weft-gantt-marker');
  const line = document.createElementNS(SVG, 'line');
  line.setAttribute('x1', x); line.setAttribute('x2', x);
  line.setAttribute('y1', y - 4); line.setAttribute('y2', y + height + 4);
  const tip = document.createElementNS(SVG, 'path');
  tip.setAttribute('d', `M ${x - 5} ${y - 9} L ${x + 5} ${y - 9} L ${x} ${y - 3} Z`);
  const title = document.createElementNS(SVG, 'title');
  title.textContent = task.markerLabel ?? task.marker;
  group.append(title, line, tip);
  bar.group.appendChild(group);
}

function draw(element, tasks, component, editable) {
  element.replaceChildren();
  const gantt = new Gantt(element, tasks.map(t => ({
    id: t.id, name: t.name, start: t.start, end: t.end, progress: t.progress, custom_class: t.cssClass ?? '',
  })), {
    view_mode: 'Day',
    readonly: !editable,
    readonly_progress: true,
    today_button: false,
    view_mode_select: false,
    // The chart spans the plan and a week either side; endless padding added a month the plan does not reach, and the
    // chart's sticky month label then named that month over the first days.
    infinite_padding: false,
    // A hover popup opens 200 ms after the pointer enters a bar, also in the middle of a drag that began sooner; it then
    // sits under the pointer and swallows the drag's moves and its release. A click popup never races a drag.
    popup_on: 'click',
    on_date_change: (task, start, end) => component.invokeMethodAsync('DatesChanged', task.id, day(start), day(end)),
  });
  for (const task of tasks) mark(gantt, task);
}

// Draws the chart, or, while a bar is being dragged (a live update arriving mid-drag), keeps the newest drawing until
// the button is released: redrawing under the pointer would drop the drag.
export function render(element, tasks, component, editable) {
  style();
  const chart = chartOf(element);
  if (chart.pressed) {
    chart.waiting = [tasks, component, editable];
    return;
  }
  draw(element, tasks, component, editable);
}

export function dispose(element) {
  if (!element) return;
  const chart = charts.get(element);
  if (chart) document.removeEventListener('mouseup', chart.release);
  charts.delete(element);
  element.replaceChildren();
}
