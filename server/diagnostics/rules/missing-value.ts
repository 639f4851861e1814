import { parserRule } from '../support/parserRule';

export const rule = parserRule('missing-value', 'A keyword that needs a value has none (node name, DATASOURCE name, ENGINE, TAGS, INCLUDE…).');
