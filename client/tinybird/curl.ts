// "Copy as curl" for a result: the request as a shell command. The token is always the shell variable
// `$TB_TOKEN`, never its value, so the command can be pasted into chats and tickets.
import { requestUrl } from './http';

/** A single-quoted shell word. */
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlCommand(host: string, path: string, params: Record<string, string>): string {
  const url = requestUrl(host, path, Object.entries(params));
  url.searchParams.delete('token');
  return `curl -sS -H "Authorization: Bearer $TB_TOKEN" ${shellQuote(url.toString())}`;
}
