// Python `string.Template.safe_substitute`: `$name` and `${name}` are replaced when defined,
// `$$` becomes `$`, anything else is kept. Also says where each value landed, so that a name built
// from an INCLUDE variable can be traced back to the `VAR=value` argument.
const PATTERN = /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\})/g;

/** A variable replaced by its value: the value's offsets in the substituted text. */
export interface Substitution {
  name: string;
  start: number;
  end: number;
}

export function substituteTracked(text: string, vars: Readonly<Record<string, string | undefined>>): { text: string; substitutions: Substitution[] } {
  const substitutions: Substitution[] = [];
  if (!text.includes('$')) return { text, substitutions };
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PATTERN)) {
    const [match, dollar, name, braced] = m;
    const key = (name ?? braced)!;
    const value = dollar ? '$' : Object.hasOwn(vars, key) ? vars[key] : undefined;
    out += text.slice(last, m.index) + (value ?? match);
    if (!dollar && value !== undefined) substitutions.push({ name: key, start: out.length - value.length, end: out.length });
    last = m.index + match.length;
  }
  return { text: out + text.slice(last), substitutions };
}

/** Python's `string.Template(text).safe_substitute(vars)`, without the tracking. */
export function safeSubstitute(text: string, vars: Readonly<Record<string, string | undefined>>): string {
  return substituteTracked(text, vars).text;
}
