import { readFile, stat } from 'node:fs/promises';
import { dirname, relative, isAbsolute } from 'node:path';
import { InputError } from '../core/errors.js';
import { Inventory } from '../core/inventory.js';
import type { Resource } from '../core/resource.js';
import type { InputRecord } from '../core/scan-result.js';
import { isCdkAssembly } from './cdk/manifest.js';
import { loadCloudFormation, looksLikeCloudFormation } from './cloudformation/index.js';
import { classifyByName, findBinary, readHead } from './sniff.js';
import { readAhead } from './read-ahead.js';
import { looksLikeTerraformPlan } from './terraform/plan/sniff.js';

/** The Terraform loader is large; a scan of templates alone never loads it. */
const terraform = () => import('./terraform/index.js');
import { withWarnings } from './input-record.js';
import type { LoadOptions } from './types.js';
import { walk } from './walk.js';

export interface Loaded {
  inventory: Inventory;
  inputs: InputRecord[];
}

export type Progress = (done: number, total: number, path: string) => void;

/**
 * Turns paths (files and directories) into one inventory, accounting for every file: read,
 * skipped (with the reason) or failed (with file:line:column). One bad file never stops the rest.
 */
export async function loadPaths(paths: string[], options: LoadOptions, onProgress?: Progress): Promise<Loaded> {
  const inputs: InputRecord[] = [];
  const resources: Resource[] = [];
  const files: string[] = [];
  const assemblies: string[] = [];

  const claimDir = async (dir: string): Promise<boolean> => {
    if (!(await isCdkAssembly(dir))) return false;
    assemblies.push(dir);
    return true;
  };

  for (const p of paths) {
    const s = await stat(p).catch(() => undefined);
    if (!s) {
      inputs.push(failed(p, new InputError('no such file or directory', display(p))));
    } else if (s.isDirectory()) {
      try {
        files.push(...(await walk(p, claimDir, options.limits.maxFiles)));
      } catch (e) {
        inputs.push(failed(p, new InputError((e as Error).message, display(p))));
      }
    } else {
      files.push(p);
    }
  }

  for (const dir of assemblies) {
    const { loadCdkAssembly } = await import('./cdk/load.js');
    const unit = loadCdkAssembly(display(dir), options);
    resources.push(...unit.resources);
    inputs.push(...unit.inputs);
  }

  // Terraform is loaded per directory (a module), after every file of it is known.
  const modules = new Map<string, string[]>();
  const others: string[] = [];
  for (const file of files) {
    const cls = classifyByName(file);
    if (cls !== 'terraform' && cls !== 'terraform-json') others.push(file);
    else modules.set(dirname(file), [...(modules.get(dirname(file)) ?? []), file]);
  }
  const total = files.length;
  let done = 0;
  for await (const [file, read] of readAhead(others, (f) => readFor(f, options))) {
    onProgress?.(++done, total, file);
    inputs.push(await loadOne(file, read, options, resources));
  }

  for (const [dir, tfFiles] of modules) {
    const texts: { path: string; text: string }[] = [];
    for (const f of tfFiles) {
      onProgress?.(++done, total, f);
      const read = await readText(f, options, true);
      if ('record' in read) inputs.push(read.record);
      else texts.push({ path: display(f), text: read.text });
    }
    if (texts.length === 0) continue;
    try {
      const unit = (await terraform()).loadTerraformModule(display(dir), texts, options);
      resources.push(...unit.resources);
      inputs.push(...unit.inputs);
    } catch (e) {
      for (const t of texts) inputs.push(failed(t.path, asInputError(e, t.path)));
    }
  }

  const inventory = new Inventory([], { ...(options.accountId ? { accountId: options.accountId } : {}), ...(options.region ? { region: options.region } : {}) });
  for (const r of resources) {
    if (inventory.get(r.key)) continue; // the same file given twice (a path and its folder)
    inventory.add(r);
  }
  return { inventory, inputs: dedupe(inputs) };
}

/** What a file needs read before it is loaded: nothing for the kinds decided by name alone. */
type Read = { text: string } | { record: InputRecord };

function readFor(file: string, options: LoadOptions): Promise<Read> {
  const path = display(file);
  const cls = classifyByName(file);
  if (cls === 'tfvars') return Promise.resolve({ record: { path, kind: 'terraform-vars', status: 'skipped', reason: 'Terraform variables file with no .tf files beside it' } });
  return readText(file, options, cls === 'structured');
}

async function loadOne(file: string, read: Read, options: LoadOptions, resources: Resource[]): Promise<InputRecord> {
  const path = display(file);
  if ('record' in read) return read.record;
  const cls = classifyByName(file);
  const { text } = read;
  try {
    if (looksLikeCloudFormation(text)) {
      const out = loadCloudFormation(path, text, options);
      resources.push(...out.resources);
      return withWarnings({ path, kind: 'cloudformation', status: 'read', resources: out.resources.length }, out.warnings);
    }
    if (looksLikeTerraformPlan(text)) {
      const out = (await terraform()).loadTerraformPlan(path, text, options);
      resources.push(...out.resources);
      return withWarnings({ path, kind: 'terraform-plan', status: 'read', resources: out.resources.length }, out.warnings);
    }
  } catch (e) {
    return failed(path, asInputError(e, path));
  }
  const what = cls === 'structured' ? `${kindOfText(file)}, but not a CloudFormation template or Terraform plan` : 'not an infrastructure file';
  return { path, status: 'skipped', reason: what };
}

/**
 * Reads a file as text within the size limit. Binary content is an error for files whose name
 * promises a template, and a quiet skip for anything else.
 */
async function readText(file: string, options: LoadOptions, expectText: boolean): Promise<{ text: string } | { record: InputRecord }> {
  const path = display(file);
  try {
    const s = await stat(file);
    if (s.size > options.limits.maxFileBytes) {
      const msg = `file is ${formatBytes(s.size)}, over the ${formatBytes(options.limits.maxFileBytes)} limit`;
      return { record: expectText ? failed(path, new InputError(msg, path)) : { path, status: 'skipped', reason: msg } };
    }
    // A file whose name promises nothing is sniffed by its head first: a large binary is not read.
    if (!expectText && findBinary(await readHead(file))) return { record: { path, status: 'skipped', reason: 'binary file' } };
    const buf = await readFile(file);
    const bad = findBinary(buf);
    if (bad) return { record: expectText ? failed(path, new InputError('binary content, not text', path, bad.line, bad.column)) : { path, status: 'skipped', reason: 'binary file' } };
    return { text: buf.toString('utf8') };
  } catch (e) {
    return { record: failed(path, asInputError(e, path)) };
  }
}

function kindOfText(file: string): string {
  return /\.ya?ml$/i.test(file) ? 'YAML' : /\.json$/i.test(file) ? 'JSON' : 'text';
}

export function failed(path: string, error: InputError): InputRecord {
  return {
    path,
    status: 'failed',
    error: { message: error.message, file: error.file, ...(error.line !== undefined ? { line: error.line, column: error.column ?? 1 } : {}) },
  };
}

export function asInputError(e: unknown, path: string): InputError {
  if (e instanceof InputError) return e;
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'EACCES') return new InputError('permission denied', path);
  if (err?.code === 'ENOENT') return new InputError('no such file or directory', path);
  if (e instanceof RangeError) return new InputError(`too deeply nested or too large to process (${err.message})`, path);
  return new InputError(err?.message ?? String(e), path);
}

/** Paths in reports are relative to the working directory when they are below it. */
export function display(p: string): string {
  if (!isAbsolute(p)) return p.replace(/\\/g, '/');
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.replace(/\\/g, '/') : p;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} kB`;
}

/**
 * One record per path. A later record wins: a .tfvars file is first noted as skipped while
 * walking, then read (or failed) by the module that uses it.
 */
function dedupe(inputs: InputRecord[]): InputRecord[] {
  const seen = new Map<string, InputRecord>();
  for (const r of inputs) seen.set(r.path, r);
  return [...seen.values()];
}

