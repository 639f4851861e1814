// The lineage view's requests (protocol.ts): a resource's lineage graph and a column's path.
import { columnPath, columnPathAt } from '../../features/columnPath';
import { lineageGraph } from '../../features/lineageGraph';
import { offsetAt } from '../../parser/lines';
import { type ColumnLineageParams, type LineageGraphParams, Requests } from '../../protocol';
import type { ServerContext } from '../context';
import { crossFileRequest } from '../crossFileRequest';

/** Both depend on other files: each waits for the scan (`crossFileRequest`). */
export function registerLineageRequests(ctx: ServerContext): void {
  const { connection, session } = ctx;

  connection.onRequest(Requests.lineageGraph, crossFileRequest(session, ({ uri, upstream, downstream }: LineageGraphParams) => {
    const file = session.facts(uri);
    return file ? lineageGraph(ctx.featureContext(file), file, upstream, downstream) : null;
  }));

  connection.onRequest(Requests.columnLineage, crossFileRequest(session, ({ uri, column, position }: ColumnLineageParams) => {
    const file = session.facts(uri);
    if (!file) return null;
    if (typeof column === 'string') return columnPath(ctx.featureContext(file), file, column);
    return position ? columnPathAt(ctx.featureContext(file), file, offsetAt(file.parsed.lineStarts, file.parsed.text.length, position)) : null;
  }));
}
