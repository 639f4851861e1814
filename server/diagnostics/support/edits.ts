// Generic text edits used by quick fixes.
import type { Span } from '../../parser/ast';
import type { Edit } from '../rule';

/** Removes a whole command line (with its line break). */
export function removeLine(text: string, span: Span): Edit {
  const start = text.lastIndexOf('\n', span.start - 1) + 1;
  let end = text.indexOf('\n', span.end);
  end = end < 0 ? text.length : end + 1;
  return { span: { start, end }, newText: '' };
}

/** A deletion and an insertion as non-overlapping edits (merged when they touch). */
export function deleteAndInsert(deletion: Edit, insertion: Edit): Edit[] {
  const at = insertion.span.start;
  if (insertion.span.end === at && (at === deletion.span.start || at === deletion.span.end)) {
    return [{ span: deletion.span, newText: insertion.newText }];
  }
  return [deletion, insertion];
}
