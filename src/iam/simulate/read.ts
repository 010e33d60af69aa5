import { readFile, stat } from 'node:fs/promises';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { PolicyError } from '../policy/errors.js';
import { parseCaseText, type SimulationCase } from './case.js';

/** Reads a simulation case from a file or stdin (`-`); an error is a message naming file, line and JSON path. */
export async function readCaseFile(file: string): Promise<{ case: SimulationCase } | { error: string }> {
  let text: string;
  try {
    if (file === '-') text = await readStdin(DEFAULT_LIMITS.maxFileBytes);
    else {
      const info = await stat(file);
      if (!info.isFile()) return { error: `${file}: not a file` };
      if (info.size > DEFAULT_LIMITS.maxFileBytes) return { error: `${file}: larger than ${DEFAULT_LIMITS.maxFileBytes} bytes` };
      text = await readFile(file, 'utf8');
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: `${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}` };
  }
  try {
    return { case: parseCaseText(text, file === '-' ? '<stdin>' : file) };
  } catch (e) {
    if (e instanceof PolicyError) return { error: e.toString() };
    throw e;
  }
}

async function readStdin(limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`stdin is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
