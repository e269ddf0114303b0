// Draws charts with Apache ECharts (from npm through the build, wwwroot/lib), as SVG, in the page's colours.
import * as echarts from './lib/echarts.esm.min.mjs';

const charts = new WeakMap();

/** ECharts' theme from the page's palette: its own greys are made for a white page and fade on the dark one. */
function themeOf(element) {
  const css = getComputedStyle(element);
  const colour = (name, fallback) => (css.getPropertyValue(name) || fallback).trim();
  const text = colour('--mud-palette-text-primary', '#222');
  const secondary = colour('--mud-palette-text-secondary', '#555');
  const lines = colour('--mud-palette-lines-default', '#ddd');
  const axis = {
    nameTextStyle: { color: secondary },
    axisLabel: { color: secondary },
    axisLine: { lineStyle: { color: secondary } },
    axisTick: { lineStyle: { color: secondary } },
    splitLine: { lineStyle: { color: [lines] } },
  };
  return { textStyle: { color: text }, legend: { textStyle: { color: text } }, categoryAxis: axis, valueAxis: axis };
}

/** Draws (or redraws) the chart in the element from an ECharts option the server built. */
export function render(element, option) {
  let chart = charts.get(element);
  if (!chart) {
    chart = echarts.init(element, themeOf(element), { renderer: 'svg' });
    charts.set(element, chart);
    new ResizeObserver(() => chart.resize()).observe(element);
  }
  chart.setOption(option, true);
}

export function dispose(element) {
  charts.get(element)?.dispose();
  charts.delete(element);
}
