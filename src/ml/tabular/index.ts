// Tabular datasets: CSV, JSON Lines and Parquet readers (a file, or a directory of part files),
// and feature encoding for models.
export { openCsv, parseCsv, readCsvInto, readTable, CsvParser, type CsvFile, type CsvOptions, type CsvRecord, type CsvRow } from './csv.js';
export { readJsonLinesInto } from './jsonl.js';
export { readParquetInto, PARQUET_CODECS } from './parquet.js';
export { readDataset, recognise, type DatasetOptions, type TabularFormat } from './dataset.js';
export { encode, type Encoded, type EncodeOptions, type Feature } from './encode.js';
export { DEFAULT_TABLE_LIMITS, TableBuilder, rowOrigin, originText, type Cell, type ColumnType, type RowOrigin, type RowProblem, type Table, type TableOptions } from './table.js';
