import { parserRule } from '../support/parserRule';

export const rule = parserRule('indexes-syntax', 'An INDEXES line that is not `name expr TYPE type[(args)] [GRANULARITY n]`.');
