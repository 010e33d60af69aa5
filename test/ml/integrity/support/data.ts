// Paths to the shared data corpus (../shared/data beside the repository) and small generated files.
import { fileURLToPath } from 'node:url';
import { parquetWriteBuffer } from 'hyparquet-writer';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../fixtures/ml/integrity/', import.meta.url));

/** A dataset of ../shared/data/datasets: real public data (see its README). */
export const datasetPath = (name: string): string => `${REPO}../shared/data/datasets/${name}`;

export const fixturePath = (name: string): string => `${FIXTURES}${name}`;

/** A three-row Parquet file written by hyparquet-writer (snappy-compressed pages). */
export async function parquetBytes(): Promise<Buffer> {
  const buf = parquetWriteBuffer({
    columnData: [
      { name: 'age', data: [39, 50, 38], type: 'INT32' },
      { name: 'income', data: [77516.5, 83311.25, 215646], type: 'DOUBLE' },
      { name: 'label', data: ['<=50K', '>50K', '<=50K'], type: 'STRING' },
    ],
  });
  return Buffer.from(buf);
}
