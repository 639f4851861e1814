import { templateProblemRule } from '../support/templateRule';

export const rule = templateProblemRule(
  'template-block',
  ['template-unclosed', 'template-extra-end'],
  'A template block (`{% if %}`, `{% for %}`…) without its `{% end %}`, or an `{% end %}` that closes nothing.',
);
