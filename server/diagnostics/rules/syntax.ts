import { parserRule } from '../support/parserRule';

export const rule = parserRule('syntax', 'Other parse errors: byte order mark, unclosed quote, INCLUDE arguments, wrong argument count, several nodes in a datasource.');
