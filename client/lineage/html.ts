// The lineage webview page: self-contained HTML, CSS and JS under a strict CSP (one nonce, no remote
// content). It draws the layout the extension posts ({ type: 'layout', layout, title, depth }) as SVG
// and posts back { type: 'open', uri }, { type: 'focus', uri } (alt-click), { type: 'toggle', layer }
// and { type: 'depth', depth }.

export function lineageHtml(nonce: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Tinybird lineage</title>
<style nonce="${nonce}">
  body { margin: 0; padding: 0; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
  header { position: sticky; top: 0; z-index: 1; display: flex; gap: 8px; align-items: center; padding: 6px 12px; background: var(--vscode-editor-background); border-bottom: 1px solid var(--vscode-panel-border); }
  header h1 { font-size: 1.05em; margin: 0 12px 0 0; font-weight: 600; }
  header .notes { opacity: 0.75; margin-left: auto; }
  button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 2px 8px; cursor: pointer; }
  button:hover { background: var(--vscode-button-secondaryHoverBackground); }
  #canvas { overflow: auto; }
  .box rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-editorWidget-border, #888); stroke-width: 1; }
  .box.datasource rect { stroke: var(--vscode-charts-blue, #4e8cd6); }
  .box.pipe rect { stroke: var(--vscode-charts-green, #5bb35b); }
  .box.more rect { stroke-dasharray: 4 3; fill: transparent; }
  .box.root rect { stroke-width: 3; }
  .box { cursor: pointer; }
  .box:hover rect, .box.lit rect { fill: var(--vscode-list-hoverBackground); }
  .box .name { font-weight: 600; fill: var(--vscode-foreground); }
  .box .detail { fill: var(--vscode-descriptionForeground); font-size: 0.85em; }
  path.edge { fill: none; stroke: var(--vscode-editorLineNumber-foreground, #888); stroke-width: 1.2; opacity: 0.55; }
  path.edge.lit { stroke: var(--vscode-focusBorder); stroke-width: 2; opacity: 1; }
  .legend { opacity: 0.75; }
</style>
</head>
<body>
<header>
  <h1 id="title">Lineage</h1>
  <button id="zoomOut" title="Zoom out">−</button>
  <button id="zoomIn" title="Zoom in">+</button>
  <button id="fit" title="Fit to window">Fit</button>
  <button id="less" title="Fewer levels">Depth −</button>
  <span id="depth"></span>
  <button id="more" title="More levels">Depth +</button>
  <span class="legend">click: open · alt-click: center on it</span>
  <span class="notes" id="notes"></span>
</header>
<div id="canvas"></div>
<script nonce="${nonce}">
(function () {
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const BOX_WIDTH = 240, BOX_HEIGHT = 40;
  let scale = 1;
  let current;
  const canvas = document.getElementById('canvas');

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
      const g = el('g', { class: 'box ' + b.kind + (b.root ? ' root' : ''), transform: 'translate(' + b.x + ',' + b.y + ')' }, svg);
      el('title', {}, g).textContent = b.label + (b.detail ? ' — ' + b.detail : '');
      el('rect', { width: BOX_WIDTH, height: BOX_HEIGHT, rx: 5 }, g);
      el('text', { x: 10, y: 17, class: 'name' }, g).textContent = b.shortLabel;
      el('text', { x: 10, y: 32, class: 'detail' }, g).textContent = fitText((b.kind === 'more' ? '' : b.kind + ' · ') + b.detail, 40);
      g.addEventListener('click', function (ev) {
        if (b.kind === 'more') vscode.postMessage({ type: 'toggle', layer: b.layer });
        else vscode.postMessage({ type: ev.altKey ? 'focus' : 'open', uri: b.uri });
      });
      g.addEventListener('mouseenter', function () { light(b.id, true); });
      g.addEventListener('mouseleave', function () { light(b.id, false); });
    }
    function light(id, on) {
      for (const p of edges) if (p.getAttribute('data-from') === id || p.getAttribute('data-to') === id) p.classList.toggle('lit', on);
    }
    document.getElementById('title').textContent = current.title;
    document.getElementById('notes').textContent = layout.notes.join(' · ');
    document.getElementById('depth').textContent = 'depth ' + current.depth;
  }

  function zoom(factor) { scale = Math.min(3, Math.max(0.2, scale * factor)); if (current) render(); }
  document.getElementById('zoomIn').addEventListener('click', function () { zoom(1.25); });
  document.getElementById('zoomOut').addEventListener('click', function () { zoom(0.8); });
  document.getElementById('fit').addEventListener('click', function () {
    if (!current) return;
    scale = Math.min(1, (window.innerWidth - 20) / current.layout.width, (window.innerHeight - 60) / current.layout.height);
    render();
  });
  document.getElementById('less').addEventListener('click', function () { if (current && current.depth > 1) vscode.postMessage({ type: 'depth', depth: current.depth - 1 }); });
  document.getElementById('more').addEventListener('click', function () { if (current) vscode.postMessage({ type: 'depth', depth: current.depth + 1 }); });
  canvas.addEventListener('wheel', function (ev) {
    if (!ev.ctrlKey) return;
    ev.preventDefault();
    zoom(ev.deltaY < 0 ? 1.1 : 0.9);
  }, { passive: false });
  window.addEventListener('message', function (ev) {
    if (ev.data && ev.data.type === 'layout') {
      current = ev.data;
      render();
      // Centre the focused resource.
      const root = canvas.querySelector('.root');
      if (root) root.scrollIntoView({ block: 'center', inline: 'center' });
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
</script>
</body>
</html>`;
}
