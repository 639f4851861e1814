// Python `string.Template.safe_substitute`: `$name` and `${name}` are replaced when defined,
// `$$` becomes `$`, anything else is kept.
const PATTERN = /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\})/g;

export function safeSubstitute(text: string, vars: Readonly<Record<string, string | undefined>>): string {
  if (!text.includes('$')) return text;
  return text.replace(PATTERN, (match, dollar: string | undefined, name: string | undefined, braced: string | undefined) => {
    if (dollar) return '$';
    const value = vars[(name ?? braced)!];
    return value === undefined ? match : value;
  });
}
