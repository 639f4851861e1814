// Go to definition: a datasource or pipe opens its file, a node jumps to its NODE line, a column to
// its SCHEMA entry, an INCLUDE path opens the included file, a template parameter its first use. An output column of a CTE or subquery
// jumps to its origin: the SCHEMA entry of the column it passes on, else the expression computing it.
import type { Location } from 'vscode-languageserver';
import { toRange } from '../lsp/convert';
import type { Span } from '../parser/ast';
import type { FileFacts } from '../workspace/facts';
import { nodeAnchor, type FeatureContext } from './context';
import { columnsOf } from '../semantic/columns';
import { visibleNodes } from '../semantic/model';
import { nameSpanIn } from '../semantic/nameSpan';
import { occurrencesOf } from '../semantic/occurrences';
import { symbolAt } from '../semantic/symbols';

export function definition(ctx: FeatureContext, file: FileFacts, offset: number): Location[] {
  const symbol = symbolAt(ctx.index, file, offset);
  if (!symbol || symbol.kind !== 'target') return [];
  const at = (f: FileFacts, span: Span): Location => ({ uri: ctx.uriOf(f.path), range: toRange(f.parsed.lineStarts, span) });
  const top = { start: 0, end: 0 };
  const columnLocation = (datasource: string, name: string): Location[] => {
    const ds = ctx.index.datasource(datasource);
    const column = columnsOf(ctx.index, datasource)?.get(name);
    return ds && column ? [at(ds, nameSpanIn(ds.parsed.text, column.nameSpan, column.name))] : [];
  };
  const target = symbol.target;
  switch (target.kind) {
    case 'resource':
      return ctx.index.definitions(target.name).map((def) => at(def, top));
    case 'node': {
      const owner = ctx.index.get(target.path);
      const node = owner && visibleNodes(ctx.index, owner).get(target.name)?.node;
      return owner && node ? [at(owner, nodeAnchor(node))] : [];
    }
    case 'column':
      return columnLocation(target.datasource, target.name);
    case 'derived': {
      const { source, expressionSpan } = target.column;
      const found = source && columnLocation(source.datasource, source.name);
      if (found?.length) return found;
      const owner = ctx.index.get(target.path);
      return owner ? [at(owner, expressionSpan)] : [];
    }
    case 'include': {
      const inc = ctx.index.get(target.path);
      return inc ? [at(inc, top)] : [];
    }
    case 'parameter': {
      const pipe = ctx.index.get(target.path);
      const first = pipe && occurrencesOf(ctx.index, target)[0]?.occurrences[0];
      return pipe && first ? [at(pipe, first.span)] : [];
    }
  }
}
