import { parserRule } from '../support/parserRule';

export const rule = parserRule('needs-node', 'SQL, TYPE or another node keyword appears before the first NODE.');
