// Text put into the extension's webview pages.

/** `text` as HTML text or attribute value: the five characters that could end or open markup, as references. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
