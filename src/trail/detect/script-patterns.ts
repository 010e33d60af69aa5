// What makes a notebook lifecycle script suspicious. Lifecycle configurations run as root on the
// notebook instance at every create or start, with the execution role's credentials one request
// away, so they are a favoured persistence and credential-theft hook. The patterns are plain
// regular expressions in the RE2 subset (no look-around), so SQL engines can run them too.

export type ScriptCategory = 'download-and-execute' | 'reverse-shell' | 'credential-access';

export interface ScriptPattern {
  name: string;
  category: ScriptCategory;
  /** RE2-compatible source, applied to each decoded script; case-sensitive unless `flags` says otherwise. */
  source: string;
  flags?: 'i';
}

export const SCRIPT_PATTERNS: readonly ScriptPattern[] = [
  // Fetch code and run it without ever writing it where a reviewer would look.
  { name: 'download piped to a shell', category: 'download-and-execute', source: String.raw`\b(curl|wget)\b[^\n|;]*\|\s*(sudo\s+)?(ba|z|k|da)?sh\b` },
  { name: 'download run through process substitution', category: 'download-and-execute', source: String.raw`\b(ba|z)?sh\s+<\(\s*(curl|wget)\b` },
  { name: 'download saved then executed', category: 'download-and-execute', source: String.raw`\b(curl|wget)\b[^\n]*(\s-o|\s-O|--output)[^\n]*(&&|;)\s*(chmod\s+\+?[0-7]*x|(ba)?sh\s|\./|python[0-9.]*\s)` },
  { name: 'python one-liner fetching code', category: 'download-and-execute', source: String.raw`\bpython[0-9.]*\s+-c\s+[^\n]*(urllib|urlopen|requests\.get|http\.client)` },
  { name: 'base64 payload piped to a shell', category: 'download-and-execute', source: String.raw`\bbase64\s+(-d|--decode)\b[^\n]*\|\s*(ba|z)?sh\b` },
  // Hand an interactive shell to someone else's host.
  { name: 'bash /dev/tcp or /dev/udp socket', category: 'reverse-shell', source: String.raw`/dev/(tcp|udp)/` },
  { name: 'interactive shell (bash -i)', category: 'reverse-shell', source: String.raw`\b(ba)?sh\s+-i\b` },
  { name: 'netcat executing a shell', category: 'reverse-shell', source: String.raw`\b(nc|ncat|netcat)\b[^\n]*\s-[a-z]*[ec]\s` },
  { name: 'socat exec', category: 'reverse-shell', source: String.raw`\bsocat\b[^\n]*\b(exec|system):`, flags: 'i' },
  { name: 'named pipe to netcat', category: 'reverse-shell', source: String.raw`\bmkfifo\b[^\n]*\b(nc|ncat|netcat|telnet)\b` },
  { name: 'python socket shell', category: 'reverse-shell', source: String.raw`\bsocket\b[^\n]*(os\.dup2|pty\.spawn|subprocess\.call\(\s*\[?\s*["']/bin/(ba)?sh)` },
  // Read the instance's or a user's AWS credentials.
  { name: 'instance metadata credentials path', category: 'credential-access', source: String.raw`latest/meta-data/iam` },
  { name: 'instance metadata endpoint', category: 'credential-access', source: String.raw`169\.254\.169\.254|\[?fd00:ec2::254\]?` },
  { name: 'container credentials endpoint', category: 'credential-access', source: String.raw`169\.254\.170\.2|AWS_CONTAINER_CREDENTIALS_(RELATIVE|FULL)_URI` },
  { name: 'AWS credentials file', category: 'credential-access', source: String.raw`\.aws/credentials\b` },
];

const COMPILED = SCRIPT_PATTERNS.map((p) => ({ pattern: p, re: new RegExp(p.source, p.flags) }));

/** Lifecycle scripts are at most 16 KiB base64; anything much larger is not one. */
const MAX_SCRIPT_CHARS = 64 * 1024;
const BASE64 = /^[A-Za-z0-9+/=\s]+$/;

/**
 * The script text: base64-decoded when it is base64 (as the API takes it), else as written. Values
 * CloudTrail hides (`HIDDEN_DUE_TO_SECURITY_REASONS`) are not base64 and do not match any pattern.
 */
export function decodeScript(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SCRIPT_CHARS) return undefined;
  if (BASE64.test(value) && value.replace(/\s+/g, '').length % 4 === 0) return Buffer.from(value, 'base64').toString('utf8');
  return value;
}

/** Every pattern the script matches, with the matched text. */
export function scanScript(script: string): { pattern: ScriptPattern; match: string }[] {
  const hits: { pattern: ScriptPattern; match: string }[] = [];
  for (const { pattern, re } of COMPILED) {
    const m = re.exec(script);
    if (m) hits.push({ pattern, match: m[0].length > 60 ? `${m[0].slice(0, 57)}...` : m[0] });
  }
  return hits;
}
