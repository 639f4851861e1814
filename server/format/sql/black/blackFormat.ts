/** Placeholder: returns the code unchanged. */
export function formatPythonCode(code: string, _lineLength: number): string | null {
  return code;
}
