import { parserRule } from '../support/parserRule';

export const rule = parserRule('invalid-version', 'VERSION is not a non-negative integer.');
