// Schema helpers: what a column's ClickHouse type allows.
import type { Column } from '../../parser/ast';

/** The type with `LowCardinality(…)` removed (Nullable is already removed by the parser). */
export function baseType(column: Column): string {
  const m = /^LowCardinality\((.*)\)$/is.exec(column.type.trim());
  return (m ? m[1] : column.type).trim();
}

/** `canBeUsedAsVersion`: numbers, Date/Date32/DateTime/DateTime64; never Nullable. */
export function canBeVersion(column: Column): boolean {
  if (column.nullable || /^Nullable\(/i.test(baseType(column))) return false;
  return /^(U?Int(8|16|32|64|128|256)|Float(32|64)|Date|Date32|DateTime|DateTime64)\b/.test(baseType(column));
}

export function isDateType(type: string): boolean {
  return /^(Date|Date32|DateTime|DateTime64)\b/.test(type.trim());
}

/** A column written with a DEFAULT or MATERIALIZED expression (or nullable, so it defaults to NULL). */
export function hasDefault(column: Column): boolean {
  return !!column.defaultValue || column.nullable;
}
