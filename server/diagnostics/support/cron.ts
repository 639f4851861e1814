// Cron validation close to croniter's: five fields (an optional sixth for seconds), each a list of
// `*`, values, ranges and steps, with month and weekday names; the `@hourly`-style aliases.

const ALIASES = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Field {
  label: string;
  min: number;
  max: number;
  names?: string[];
  nameBase?: number;
}

const FIELDS: Field[] = [
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day of month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { label: 'day of week', min: 0, max: 7, names: DAYS, nameBase: 0 },
  { label: 'second', min: 0, max: 59 },
];

function value(text: string, field: Field): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  return named >= 0 ? named + field.nameBase! : undefined;
}

function itemProblem(item: string, field: Field): string | undefined {
  const m = /^([^/]+)(?:\/(\d+))?$/.exec(item);
  if (!m) return `'${item}' is not valid in the ${field.label} field`;
  const [, range, step] = m;
  if (step !== undefined && Number(step) === 0) return `step 0 in the ${field.label} field`;
  if (range === '*' || range === '?' || /^L$|^\d+[LW#]\d*$|^L?W$/i.test(range)) return undefined;
  for (const bound of range.split('-')) {
    const v = value(bound, field);
    if (v === undefined) return `'${bound}' is not valid in the ${field.label} field`;
    if (v < field.min || v > field.max) return `${v} is out of range for the ${field.label} field (${field.min}-${field.max})`;
  }
  return range.split('-').length > 2 ? `'${range}' is not a valid range` : undefined;
}

/** Why `expr` is not a valid cron expression, or undefined when it is. */
export function cronProblem(expr: string): string | undefined {
  const text = expr.trim();
  if (ALIASES.has(text.toLowerCase())) return undefined;
  const parts = text.split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) return `expected 5 fields, found ${parts.length}`;
  for (let i = 0; i < parts.length; i++) {
    for (const item of parts[i].split(',')) {
      const problem = itemProblem(item, FIELDS[i]);
      if (problem) return problem;
    }
  }
  return undefined;
}
