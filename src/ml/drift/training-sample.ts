import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { readBaselineRows } from '../ood/baseline-rows.js';
import { csvField } from '../tabular/csv.js';

// Model Monitor's statistics.json summarises the training data; ringfence's detectors (out-of-
// distribution scores, extraction) need rows. `capture baseline` therefore also keeps a seeded
// sample of the training rows beside Model Monitor's files, with a small manifest, so that one
// baseline directory serves `capture check`, `capture score` and `capture scan`.

export const TRAINING_SAMPLE_FILE = 'ringfence-training.csv';
export const SAMPLE_MANIFEST_FILE = 'ringfence-baseline.json';

/** Rows kept: enough for every detector's fit and calibration, bounded for large datasets. */
export const DEFAULT_SAMPLE_ROWS = 20_000;

export interface SampleManifest {
  /** The sample's file name, in the same directory. */
  training: string;
  /** The label column of the sample, if any: not a feature, groups the extraction detectors. */
  label?: string;
  /** Rows in the sample, and rows of the training file it was drawn from. */
  rows: number;
  sampledFrom: number;
  /** The training file, as given to `capture baseline`. */
  source: string;
}

/**
 * Writes a seeded sample of the training CSV's rows (the columns the endpoint receives, plus the
 * label) and its manifest into `dir`; returns the two paths.
 */
export async function writeTrainingSample(
  dir: string,
  csv: string,
  display: string,
  options: { header?: boolean; exclude?: string[]; label?: string; maxRows?: number },
): Promise<{ files: string[]; manifest: SampleManifest }> {
  const sample = await readBaselineRows(csv, display, { header: options.header, exclude: options.exclude, maxRows: options.maxRows ?? DEFAULT_SAMPLE_ROWS });
  const lines = [sample.names, ...sample.rows].map((fields) => fields.map(csvField).join(','));
  const manifest: SampleManifest = { training: TRAINING_SAMPLE_FILE, ...(options.label ? { label: options.label } : {}), rows: sample.rows.length, sampledFrom: sample.read, source: display };
  const files = [join(dir, TRAINING_SAMPLE_FILE), join(dir, SAMPLE_MANIFEST_FILE)];
  await writeFile(files[0]!, lines.join('\n') + '\n');
  await writeFile(files[1]!, JSON.stringify(manifest, null, 2) + '\n');
  return { files, manifest };
}

/** Where a `--baseline` points: a training CSV, or a baseline directory with its sample. */
export interface TrainingSource {
  csv: string;
  /** The label column, from the manifest (a directory) or the command line (a CSV). */
  label?: string;
  /** Whether the CSV's first row is a header: always for a sample; as given for a CSV. */
  header?: boolean;
  /** The manifest, when the source is a baseline directory. */
  manifest?: SampleManifest;
}

export async function resolveTrainingSource(path: string, display: string, fromFlags: { label?: string; header?: boolean }): Promise<TrainingSource> {
  const s = await stat(path).catch(() => undefined);
  if (!s) throw new InputError('no such file or directory', display);
  if (!s.isDirectory()) return { csv: path, ...fromFlags };
  const manifestPath = join(path, SAMPLE_MANIFEST_FILE);
  const text = await readFile(manifestPath, 'utf8').catch(() => undefined);
  if (text === undefined) {
    throw new InputError(
      `no ${SAMPLE_MANIFEST_FILE} in this directory: Model Monitor's statistics do not hold the training rows the detectors need; write the baseline with \`ringfence capture baseline TRAINING.csv --label COL -o DIR\`, or pass the training CSV as --baseline`,
      display,
    );
  }
  let manifest: SampleManifest;
  try {
    manifest = JSON.parse(text) as SampleManifest;
  } catch (e) {
    throw new InputError(`${SAMPLE_MANIFEST_FILE}: not JSON (${(e as Error).message})`, display);
  }
  if (typeof manifest.training !== 'string' || manifest.training.includes('/') || manifest.training.includes('\\')) {
    throw new InputError(`${SAMPLE_MANIFEST_FILE}: "training" must name a file in the same directory`, display);
  }
  if (fromFlags.label !== undefined && manifest.label !== undefined && fromFlags.label !== manifest.label) {
    throw new InputError(`the baseline's label column is "${manifest.label}", not "${fromFlags.label}"`, display);
  }
  const label = fromFlags.label ?? manifest.label;
  return { csv: join(path, manifest.training), ...(label !== undefined ? { label } : {}), header: true, manifest };
}
