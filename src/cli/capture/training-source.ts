import type { TrainingSource } from '../../ml/drift/training-sample.js';

/**
 * The training rows behind `--baseline`: a directory from `capture baseline` (its sample and
 * label) or a CSV (described by the flags). Undefined, after logging why, when neither can be read.
 */
export async function openTrainingSource(baseline: string, fromFlags: { label?: string; header?: boolean }, log: (line: string) => void): Promise<TrainingSource | undefined> {
  const [{ InputError }, { resolveTrainingSource }, { displayPath }] = await Promise.all([
    import('../../core/errors.js'),
    import('../../ml/drift/training-sample.js'),
    import('../../ml/capture/index.js'),
  ]);
  const display = displayPath(baseline);
  try {
    return await resolveTrainingSource(baseline, display, {
      ...(fromFlags.label !== undefined ? { label: fromFlags.label } : {}),
      ...(fromFlags.header !== undefined ? { header: fromFlags.header } : {}),
    });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    log(`error: ${e.message.startsWith(display) ? e.message : `${display}: ${e.message}`}`);
    return undefined;
  }
}
