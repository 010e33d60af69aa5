import type { AsyncBuffer, SchemaTree } from 'hyparquet';
import type { ColumnType, TabularSummary } from './manifest.js';

/**
 * Row count and schema of a Parquet object from its footer alone (hyparquet reads only the
 * metadata, so no page is decompressed and no codec can be missing). Top-level columns only: a
 * struct, list or map column is one column of type object or array.
 */
export async function parquetSummary(file: AsyncBuffer): Promise<TabularSummary> {
  const { parquetMetadataAsync, parquetSchema } = await import('hyparquet');
  const metadata = await parquetMetadataAsync(file);
  const tree = parquetSchema(metadata);
  return {
    format: 'parquet',
    rows: Number(metadata.num_rows),
    columns: tree.children.map((c) => ({ name: c.element.name, type: columnType(c) })),
  };
}

const LOGICAL: Readonly<Record<string, ColumnType>> = {
  STRING: 'string',
  ENUM: 'string',
  JSON: 'string',
  UUID: 'string',
  DATE: 'date',
  TIME: 'time',
  TIMESTAMP: 'timestamp',
  INTEGER: 'integer',
  DECIMAL: 'number',
  FLOAT16: 'number',
  BSON: 'binary',
  NULL: 'empty',
  LIST: 'array',
  MAP: 'object',
};

const CONVERTED: Readonly<Record<string, ColumnType>> = {
  UTF8: 'string',
  ENUM: 'string',
  JSON: 'string',
  DATE: 'date',
  TIME_MILLIS: 'time',
  TIME_MICROS: 'time',
  TIMESTAMP_MILLIS: 'timestamp',
  TIMESTAMP_MICROS: 'timestamp',
  DECIMAL: 'number',
  BSON: 'binary',
  LIST: 'array',
  MAP: 'object',
  MAP_KEY_VALUE: 'object',
};

const PHYSICAL: Readonly<Record<string, ColumnType>> = {
  BOOLEAN: 'boolean',
  INT32: 'integer',
  INT64: 'integer',
  INT96: 'timestamp',
  FLOAT: 'number',
  DOUBLE: 'number',
  BYTE_ARRAY: 'binary',
  FIXED_LEN_BYTE_ARRAY: 'binary',
};

/** The most specific annotation wins: logical type, then converted type, then the physical type. */
function columnType(node: SchemaTree): ColumnType {
  const e = node.element;
  const logical = e.logical_type ? LOGICAL[e.logical_type.type] : undefined;
  if (logical) return logical;
  const converted = e.converted_type ? (CONVERTED[e.converted_type] ?? (/^U?INT_/.test(e.converted_type) ? 'integer' : undefined)) : undefined;
  if (converted) return converted;
  if (node.children.length) return e.repetition_type === 'REPEATED' ? 'array' : 'object';
  if (e.repetition_type === 'REPEATED') return 'array';
  return (e.type && PHYSICAL[e.type]) ?? 'binary';
}
