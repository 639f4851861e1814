// Requests whose answer depends on other files: they wait for the scan, and honour `$/cancelRequest`.
// The handlers compute synchronously, so a cancellation is read only between turns of the event
// loop: one turn before the work (a request cancelled while it waited does none) and one after it
// (a request cancelled while it ran gets RequestCancelled instead of a stale answer).
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { Session } from '../session';

export function crossFileRequest<A extends unknown[], R>(session: Session, handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R | ResponseError<void>> {
  return async (...args) => {
    const token = args.find((a): a is CancellationToken => CancellationToken.is(a)) ?? CancellationToken.None;
    await session.whenIndexed();
    await nextTurn();
    if (token.isCancellationRequested) return cancelled();
    const result = await handler(...args);
    await nextTurn();
    return token.isCancellationRequested ? cancelled() : result;
  };
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}
