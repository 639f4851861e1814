import { templateProblemRule } from '../support/templateRule';

export const rule = templateProblemRule(
  'template-syntax',
  ['template-syntax'],
  'Template syntax errors: unclosed `{{`/`{%`, empty expressions, `else`/`elif` outside their block.',
);
