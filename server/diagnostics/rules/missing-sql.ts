import { parserRule } from '../support/parserRule';

export const rule = parserRule('missing-sql', 'A node has an empty `SQL >` block, or SQL written on the keyword line.');
