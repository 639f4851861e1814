import { parserRule } from '../support/parserRule';

export const rule = parserRule(
  'schema-syntax',
  'SCHEMA column syntax tb rejects: json path after DEFAULT, DEFAULT/MATERIALIZED after CODEC, NULL, NOT NULL, ALIAS, column TTL, a trailing `#`.',
);
