/** Code-unit order, not locale order: the same bytes sort the same on every machine (and no ICU start-up). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
