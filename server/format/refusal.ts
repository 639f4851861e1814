// tb fmt fails on this input; the formatter reports it instead of guessing.
export class FormatRefusal extends Error {}

export function refuse(message: string): never {
  throw new FormatRefusal(message);
}
