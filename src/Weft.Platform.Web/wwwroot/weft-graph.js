// Draws a graph (a routing, a draft) with Cytoscape.js (laid out left to right by dagre) and keeps its figures current.
// The libraries come from npm through the build (wwwroot/lib); nothing is fetched from elsewhere.
import cytoscape from './lib/cytoscape.esm.min.mjs';
import dagre from './lib/cytoscape-dagre.min.mjs';

cytoscape.use(dagre);

const drawn = new WeakMap();

function palette(element) {
  const css = getComputedStyle(element);
  const read = (name, fallback) => (css.getPropertyValue(name) || '').trim() || fallback;
  return {
    text: read('--mud-palette-text-primary', '#222'),
    line: read('--mud-palette-lines-inputs', '#999'),
    surface: read('--mud-palette-surface', '#fff'),
    primary: read('--mud-palette-primary', '#3949ab'),
    error: read('--mud-palette-error', '#d32f2f'),
  };
}

function elements(model) {
  return [
    ...model.nodes.map(n => ({ group: 'nodes', data: n })),
    ...model.edges.map(e => ({ group: 'edges', data: e })),
  ];
}

function style(colors) {
  return [
    { selector: 'node', style: {
      'shape': 'round-rectangle', 'width': 150, 'height': 58, 'label': 'data(label)', 'text-wrap': 'wrap',
      'text-valign': 'center', 'text-halign': 'center', 'font-size': 12, 'color': colors.text,
      'background-color': colors.surface, 'border-width': 2, 'border-color': colors.line } },
    { selector: 'node[kind = "start"], node[kind = "end"]', style: { 'shape': 'ellipse', 'width': 70, 'height': 40 } },
    { selector: 'node[kind = "decision"], node[kind = "split"], node[kind = "join"]', style: { 'shape': 'diamond', 'width': 90, 'height': 60 } },
    { selector: 'node[?work]', style: { 'border-color': colors.primary } },
    { selector: 'node[?bottleneck]', style: { 'border-color': colors.error, 'border-width': 5 } },
    { selector: 'node[?invalid]', style: { 'border-color': colors.error, 'border-style': 'dashed', 'border-width': 4 } },
    { selector: 'node[?chosen]', style: { 'overlay-color': colors.primary, 'overlay-opacity': 0.18, 'overlay-padding': 6 } },
    { selector: 'edge', style: {
      'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'width': 2, 'line-color': colors.line,
      'target-arrow-color': colors.line, 'label': 'data(label)', 'font-size': 11, 'color': colors.text,
      'text-background-color': colors.surface, 'text-background-opacity': 1 } },
    { selector: 'edge[?invalid]', style: { 'line-color': colors.error, 'target-arrow-color': colors.error, 'line-style': 'dashed', 'width': 3 } },
  ];
}

/** Draws the graph in the element; a tap on a node tells the component which. */
export function render(element, model, component) {
  drawn.get(element)?.destroy();
  const cy = cytoscape({
    container: element,
    elements: elements(model),
    style: style(palette(element)),
    layout: { name: 'dagre', rankDir: 'LR', nodeSep: 30, rankSep: 70 },
    autoungrabify: true,
    boxSelectionEnabled: false,
    wheelSensitivity: 0.3,
  });
  cy.on('tap', 'node', e => component.invokeMethodAsync('NodeChosen', e.target.id()));
  drawn.set(element, cy);
}

/** Changes the figures (labels, bottleneck, chosen node) of the graph already drawn, without laying it out again. */
export function update(element, model) {
  const cy = drawn.get(element);
  if (!cy) return;
  cy.batch(() => {
    for (const n of model.nodes) cy.getElementById(n.id).data(n);
  });
}

export function dispose(element) {
  drawn.get(element)?.destroy();
  drawn.delete(element);
}
