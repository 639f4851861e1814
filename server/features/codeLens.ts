// Code lenses. Above each node: its type and how many nodes read it (clicking peeks them), then the
// actions the Tinybird commands implement (Run endpoint, Run copy, Show compiled SQL, Push). Above a datasource: its
// writers and readers. Information lenses use `tinybird.showReferences` (uri, position, locations).
import type { CodeLens, Location, Position } from 'vscode-languageserver';
import { positionAt } from '../parser/lines';
import { toRange } from '../lsp/convert';
import type { FileFacts } from '../workspace/facts';
import { publishedNode } from '../semantic/model';
import { snapshotRole } from '../workspace/snapshots';
import { nodeAnchor, type FeatureContext } from './context';
import { localReaders, nodeReaders, occurrencesOf } from '../semantic/occurrences';

const Commands = {
  showReferences: 'tinybird.showReferences',
  runEndpoint: 'tinybird.runEndpoint',
  runCopy: 'tinybird.runCopy',
  runEndpointLocally: 'tinybird.runEndpointLocally',
  runNodeLocally: 'tinybird.runNodeLocally',
  runCopyLocally: 'tinybird.runCopyLocally',
  push: 'tinybird.push',
  showCompiledSql: 'tinybird.showCompiledSql',
} as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function codeLenses(ctx: FeatureContext, file: FileFacts): CodeLens[] {
  if (file.role === 'datasource') return datasourceLenses(ctx, file);
  if (file.role === 'pipe') return pipeLenses(ctx, file);
  return [];
}

function infoLens(uri: string, at: Position, title: string, locations: Location[], range = { start: at, end: at }): CodeLens {
  return {
    range,
    command: locations.length ? { title, command: Commands.showReferences, arguments: [uri, at, locations] } : { title, command: '' },
  };
}

function pipeLenses(ctx: FeatureContext, file: FileFacts): CodeLens[] {
  const uri = ctx.uriOf(file.path);
  const lineStarts = file.parsed.lineStarts;
  const published = publishedNode(ctx.index, file);
  const lenses: CodeLens[] = [];
  file.nodes.forEach((node, i) => {
    if (!node.node.command) return;
    const anchor = nodeAnchor(node);
    const range = toRange(lineStarts, node.node.command.keyword);
    const isPublished = published === node;
    const readers = nodeReaders(ctx.index, file, node, isPublished);
    const distinct = new Set(readers.map((r) => `${r.file.path}#${r.node}`)).size;
    const locations = [
      ...occurrencesOf(ctx.index, { kind: 'node', path: file.path, name: node.name }),
      ...(isPublished ? occurrencesOf(ctx.index, { kind: 'resource', name: file.name }) : []),
    ].flatMap(({ file: f, occurrences }) =>
      occurrences.filter((o) => !o.declaration).map((o) => ({ uri: ctx.uriOf(f.path), range: toRange(f.parsed.lineStarts, o.span) })),
    );
    const type = isPublished && node.type === 'standard' ? 'endpoint (last node)' : node.type;
    const target = node.target ? ` → ${node.target.name}` : '';
    lenses.push(infoLens(uri, positionAt(lineStarts, anchor.start), `${type}${target} · ${plural(distinct, 'reader')}`, locations, range));
    if (isPublished) {
      lenses.push({ range, command: { title: '▶ Run endpoint', command: Commands.runEndpoint, arguments: [uri, node.name] } });
      lenses.push({ range, command: { title: '▶ Run locally', command: Commands.runEndpointLocally, arguments: [uri, node.name] } });
    } else if (node.type === 'copy') {
      lenses.push({ range, command: { title: '▶ Run copy', command: Commands.runCopy, arguments: [uri, node.name] } });
      lenses.push({ range, command: { title: '▶ Run copy locally', command: Commands.runCopyLocally, arguments: [uri, node.name] } });
    } else lenses.push({ range, command: { title: '▶ Run node locally', command: Commands.runNodeLocally, arguments: [uri, node.name] } });
    if (node.node.sql) lenses.push({ range, command: { title: 'Show compiled SQL', command: Commands.showCompiledSql, arguments: [uri, node.name] } });
    if (i === file.nodes.findIndex((n) => n.node.command)) lenses.push({ range, command: { title: 'Push', command: Commands.push, arguments: [uri] } });
  });
  return lenses;
}

function datasourceLenses(ctx: FeatureContext, file: FileFacts): CodeLens[] {
  const uri = ctx.uriOf(file.path);
  const first = file.parsed.commands[0];
  const range = toRange(file.parsed.lineStarts, first ? first.keyword : { start: 0, end: 0 });
  const writers = ctx.index.writersOf(file.name);
  const writerLocations = writers.map((w) => {
    const f = w.via ?? w.file;
    return { uri: ctx.uriOf(f.path), range: toRange(f.parsed.lineStarts, w.node.target!.span) };
  });
  const readers = localReaders(ctx.index, file.name);
  const readerLocations = readers.map((r) => {
    const f = r.via ?? r.file;
    return { uri: ctx.uriOf(f.path), range: toRange(f.parsed.lineStarts, r.read.span) };
  });
  const readingPipes = new Set(readers.map((r) => r.file.path)).size;
  const snapshot = snapshotRole(ctx.index, file.name, ctx.options).multi ? ' · multi-snapshot' : '';
  return [
    infoLens(uri, range.start, `${plural(writers.length, 'writer')}${snapshot}`, writerLocations, range),
    infoLens(uri, range.start, `read by ${plural(readingPipes, 'pipe')}`, readerLocations, range),
    { range, command: { title: 'Push', command: Commands.push, arguments: [uri] } },
  ];
}
