/**
 * Data Capture writes `<prefix>/<endpoint>/<variant>/yyyy/mm/dd/hh/<file>.jsonl` (times in UTC).
 * A local copy of that tree (`aws s3 sync`) keeps the layout, so the path names the endpoint.
 */
export interface CaptureLocation {
  endpoint: string;
  variant: string;
  /** The hour the file covers, `yyyy-mm-ddThh:00:00Z`. */
  hour: string;
}

const DATE_PARTS: readonly [RegExp, number, number][] = [
  [/^\d{4}$/, 1970, 9999],
  [/^\d{2}$/, 1, 12],
  [/^\d{2}$/, 1, 31],
  [/^\d{2}$/, 0, 23],
];

export function captureLocation(path: string): CaptureLocation | undefined {
  const dirs = path.replace(/\\/g, '/').split('/').slice(0, -1);
  // The last run of yyyy/mm/dd/hh directories, with two names before it.
  for (let i = dirs.length - 4; i >= 2; i--) {
    const date = dirs.slice(i, i + 4);
    const ok = date.every((d, j) => {
      const [re, lo, hi] = DATE_PARTS[j]!;
      return re.test(d) && Number(d) >= lo && Number(d) <= hi;
    });
    if (!ok) continue;
    const [y, m, d, h] = date;
    return { endpoint: dirs[i - 2]!, variant: dirs[i - 1]!, hour: `${y}-${m}-${d}T${h}:00:00Z` };
  }
  return undefined;
}
