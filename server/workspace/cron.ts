// Cron expressions as COPY_SCHEDULE uses them (UTC): validation close to croniter's (what tb push
// accepts), and for the usual five-field form a description in words and the next run after a
// given instant. `@on-demand` means "never on its own".

export interface Cron {
  minutes: FieldSet;
  hours: FieldSet;
  days: FieldSet;
  months: FieldSet;
  weekdays: FieldSet;
}

/** The values a field allows, and whether it was `*` (which matters for day-of-month vs weekday). */
export interface FieldSet {
  values: number[];
  any: boolean;
  text: string;
}

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  names?: string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_WORDS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY_WORDS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const SPECS: FieldSpec[] = [
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day of month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { label: 'day of week', min: 0, max: 7, names: DAY_NAMES },
  // croniter also accepts a sixth field, seconds; descriptions only use the first five.
  { label: 'second', min: 0, max: 59 },
];

const MACROS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

/** A field value: a number or a month/day name; undefined when it is neither. */
function fieldValue(text: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  return named >= 0 ? named + (spec.names === MONTH_NAMES ? 1 : 0) : undefined;
}

function parseValue(text: string, spec: FieldSpec): number {
  const n = fieldValue(text, spec);
  if (n === undefined) throw new Error(`invalid value "${text}"`);
  if (n < spec.min || n > spec.max) throw new Error(`${n} is outside ${spec.min}-${spec.max}`);
  return n;
}

function parseField(text: string, spec: FieldSpec, weekday: boolean): FieldSet {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`invalid step "${stepText}"`);
    let lo: number;
    let hi: number;
    if (range === '*') [lo, hi] = [spec.min, weekday ? 6 : spec.max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [lo, hi] = [parseValue(a, spec), parseValue(b, spec)];
      if (lo > hi) throw new Error(`invalid range "${range}"`);
    } else {
      lo = parseValue(range, spec);
      hi = stepText === undefined ? lo : spec.max;
    }
    for (let v = lo; v <= hi; v += step) values.add(weekday && v === 7 ? 0 : v);
  }
  return { values: [...values].sort((a, b) => a - b), any: text === '*', text };
}

/** Parses a cron expression or macro; throws with a readable message when invalid. */
export function parseCron(expression: string): Cron {
  const trimmed = expression.trim();
  const fields = (MACROS[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (fields.length !== 5) throw new Error(`expected 5 fields, got ${fields.length}`);
  const [minutes, hours, days, months, weekdays] = fields.map((f, i) => parseField(f, SPECS[i], i === 4));
  return { minutes, hours, days, months, weekdays };
}

export function isOnDemand(schedule: string | undefined): boolean {
  return !schedule || schedule.trim().toLowerCase() === '@on-demand';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Evenly spaced values from the field's minimum: the step, or undefined. */
function stepOf(field: FieldSet, min: number, span: number): number | undefined {
  const v = field.values;
  if (v.length < 2 || v[0] !== min) return undefined;
  const step = v[1] - v[0];
  if (span % step !== 0 || v.length !== span / step) return undefined;
  return v.every((x, i) => x === min + i * step) ? step : undefined;
}

function list(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function timeOfDay(cron: Cron): string | undefined {
  const { minutes, hours } = cron;
  if (hours.any) {
    if (minutes.any) return 'every minute';
    const step = stepOf(minutes, 0, 60);
    if (step) return `every ${step} minutes`;
    if (minutes.values.length === 1) return minutes.values[0] === 0 ? 'every hour, on the hour' : `every hour at minute ${minutes.values[0]}`;
    return `every hour at minutes ${list(minutes.values.map(String))}`;
  }
  const hourStep = stepOf(hours, 0, 24);
  if (hourStep && minutes.values.length === 1) return `every ${hourStep} hours at minute ${minutes.values[0]}`;
  if (minutes.values.length * hours.values.length > 6) return undefined;
  const times = hours.values.flatMap((h) => minutes.values.map((m) => `${pad(h)}:${pad(m)}`));
  return `at ${list(times)}`;
}

/** A description in words, e.g. `every day at 03:10 UTC`; falls back to the fields when unusual. */
export function describeCron(expression: string): string {
  if (isOnDemand(expression)) return 'on demand only';
  let cron: Cron;
  try {
    cron = parseCron(expression);
  } catch {
    // croniter's extensions (L, W, #, a seconds field) are valid for tb but not described in words.
    const problem = cronProblem(expression);
    return problem ? `invalid schedule (${problem})` : `on the cron schedule ${expression.trim()} (UTC)`;
  }
  const time = timeOfDay(cron) ?? `at minute ${cron.minutes.text} past hour ${cron.hours.text}`;
  const parts: string[] = [time];
  if (!cron.days.any) parts.push(`on day ${list(cron.days.values.map(String))} of the month`);
  if (!cron.weekdays.any) parts.push(`${cron.days.any ? 'on' : 'or on'} ${list(cron.weekdays.values.map((d) => DAY_WORDS[d]))}`);
  if (!cron.months.any) parts.push(`in ${list(cron.months.values.map((m) => MONTH_WORDS[m - 1]))}`);
  const daily = cron.days.any && cron.weekdays.any && cron.months.any && !cron.hours.any;
  return `${daily ? 'every day ' : ''}${parts.join(', ')} (UTC)`;
}

function dayMatches(cron: Cron, d: Date): boolean {
  const dom = cron.days.values.includes(d.getUTCDate());
  const dow = cron.weekdays.values.includes(d.getUTCDay());
  if (cron.days.any || cron.weekdays.any) return (cron.days.any || dom) && (cron.weekdays.any || dow);
  return dom || dow;
}

/** The first run strictly after `now` (UTC), or undefined when there is none within five years. */
export function nextRun(expression: string, now: Date): Date | undefined {
  if (isOnDemand(expression)) return undefined;
  let cron: Cron;
  try {
    cron = parseCron(expression);
  } catch {
    return undefined;
  }
  const t = new Date(now.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  const limit = now.getTime() + 5 * 366 * 24 * 3600 * 1000;
  while (t.getTime() <= limit) {
    if (!cron.months.values.includes(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0);
    } else if (!dayMatches(cron, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0);
    } else if (!cron.hours.values.includes(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0);
    } else if (!cron.minutes.values.includes(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1);
    } else return t;
  }
  return undefined;
}

/** `2025-01-02 03:10 UTC`. */
export function formatUtc(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** Why an item of a field is invalid for croniter (which also takes `?`, `L`, `W` and `#` forms). */
function itemProblem(item: string, spec: FieldSpec): string | undefined {
  const m = /^([^/]+)(?:\/(\d+))?$/.exec(item);
  if (!m) return `'${item}' is not valid in the ${spec.label} field`;
  const [, range, step] = m;
  if (step !== undefined && Number(step) === 0) return `step 0 in the ${spec.label} field`;
  if (range === '*' || range === '?' || /^L$|^\d+[LW#]\d*$|^L?W$/i.test(range)) return undefined;
  const bounds = range.split('-');
  if (bounds.length > 2) return `'${range}' is not a valid range`;
  for (const bound of bounds) {
    const v = fieldValue(bound, spec);
    if (v === undefined) return `'${bound}' is not valid in the ${spec.label} field`;
    if (v < spec.min || v > spec.max) return `${v} is out of range for the ${spec.label} field (${spec.min}-${spec.max})`;
  }
  return undefined;
}

/** Why `expression` is not a cron expression tb push accepts, or undefined when it is valid. */
export function cronProblem(expression: string): string | undefined {
  const text = expression.trim();
  if (text.toLowerCase() in MACROS) return undefined;
  const fields = text.split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return `expected 5 fields, found ${fields.length}`;
  for (let i = 0; i < fields.length; i++) {
    for (const item of fields[i].split(',')) {
      const problem = itemProblem(item, SPECS[i]);
      if (problem) return problem;
    }
  }
  return undefined;
}
