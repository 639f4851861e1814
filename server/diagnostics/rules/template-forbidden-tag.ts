import { templateProblemRule } from '../support/templateRule';

export const rule = templateProblemRule(
  'template-forbidden-tag',
  ['template-forbidden', 'template-unknown'],
  'A template tag Tinybird rejects (`extends`, `include`, `import`, `raw`, `block`…) or an unknown operator.',
);
