import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { Resource } from '../../core/resource.js';
import type { InputRecord } from '../../core/scan-result.js';
import type { Ref, Value } from '../../core/value.js';
import type { LoadedUnit, LoadOptions } from '../types.js';
import type { Comment, HclFile, Pos } from './hcl/ast.js';
import { parseTerraformJson } from './hcl/json-syntax.js';
import { parseHcl } from './hcl/parser.js';
import { checkTextInput } from './input-checks.js';
import { buildResources, type Built } from './mapping/build.js';
import { mergeSplitOuts } from './mapping/merge.js';
import { declareModule, type ModuleDecl } from './module/declarations.js';
import { ModuleInstance, locationOf, type LoaderContext, type ResourceInstance } from './module/instance.js';
import { readVarFile, rootVariables } from './module/variables.js';
import { suppressionsFor } from './suppressions.js';

// Loads one Terraform module (the .tf files of a directory): parses each file on its own (a
// malformed file fails alone), evaluates variables, locals and references once, expands
// count/for_each, follows local child modules, and maps every resource into the inventory.

const AUTO_VARS = /^(terraform\.tfvars(\.json)?|.+\.auto\.tfvars(\.json)?)$/;

/** Terraform's order for the variable files it loads by itself. */
function autoVarOrder(a: string, b: string): number {
  const rank = (n: string): number => (n === 'terraform.tfvars' ? 0 : n === 'terraform.tfvars.json' ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function loadTerraformModule(dir: string, files: { path: string; text: string }[], options: LoadOptions): LoadedUnit {
  const records = new Map<string, InputRecord>();
  const comments = new Map<string, Comment[]>();
  const record = (path: string, kind: string): InputRecord => {
    let r = records.get(path);
    if (!r) {
      r = { path, kind, status: 'read' };
      records.set(path, r);
    }
    return r;
  };
  const fail = (path: string, kind: string, e: unknown): void => {
    const err = e instanceof InputError ? e : new InputError(e instanceof RangeError ? 'too deeply nested to process' : String((e as Error)?.message ?? e), path);
    records.set(path, {
      path,
      kind,
      status: 'failed',
      error: { message: err.message, file: err.file, ...(err.line !== undefined ? { line: err.line, column: err.column ?? 1 } : {}) },
    });
  };
  const parseFile = (path: string, text: string): HclFile | undefined => {
    try {
      checkTextInput(path, text, options.limits);
      const parsed = isJsonSyntax(path) ? parseTerraformJson(text, path, options.limits.maxDepth) : parseHcl(text, path, options.limits.maxDepth);
      record(path, 'terraform');
      comments.set(path, parsed.comments);
      return parsed;
    } catch (e) {
      fail(path, 'terraform', e);
      return undefined;
    }
  };

  const rootFiles: HclFile[] = [];
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const parsed = parseFile(f.path, f.text);
    if (parsed) rootFiles.push(parsed);
  }

  const warn = (file: string, message: string, pos?: Pos): void => {
    const r = records.get(file) ?? [...records.values()].find((x) => x.status === 'read') ?? records.values().next().value;
    if (!r) return;
    (r.warnings ??= []).push({ message, ...(pos ? { line: pos.line, column: pos.column } : {}) });
  };

  const modules = new Map<string, ModuleDecl | undefined>();
  const ctx: LoaderContext = {
    rootDir: dir,
    options,
    warn,
    resourceObjects: new WeakMap<Ref, ResourceInstance>(),
    moduleAt: (childDir) => {
      if (modules.has(childDir)) return modules.get(childDir);
      const parsed = readModuleDir(childDir, options).flatMap((f) => ('error' in f ? (fail(f.path, 'terraform', f.error), []) : (parseFile(f.path, f.text) ?? [])));
      const decl = parsed.length > 0 ? declareModule(childDir, parsed) : undefined;
      decl?.warnings.forEach((w) => warn(w.file, w.message, w.pos));
      modules.set(childDir, decl);
      return decl;
    },
  };

  const decl = declareModule(dir, rootFiles);
  for (const w of decl.warnings) warn(w.file, w.message, w.pos);

  const layers = variableLayers(dir, options, record, fail);
  const vars = rootVariables(decl, { files: layers, cli: options.variables }, options.limits, warn);
  const root = new ModuleInstance(ctx, decl, '', vars, false, [resolve(dir)]);

  const built: Built[] = [];
  let instances: ResourceInstance[] = [];
  try {
    instances = root.collect();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    warn(rootFiles[0]?.path ?? dir, 'references nested too deeply to evaluate; resources not loaded');
  }
  for (const inst of instances) {
    const { block, file } = inst.decl;
    try {
      const body = inst.module.evaluateBody(block.body, inst.module.contextOf(inst), file, true);
      const suppressions = suppressionsFor(block, comments.get(file) ?? [], file, (m, c) => warn(file, m, c.pos));
      built.push(
        ...buildResources(
          {
            key: inst.key,
            id: inst.address,
            tfType: inst.type,
            body,
            source: 'terraform',
            unit: dir,
            location: locationOf(file, block.pos),
            suppressions,
            conditional: inst.conditional,
            maxDepth: options.limits.maxDepth,
          },
          (m) => warn(file, m, block.pos),
        ),
      );
    } catch (e) {
      // Deep reference chains can exhaust the stack; that resource is reported, the rest load.
      if (!(e instanceof RangeError)) throw e;
      warn(file, `${inst.address}: expressions nested too deeply to evaluate; resource not loaded`, block.pos);
    }
  }
  const resources = mergeSplitOuts(built, (r, m) => (r.location ? warn(r.location.file, m, { line: r.location.line, column: r.location.column, offset: 0 }) : warn(dir, m)));
  countResources(resources, records);
  return { resources, inputs: [...records.values()] };
}

function countResources(resources: Resource[], records: Map<string, InputRecord>): void {
  for (const r of records.values()) if (r.status === 'read' && r.kind === 'terraform') r.resources = 0;
  for (const res of resources) {
    const r = res.location ? records.get(res.location.file) : undefined;
    if (r && r.resources !== undefined) r.resources++;
  }
}

/** terraform.tfvars, *.auto.tfvars (read from the module directory), then --var-file files. */
function variableLayers(
  dir: string,
  options: LoadOptions,
  record: (path: string, kind: string) => InputRecord,
  fail: (path: string, kind: string, e: unknown) => void,
): Map<string, Value>[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir)
      .filter((n) => AUTO_VARS.test(n))
      .sort(autoVarOrder);
  } catch {
    // No directory listing (files given directly): no automatic variable files.
  }
  const layers: Map<string, Value>[] = [];
  for (const path of [...names.map((n) => join(dir, n)), ...options.varFiles]) {
    try {
      if (statSync(path).size > options.limits.maxFileBytes) throw new InputError(`file is over the ${options.limits.maxFileBytes}-byte limit`, path);
      layers.push(readVarFile(path, readFileSync(path, 'utf8'), options.limits));
      record(path, 'terraform-vars');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      fail(path, 'terraform-vars', err?.code === 'ENOENT' ? new InputError('no such file', path) : e);
    }
  }
  return layers;
}

/** The .tf and .tf.json files of a child module's directory, read within the size limit. */
function readModuleDir(dir: string, options: LoadOptions): ({ path: string; text: string } | { path: string; error: unknown })[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.tf') || n.endsWith('.tf.json'))
      .sort();
  } catch {
    return [];
  }
  return names.map((n) => {
    const path = join(dir, n);
    try {
      if (statSync(path).size > options.limits.maxFileBytes) throw new InputError(`file is over the ${options.limits.maxFileBytes}-byte limit`, path);
      return { path, text: readFileSync(path, 'utf8') };
    } catch (e) {
      return { path, error: e };
    }
  });
}

/** Terraform's JSON configuration syntax, by its file name as Terraform decides it. */
function isJsonSyntax(path: string): boolean {
  return /\.tf\.json$/i.test(path);
}
