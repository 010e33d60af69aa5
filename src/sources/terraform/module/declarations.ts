import type { Attribute, Block, HclFile, Pos } from '../hcl/ast.js';

// The declarations of one module (a directory of .tf files), by kind and name.

export interface Declared {
  block: Block;
  file: string;
}

export interface DeclaredLocal {
  attr: Attribute;
  file: string;
}

export interface ModuleDecl {
  dir: string;
  files: HclFile[];
  variables: Map<string, Declared>;
  locals: Map<string, DeclaredLocal>;
  /** Keyed `type.name`. */
  resources: Map<string, Declared>;
  /** Keyed `type.name`. */
  data: Map<string, Declared>;
  modules: Map<string, Declared>;
  outputs: Map<string, Declared>;
  warnings: { file: string; message: string; pos?: Pos }[];
}

/** Blocks Terraform accepts at the top level that do not declare anything we evaluate. */
const IGNORED = new Set(['terraform', 'provider', 'moved', 'import', 'check', 'removed', 'ephemeral']);

const LABELS: Record<string, number> = { variable: 1, resource: 2, data: 2, module: 1, output: 1, locals: 0 };

export function declareModule(dir: string, files: HclFile[]): ModuleDecl {
  const decl: ModuleDecl = {
    dir,
    files,
    variables: new Map(),
    locals: new Map(),
    resources: new Map(),
    data: new Map(),
    modules: new Map(),
    outputs: new Map(),
    warnings: [],
  };
  const add = (map: Map<string, Declared>, name: string, block: Block, file: string, what: string): void => {
    const first = map.get(name);
    if (first) {
      decl.warnings.push({ file, message: `${what} "${name}" is declared again (first in ${first.file} at ${first.block.pos.line}:${first.block.pos.column}); the first is used`, pos: block.pos });
      return;
    }
    map.set(name, { block, file });
  };
  for (const f of files) {
    for (const a of f.body.attributes) decl.warnings.push({ file: f.path, message: `unexpected attribute "${a.name}" at the top level`, pos: a.pos });
    for (const b of f.body.blocks) {
      if (IGNORED.has(b.type)) continue;
      const want = LABELS[b.type];
      if (want === undefined) {
        decl.warnings.push({ file: f.path, message: `unknown block type "${b.type}" ignored`, pos: b.pos });
        continue;
      }
      if (b.labels.length !== want) {
        decl.warnings.push({ file: f.path, message: `a ${b.type} block needs ${want} label${want === 1 ? '' : 's'}, found ${b.labels.length}; ignored`, pos: b.pos });
        continue;
      }
      const [l0, l1] = b.labels as [string, string];
      switch (b.type) {
        case 'variable':
          add(decl.variables, l0, b, f.path, 'variable');
          break;
        case 'resource':
          add(decl.resources, `${l0}.${l1}`, b, f.path, 'resource');
          break;
        case 'data':
          add(decl.data, `${l0}.${l1}`, b, f.path, 'data source');
          break;
        case 'module':
          add(decl.modules, l0, b, f.path, 'module');
          break;
        case 'output':
          add(decl.outputs, l0, b, f.path, 'output');
          break;
        case 'locals':
          for (const a of b.body.attributes) {
            if (decl.locals.has(a.name)) decl.warnings.push({ file: f.path, message: `local "${a.name}" is declared again; the first is used`, pos: a.pos });
            else decl.locals.set(a.name, { attr: a, file: f.path });
          }
          break;
      }
    }
  }
  return decl;
}

export function attributeOf(block: Block, name: string): Attribute | undefined {
  return block.body.attributes.find((a) => a.name === name);
}
