// Semantic tokens for the names the server resolves: datasources, pipes, nodes and columns. Unresolved
// names get no token, so the grammar's colouring stays and the difference shows.
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { positionAt } from '../parser/lines';
import type { FileFacts } from '../workspace/facts';
import type { FeatureContext } from './context';
import { occurrences, type Occurrence } from '../semantic/symbols';

const TYPES = ['class', 'interface', 'function', 'property'] as const;
const MODIFIERS = ['declaration'] as const;

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

function tokenType(ctx: FeatureContext, o: Occurrence): (typeof TYPES)[number] | undefined {
  switch (o.target.kind) {
    case 'resource': {
      const role = ctx.index.resolve(o.target.name)?.role;
      return role === 'datasource' ? 'class' : role === 'pipe' ? 'interface' : undefined;
    }
    case 'node':
      return 'function';
    case 'column':
    case 'derived':
      return 'property';
    case 'include':
    case 'parameter':
      return undefined;
  }
}

export function semanticTokens(ctx: FeatureContext, file: FileFacts): SemanticTokens {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const o of occurrences(ctx.index, file)) {
    const type = tokenType(ctx, o);
    if (!type) continue;
    const start = positionAt(file.parsed.lineStarts, o.span.start);
    data.push(start.line - line, start.line === line ? start.character - char : start.character, o.span.end - o.span.start, TYPES.indexOf(type), o.declaration ? 1 : 0);
    line = start.line;
    char = start.character;
  }
  return { data };
}
