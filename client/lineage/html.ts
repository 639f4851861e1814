// The lineage webview page: self-contained HTML, CSS and JS under a strict CSP (one nonce, no remote
// content). It draws the layout the extension posts ({ type: 'layout', layout, title, mode, depth,
// recentre }) as SVG, with names set as text (never markup), and posts back { type: 'open', uri, line },
// { type: 'focus', id } (alt-click), { type: 'toggle', layer } and { type: 'depth', direction, depth }.
// The search box only highlights and scrolls: it matches the boxes' full names, those of collapsed
// "+N more" boxes too; Enter centres on the next match.

export function lineageHtml(nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Tinybird lineage</title>
<style nonce="${nonce}">
  html, body { height: 100%; }
  body { margin: 0; padding: 0; display: flex; flex-direction: column; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
  header { flex: none; display: flex; flex-wrap: nowrap; gap: 6px; align-items: center; padding: 4px 8px; white-space: nowrap; overflow: hidden; border-bottom: 1px solid var(--vscode-panel-border); }
  header h1 { font-size: 1.05em; margin: 0 6px 0 0; font-weight: 600; min-width: 4em; overflow: hidden; text-overflow: ellipsis; }
  #notes { opacity: 0.75; padding: 2px 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  #notes:empty { display: none; }
  button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 1px 6px; cursor: pointer; }
  button:hover { background: var(--vscode-button-secondaryHoverBackground); }
  button[aria-pressed="true"] { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
  .group { display: inline-flex; gap: 1px; align-items: center; }
  .group span { margin-right: 3px; opacity: 0.8; }
  .group[hidden] { display: none; }
  input#search { width: 14em; min-width: 6em; flex: 0 1 auto; background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 1px 4px; }
  #found { opacity: 0.75; min-width: 3em; }
  #canvas { flex: 1; overflow: auto; }
  .box rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-editorWidget-border, #888); stroke-width: 1; }
  .box.datasource rect { stroke: var(--vscode-charts-blue, #4e8cd6); }
  .box.pipe rect { stroke: var(--vscode-charts-green, #5bb35b); }
  .box.column rect { stroke: var(--vscode-charts-purple, #a070d0); }
  .box.node rect { stroke: var(--vscode-charts-green, #5bb35b); stroke-dasharray: 2 2; }
  .box.stop rect { stroke: var(--vscode-charts-orange, #d08030); stroke-width: 2; }
  .box.more rect { stroke-dasharray: 4 3; fill: transparent; }
  .box.root rect { stroke-width: 3; }
  .box { cursor: pointer; }
  .box:hover rect, .box.lit rect { fill: var(--vscode-list-hoverBackground); }
  .box.match rect { stroke: var(--vscode-editor-findMatchBorder, var(--vscode-focusBorder)); stroke-width: 3; fill: var(--vscode-editor-findMatchHighlightBackground, var(--vscode-list-hoverBackground)); }
  .box.dim { opacity: 0.3; }
  .box .name { font-weight: 600; fill: var(--vscode-foreground); }
  .box .detail { fill: var(--vscode-descriptionForeground); font-size: 0.85em; }
  path.edge { fill: none; stroke: var(--vscode-editorLineNumber-foreground, #888); stroke-width: 1.2; opacity: 0.55; }
  path.edge.lit { stroke: var(--vscode-focusBorder); stroke-width: 2; opacity: 1; }
</style>
</head>
<body>
<header>
  <h1 id="title">Lineage</h1>
  <input id="search" type="search" placeholder="Search (Enter: next)" aria-label="Search the lineage">
  <span id="found"></span>
  <span class="group" id="up"><span>Up</span><button data-direction="upstream" data-depth="1">1</button><button data-direction="upstream" data-depth="2">2</button><button data-direction="upstream" data-depth="all">all</button></span>
  <span class="group" id="down"><span>Down</span><button data-direction="downstream" data-depth="1">1</button><button data-direction="downstream" data-depth="2">2</button><button data-direction="downstream" data-depth="all">all</button></span>
  <span class="group"><button id="zoomOut" title="Zoom out">−</button><button id="zoomIn" title="Zoom in">+</button><button id="fit" title="Fit to window">Fit</button></span>
</header>
<div id="notes" title="click: open · alt-click: centre on it"></div>
<div id="canvas"></div>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const BOX_WIDTH = 240, BOX_HEIGHT = 40;
  const MIN_AUTO_SCALE = 0.75;
  let scale = 1;
  let current;
  let matches = [];
  let matchAt = -1;
  const canvas = document.getElementById('canvas');
  const search = document.getElementById('search');
  const found = document.getElementById('found');

  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  function fitText(text, max) {
    return text.length > max ? text.slice(0, max - 1) + '…' : text;
  }

  function render() {
    const layout = current.layout;
    canvas.textContent = '';
    const svg = el('svg', { width: layout.width * scale, height: layout.height * scale, viewBox: '0 0 ' + layout.width + ' ' + layout.height }, canvas);
    const edges = layout.edges.map(function (e) { return el('path', { d: e.d, class: 'edge', 'data-from': e.from, 'data-to': e.to }, svg); });
    for (const b of layout.boxes) {
      const g = el('g', { class: 'box ' + b.kind + (b.root ? ' root' : '') + (b.stop ? ' stop' : ''), transform: 'translate(' + b.x + ',' + b.y + ')', 'data-id': b.id }, svg);
      const more = b.hiddenLabels ? ': ' + b.hiddenLabels.join(', ') : '';
      el('title', {}, g).textContent = b.label + more + (b.detail ? ' — ' + b.detail : '') + (b.stop ? ' — ' + b.stop : '');
      el('rect', { width: BOX_WIDTH, height: BOX_HEIGHT, rx: 5 }, g);
      el('text', { x: 10, y: 17, class: 'name' }, g).textContent = b.shortLabel;
      const kind = b.kind === 'more' || b.kind === 'column' ? '' : b.kind + ' · ';
      el('text', { x: 10, y: 32, class: 'detail' }, g).textContent = fitText(kind + (b.stop || b.detail), 40);
      g.addEventListener('click', function (ev) {
        if (b.kind === 'more') vscode.postMessage({ type: 'toggle', layer: b.layer });
        else if (ev.altKey) vscode.postMessage({ type: 'focus', id: b.id });
        else vscode.postMessage({ type: 'open', uri: b.uri, line: b.line });
      });
      g.addEventListener('mouseenter', function () { light(b.id, true); });
      g.addEventListener('mouseleave', function () { light(b.id, false); });
    }
    function light(id, on) {
      for (const p of edges) if (p.getAttribute('data-from') === id || p.getAttribute('data-to') === id) p.classList.toggle('lit', on);
    }
    document.getElementById('title').textContent = current.title;
    document.getElementById('title').title = current.title;
    document.getElementById('notes').textContent = layout.notes.join(' · ');
    const resource = current.mode === 'resource';
    for (const id of ['up', 'down']) document.getElementById(id).hidden = !resource;
    for (const button of document.querySelectorAll('button[data-direction]')) {
      button.setAttribute('aria-pressed', String(String(current.depth[button.dataset.direction]) === button.dataset.depth));
    }
    highlight();
  }

  function boxOf(id) {
    for (const g of canvas.querySelectorAll('.box')) if (g.getAttribute('data-id') === id) return g;
    return null;
  }

  // Marks the boxes whose name (or a collapsed name) contains the query; dims the others.
  function highlight() {
    const query = search.value.trim().toLowerCase();
    matches = [];
    for (const b of current ? current.layout.boxes : []) {
      const names = [b.label].concat(b.hiddenLabels || []);
      const hit = query !== '' && names.some(function (n) { return n.toLowerCase().indexOf(query) >= 0; });
      if (hit) matches.push(b.id);
      const g = boxOf(b.id);
      if (g) { g.classList.toggle('match', hit); g.classList.toggle('dim', query !== '' && !hit); }
    }
    if (matchAt >= matches.length) matchAt = -1;
    found.textContent = query === '' ? '' : matches.length ? matches.length + ' found' : 'none';
  }

  function centre(g) {
    if (g) g.scrollIntoView({ block: 'center', inline: 'center' });
  }

  search.addEventListener('input', function () { matchAt = -1; highlight(); if (matches.length) centre(boxOf(matches[0])); });
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && matches.length) {
      matchAt = (matchAt + 1) % matches.length;
      centre(boxOf(matches[matchAt]));
      found.textContent = (matchAt + 1) + ' of ' + matches.length;
    } else if (ev.key === 'Escape') {
      search.value = '';
      highlight();
    }
  });

  function zoom(factor) { scale = Math.min(3, Math.max(0.2, scale * factor)); if (current) render(); }
  document.getElementById('zoomIn').addEventListener('click', function () { zoom(1.25); });
  document.getElementById('zoomOut').addEventListener('click', function () { zoom(0.8); });
  function fitScale() {
    return Math.min(1, (canvas.clientWidth - 20) / current.layout.width, (canvas.clientHeight - 20) / current.layout.height);
  }
  document.getElementById('fit').addEventListener('click', function () {
    if (!current) return;
    scale = Math.max(0.2, fitScale());
    render();
  });
  for (const button of document.querySelectorAll('button[data-direction]')) {
    button.addEventListener('click', function () {
      const depth = button.dataset.depth === 'all' ? 'all' : Number(button.dataset.depth);
      vscode.postMessage({ type: 'depth', direction: button.dataset.direction, depth: depth });
    });
  }
  canvas.addEventListener('wheel', function (ev) {
    if (!ev.ctrlKey) return;
    ev.preventDefault();
    zoom(ev.deltaY < 0 ? 1.1 : 0.9);
  }, { passive: false });
  // Until the user scrolls, the focused box stays centred (the panel may still be growing).
  let userScrolled = false;
  canvas.addEventListener('wheel', function () { userScrolled = true; }, { passive: true });
  canvas.addEventListener('mousedown', function () { userScrolled = true; });
  window.addEventListener('resize', function () { if (!userScrolled) centre(canvas.querySelector('.root')); });
  window.addEventListener('message', function (ev) {
    if (ev.data && ev.data.type === 'layout') {
      current = ev.data;
      // A new graph: shrink it (down to 3/4) to show as much as fits, then centre the focused box.
      if (ev.data.recentre) scale = Math.max(MIN_AUTO_SCALE, fitScale());
      render();
      if (ev.data.recentre) { userScrolled = false; centre(canvas.querySelector('.root')); }
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
}
