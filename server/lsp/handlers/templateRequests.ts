// Requests answered by the template engine: compiled SQL of a node.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { compiledSql } from '../../features/compiledSql';
import { type CompiledSqlParams, Requests } from '../../protocol';
import type { ServerContext } from '../context';

export function registerTemplateRequests(ctx: ServerContext): void {
  ctx.connection.onRequest(Requests.compiledSql, ({ uri, ...request }: CompiledSqlParams) => {
    const file = ctx.session.facts(uri);
    if (!file || file.role !== 'pipe') return new ResponseError(ErrorCodes.InvalidParams, `${uri} is not a .pipe file of this workspace`);
    return compiledSql(ctx.featureContext(file).index, file, request);
  });
}
