import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes the report to `-o FILE` (creating its folder) or to stdout. */
export async function emit(text: string, output: string | undefined): Promise<void> {
  if (!output || output === '-') {
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
    return;
  }
  await mkdir(dirname(output), { recursive: true });
  await writeFile(output, text);
}
