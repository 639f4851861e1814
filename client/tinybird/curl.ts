// "Copy as curl" for a result: the request as a shell command. The token is always the shell variable
// `$TB_TOKEN`, never its value, so the command can be pasted into chats and tickets.

/** A single-quoted shell word. */
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlCommand(host: string, path: string, params: Record<string, string>): string {
  const url = new URL(path, host.endsWith('/') ? host : `${host}/`);
  for (const [k, v] of Object.entries(params)) url.searchParams.append(k, v);
  url.searchParams.delete('token');
  return `curl -sS -H "Authorization: Bearer $TB_TOKEN" ${shellQuote(url.toString())}`;
}
