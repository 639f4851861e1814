import { parserRule } from '../support/parserRule';

export const rule = parserRule('token-arguments', 'TOKEN needs a name and a permission.');
