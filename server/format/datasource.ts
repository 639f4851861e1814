// `.datasource` output (tb 5.14.0 `format_datasource`): fixed section order whatever the source order.
import type { Datafile, DatafileNode } from '../parser/ast';
import { splitLines } from '../parser/lines';
import { renderIndex } from '../parser/indexes';
import { renderColumn } from '../parser/schema';
import { formatEngine, formatHead, INDENT } from './sections';

export function formatDatasource(doc: Datafile): string {
  const node = doc.nodes[0];
  return [
    formatHead(doc),
    formatSchema(node),
    formatIndexes(node),
    formatEngine(node.engine),
    formatIncludeLine(doc.text),
    formatSettings(node, (key) => key.includes('kafka'), "''"),
    formatSettings(node, (key) => key.includes('import_'), ''),
    formatSharedWith(doc),
  ].join('');
}

function formatSchema(node: DatafileNode): string {
  const columns = node.schema?.columns ?? [];
  if (!columns.length) return '';
  return `SCHEMA >\n${columns.map((c) => INDENT + renderColumn(c)).join(',\n')}\n\n`;
}

function formatIndexes(node: DatafileNode): string {
  const indexes = node.indexes?.indexes ?? [];
  if (!indexes.length) return '';
  return `INDEXES >\n${indexes.map((i) => INDENT + renderIndex(i)).join('\n')}\n\n`;
}

/** tb copies the first raw line mentioning both `INCLUDE` and `.incl` (with its own newline), wherever it is. */
function formatIncludeLine(text: string): string {
  const line = splitLines(text).find((l) => l.text.includes('INCLUDE') && l.text.includes('.incl'));
  if (!line) return '';
  return `${line.text}${line.end < text.length ? '\n' : ''}\n`;
}

/** Node settings whose key matches, in source order (`KAFKA_*`, `IMPORT_*`); empty values become `ifEmpty`. */
function formatSettings(node: DatafileNode, select: (key: string) => boolean, ifEmpty: string): string {
  let out = '';
  for (const [key, ref] of node.attrs) {
    if (select(key)) out += `${key.toUpperCase()} ${ref.value || ifEmpty}\n`;
  }
  return out && `${out}\n`;
}

function formatSharedWith(doc: Datafile): string {
  if (!doc.sharedWith.length) return '';
  return `SHARED_WITH >\n${doc.sharedWith.map((w) => INDENT + w).join('\n')}`;
}
