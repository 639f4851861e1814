// Strict UTF-8 decoding with the reason Python's decoder (and so tb) gives for the first bad byte.
import { isUtf8 } from 'node:buffer';

const hex = (byte: number): string => `0x${byte.toString(16).padStart(2, '0')}`;

/** The range the byte after a lead byte must be in (the later ones are always 0x80–0xBF). */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function failure(bytes: Uint8Array, start: number, valid: number, reason: string): string {
  const where = valid > 1 ? `bytes in position ${start}-${start + valid - 1}` : `byte ${hex(bytes[start])} in position ${start}`;
  return `'utf-8' codec can't decode ${where}: ${reason}`;
}

/** Why `bytes` is not valid UTF-8, in Python's words, or undefined when it is. */
export function utf8Error(bytes: Uint8Array): string | undefined {
  if (isUtf8(bytes)) return undefined; // native check first: the byte loop below only explains a failure
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i]);
    if (length === 0) return failure(bytes, i, 1, 'invalid start byte');
    let valid = 1;
    for (; valid < length; valid++) {
      const at = i + valid;
      if (at >= bytes.length) return failure(bytes, i, valid, 'unexpected end of data');
      const [low, high] = valid === 1 ? secondByteRange(bytes[i]) : [0x80, 0xbf];
      if (bytes[at] < low || bytes[at] > high) return failure(bytes, i, valid, 'invalid continuation byte');
    }
    i += length;
  }
  return undefined;
}
