// The part of js-yaml 4 (which ships no types) that the pipe tests use.
declare module 'js-yaml' {
  export function load(text: string, options?: { filename?: string }): unknown;
  export function dump(value: unknown, options?: { lineWidth?: number; noRefs?: boolean; quotingType?: "'" | '"' }): string;
}
