import { parseCsv } from './csv.js';
import { readLines } from './lines.js';
import { isPlainObject } from './payload.js';
import type { CaptureInputRecord, CaptureLimits } from './types.js';
import { FileWarnings } from './warnings.js';

/**
 * `CustomAttributes` is one opaque string of up to 1,024 characters set by the caller of
 * InvokeEndpoint (or by the API Gateway / Lambda in front of it). We read it as `name=value` pairs
 * separated by `;`, `,` or `&`; Data Capture may store it as a string, a list of strings or an object.
 */
export function parseCustomAttributes(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && typeof v !== 'object').map(([k, v]) => [k, String(v)]));
  }
  const texts = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
  const out: Record<string, string> = {};
  for (const text of texts) {
    for (const token of text.split(/[;,&]/)) {
      const eq = token.indexOf('=');
      if (eq <= 0) continue;
      out[token.slice(0, eq).trim()] = token.slice(eq + 1).trim();
    }
  }
  return out;
}

/** Column names a caller-map CSV may use for the join key and for the caller. */
const KEY_COLUMNS = new Set(['inferenceid', 'inference_id', 'eventid', 'event_id', 'requestid', 'request_id']);
const CALLER_COLUMNS = new Set(['caller', 'principal', 'user', 'client', 'apikey', 'api_key', 'sourceip', 'source_ip']);

/**
 * A join file from an access log: inferenceId (or eventId) → caller. JSON Lines objects
 * (`{"inferenceId": "…", "caller": "…"}`) or CSV (`inferenceId,caller`, header optional).
 */
export async function loadCallerMap(path: string, display: string, limits: CaptureLimits): Promise<{ map: Map<string, string>; input: CaptureInputRecord }> {
  const map = new Map<string, string>();
  const warnings = new FileWarnings(limits.maxWarningsPerFile);
  let keyColumn = 0;
  let callerColumn = 1;
  let first = true;
  try {
    for await (const { line, text, oversized } of readLines(path, limits.maxRecordBytes)) {
      if (oversized !== undefined) {
        warnings.add(`line of ${oversized} bytes exceeds the limit of ${limits.maxRecordBytes}`, line);
        continue;
      }
      const t = text!.trim();
      if (t === '') continue;
      let key: string | undefined;
      let caller: string | undefined;
      if (t.startsWith('{')) {
        let obj: unknown;
        try {
          obj = JSON.parse(t);
        } catch (e) {
          warnings.add(`not valid JSON: ${(e as Error).message}`, line);
          continue;
        }
        if (!isPlainObject(obj)) continue;
        key = stringOf(obj.inferenceId ?? obj.inference_id ?? obj.eventId ?? obj.event_id ?? obj.requestId);
        caller = stringOf(obj.caller ?? obj.principal ?? obj.user ?? obj.client ?? obj.apiKey ?? obj.sourceIp);
      } else {
        const fields = parseCsv(t)[0]?.fields ?? [];
        if (first) {
          const lower = fields.map((f) => f.trim().toLowerCase());
          const k = lower.findIndex((f) => KEY_COLUMNS.has(f));
          if (k >= 0) {
            keyColumn = k;
            const c = lower.findIndex((f) => CALLER_COLUMNS.has(f));
            callerColumn = c >= 0 ? c : k === 0 ? 1 : 0;
            first = false;
            continue;
          }
        }
        key = fields[keyColumn]?.trim();
        caller = fields[callerColumn]?.trim();
      }
      first = false;
      if (!key || !caller) {
        warnings.add('expected an inferenceId (or eventId) and a caller', line);
        continue;
      }
      if (map.size >= limits.maxJoinEntries && !map.has(key)) {
        warnings.add(`more than ${limits.maxJoinEntries} entries; the rest are ignored`, line);
        break;
      }
      map.set(key, caller);
    }
  } catch (e) {
    return { map, input: { path: display, kind: 'caller-map', status: 'failed', error: { message: (e as Error).message, file: display } } };
  }
  return { map, input: warnings.record({ path: display, kind: 'caller-map', status: 'read', records: map.size }) };
}

function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
