import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CaptureRecord, CaptureStream } from '../../../src/ml/capture/index.js';
import { runCli } from '../../support/run-cli.js';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');
export const FIXTURES = join(REPO, 'test', 'fixtures', 'ml', 'capture');
export const MONITOR = join(REPO, '..', 'shared', 'data', 'sagemaker', 'monitor');
export const DATASETS = join(REPO, '..', 'shared', 'data', 'datasets');

export async function collect(stream: CaptureStream): Promise<CaptureRecord[]> {
  const out: CaptureRecord[] = [];
  for await (const r of stream.records) out.push(r);
  return out;
}

/** A temporary directory removed by the returned function. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ringfence-capture-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}


export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ringfence capture …` in-process through main(), output captured. */
export function runCapture(...argv: string[]): Promise<Run> {
  return runCli('capture', ...argv);
}

/** Writes Data Capture JSON Lines for CSV rows under <dir>/<endpoint>/AllTraffic/2024/06/01/10/. */
export function writeCapture(dir: string, endpoint: string, rows: { csv: string; caller?: string; output?: string }[]): string {
  const hour = join(dir, endpoint, 'AllTraffic', '2024', '06', '01', '10');
  mkdirSync(hour, { recursive: true });
  const lines = rows.map((r, i) =>
    JSON.stringify({
      captureData: {
        endpointInput: { observedContentType: 'text/csv', mode: 'INPUT', data: r.csv, encoding: 'CSV' },
        endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: r.output ?? '0.5', encoding: 'CSV' },
      },
      eventMetadata: {
        eventId: `evt-${i}`,
        inferenceId: `req-${i}`,
        inferenceTime: new Date(Date.UTC(2024, 5, 1, 10, 0, i)).toISOString().replace('.000Z', 'Z'),
        ...(r.caller ? { customAttributes: [`caller=${r.caller}`] } : {}),
      },
      eventVersion: '0',
    }),
  );
  const file = join(hour, 'capture.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
