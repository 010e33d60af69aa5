import { UsageError } from '../../core/errors.js';
import { SIGNALS } from '../../ml/extraction/types.js';

/** --signals of the capture commands: every name must be an extraction signal. */
export function checkSignals(signals: readonly string[] = []): void {
  const unknown = signals.filter((s) => !(SIGNALS as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`unknown signal ${unknown.join(', ')}; expected one of: ${SIGNALS.join(', ')}`);
}
