// TOKEN lines at push time (reference §6.2): a new token gets the scope, an existing one keeps its old scopes plus the new one.
import type { TinybirdApi } from './api';
import type { TokenGrant } from './serverApi';

export async function grantTokens(api: TinybirdApi, grants: TokenGrant[], scopeType: 'DATASOURCES' | 'PIPES', resource: string, signal: AbortSignal) {
  if (!grants.length) return;
  const existing = (await api.tokens(signal)).tokens;
  for (const grant of grants) {
    const scope = `${scopeType}:${grant.permission}:${resource}`;
    const token = existing.find((t) => t.name === grant.name);
    if (!token) {
      await api.createToken(grant.name, scope, scopeType === 'PIPES' ? 'P' : 'DS', resource, signal);
      continue;
    }
    const old = token.scopes.map((s) => (s.resource ? `${s.type}:${s.resource}` : s.type));
    if (!old.includes(scope)) await api.alterToken(grant.name, [...old, scope], signal);
  }
}
