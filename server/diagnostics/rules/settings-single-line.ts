import { parserRule } from '../support/parserRule';

export const rule = parserRule('settings-single-line', 'A single-line SETTINGS, which tb rejects (use ENGINE_SETTINGS).');
