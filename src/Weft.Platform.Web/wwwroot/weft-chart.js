// Draws charts with Apache ECharts (from npm through the build, wwwroot/lib), as SVG, in the page's colours.
import * as echarts from './lib/echarts.esm.min.mjs';

const charts = new WeakMap();

/** Draws (or redraws) the chart in the element from an ECharts option the server built. */
export function render(element, option) {
  let chart = charts.get(element);
  if (!chart) {
    chart = echarts.init(element, null, { renderer: 'svg' });
    charts.set(element, chart);
    new ResizeObserver(() => chart.resize()).observe(element);
  }
  const css = getComputedStyle(element);
  const text = (css.getPropertyValue('--mud-palette-text-primary') || '#222').trim();
  chart.setOption({ textStyle: { color: text }, ...option }, true);
}

export function dispose(element) {
  charts.get(element)?.dispose();
  charts.delete(element);
}
