import { parseCsv } from './csv.js';
import { displayPath, listJsonlFiles } from './files.js';
import { readLines } from './lines.js';
import { parseGroundTruthRecord, recordKind, RecordError } from './parse-record.js';
import type { CaptureInputRecord, CaptureLimits } from './types.js';
import { FileWarnings } from './warnings.js';

export type GroundTruth = Map<string, string | number>;

/**
 * Reads Model Monitor ground-truth files (`groundTruthData` records, usually uploaded under their
 * own prefix `<prefix>/yyyy/mm/dd/hh/`) into eventId / inferenceId → label.
 */
export async function readGroundTruth(paths: string[], limits: CaptureLimits, inputs: CaptureInputRecord[]): Promise<GroundTruth> {
  const truth: GroundTruth = new Map();
  for (const file of await listJsonlFiles(paths, limits.maxFiles, 'ground-truth', inputs)) {
    inputs.push(await readOne(file, truth, limits));
  }
  return truth;
}

async function readOne(file: string, truth: GroundTruth, limits: CaptureLimits): Promise<CaptureInputRecord> {
  const path = displayPath(file);
  const warnings = new FileWarnings(limits.maxWarningsPerFile);
  let records = 0;
  try {
    for await (const { line, text, oversized } of readLines(file, limits.maxRecordBytes)) {
      if (oversized !== undefined) {
        warnings.add(`record of ${oversized} bytes exceeds the limit of ${limits.maxRecordBytes}; skipped`, line);
        continue;
      }
      if (text!.trim() === '') continue;
      try {
        let obj: unknown;
        try {
          obj = JSON.parse(text!);
        } catch (e) {
          throw new RecordError('', `not valid JSON: ${(e as Error).message}`);
        }
        if (records === 0 && warnings.count === 0 && recordKind(obj) !== 'ground-truth') {
          return { path, kind: 'ground-truth', status: 'skipped', reason: 'JSON Lines, but not Model Monitor ground-truth records (groundTruthData)' };
        }
        const gt = parseGroundTruthRecord(obj);
        if (truth.size >= limits.maxJoinEntries) {
          warnings.add(`more than ${limits.maxJoinEntries} ground-truth labels; the rest are ignored`, line);
          break;
        }
        const label = labelOf(gt.groundTruthData.data, gt.groundTruthData.encoding);
        truth.set(gt.eventMetadata.eventId, label);
        if (gt.eventMetadata.inferenceId) truth.set(gt.eventMetadata.inferenceId, label);
        records++;
      } catch (e) {
        if (!(e instanceof RecordError)) throw e;
        warnings.add(`malformed ground-truth record skipped: ${e.message}`, line);
      }
    }
  } catch (e) {
    return { path, kind: 'ground-truth', status: 'failed', error: { message: (e as Error).message, file: path } };
  }
  if (records === 0 && warnings.count > 0) {
    const first = warnings.first!;
    return warnings.record({ path, kind: 'ground-truth', status: 'failed', error: { message: first.message, file: path, line: first.line }, records, malformed: warnings.count });
  }
  return warnings.record({ path, kind: 'ground-truth', status: 'read', records, malformed: warnings.count });
}

function labelOf(data: string, encoding: string): string | number {
  const text = encoding === 'BASE64' ? Buffer.from(data, 'base64').toString('utf8') : data;
  let value: unknown = text.trim();
  if (encoding === 'JSON') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new RecordError('groundTruthData.data', 'not valid JSON');
    }
  } else value = parseCsv(text)[0]?.fields[0] ?? '';
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return JSON.stringify(value);
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? n : value;
}
