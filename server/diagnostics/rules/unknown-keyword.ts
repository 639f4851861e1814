import { parserRule } from '../support/parserRule';

export const rule = parserRule('unknown-keyword', 'A line starts with a word that is not a datafile keyword (`X is not a valid option`).');
