import { readdirSync, realpathSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { Resource } from '../../core/resource.js';
import type { InputRecord } from '../../core/scan-result.js';
import { loadCloudFormation } from '../cloudformation/load.js';
import { readTemplateFileSync } from '../cloudformation/read.js';
import { withWarnings } from '../input-record.js';
import type { LoadedUnit, LoadOptions } from '../types.js';
import { NESTED_ASSEMBLY_ARTIFACT, STACK_ARTIFACT, environmentOf, parseManifest, type CdkArtifact } from './manifest.js';

/** Nested stacks (CDK NestedStack) are synthesized next to their parent under this suffix. */
const NESTED_TEMPLATE_SUFFIX = '.nested.template.json';

/**
 * Loads a cloud assembly (`cdk.out`): every stack template its manifest lists, the nested
 * assemblies of CDK stages, and nested-stack templates. One InputRecord per manifest and template;
 * a file that fails is recorded and the rest still load.
 */
export function loadCdkAssembly(dir: string, options: LoadOptions): LoadedUnit {
  const resources: Resource[] = [];
  const inputs: InputRecord[] = [];
  const visited = new Set<string>();

  const loadTemplate = (path: string, stackOptions: LoadOptions): void => {
    try {
      const text = readTemplateFileSync(path, options.limits);
      const loaded = loadCloudFormation(path, text, stackOptions, { source: 'cdk' });
      resources.push(...loaded.resources);
      // A template CloudFormation would reject fails, yet its resources are still scanned.
      inputs.push(withWarnings({ path, kind: 'cdk', status: 'read', resources: loaded.resources.length }, loaded.warnings));
    } catch (e) {
      inputs.push(failed(path, e));
    }
  };

  const visit = (assemblyDir: string): void => {
    const manifestPath = join(assemblyDir, 'manifest.json');
    let real: string;
    try {
      real = realpathSync(assemblyDir);
    } catch (e) {
      inputs.push(failed(manifestPath, e));
      return;
    }
    if (visited.has(real)) return; // a nested assembly pointing back up
    visited.add(real);

    let artifacts: [string, CdkArtifact][];
    try {
      const manifest = parseManifest(manifestPath, readTemplateFileSync(manifestPath, options.limits));
      artifacts = Object.entries(manifest.artifacts);
      inputs.push({ path: manifestPath, kind: 'cdk', status: 'read' });
    } catch (e) {
      inputs.push(failed(manifestPath, e));
      return;
    }
    const loaded = new Set<string>();
    for (const [, artifact] of artifacts) {
      if (!artifact || typeof artifact !== 'object') continue;
      const props = artifact.properties ?? {};
      if (artifact.type === STACK_ARTIFACT && typeof props.templateFile === 'string') {
        const env = environmentOf(artifact);
        const path = isAbsolute(props.templateFile) ? props.templateFile : join(assemblyDir, props.templateFile);
        loaded.add(props.templateFile);
        loadTemplate(path, {
          ...options,
          // Parameters CDK passes at deploy, overridden by the user's own.
          parameters: { ...(isStringMap(props.parameters) ? props.parameters : {}), ...options.parameters },
          region: options.region ?? env.region,
          accountId: options.accountId ?? env.accountId,
        });
      } else if (artifact.type === NESTED_ASSEMBLY_ARTIFACT && typeof props.directoryName === 'string') {
        visit(join(assemblyDir, props.directoryName));
      }
    }
    for (const name of nestedTemplates(assemblyDir)) if (!loaded.has(name)) loadTemplate(join(assemblyDir, name), options);
  };

  visit(dir);
  return { resources, inputs };
}

function nestedTemplates(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => n.endsWith(NESTED_TEMPLATE_SUFFIX)).sort();
  } catch {
    return [];
  }
}

function isStringMap(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}

function failed(path: string, e: unknown): InputRecord {
  if (e instanceof InputError) {
    return { path, kind: 'cdk', status: 'failed', error: { message: e.message, file: e.file, line: e.line, column: e.column } };
  }
  const err = e as NodeJS.ErrnoException;
  const message = err.code === 'ENOENT' ? 'file not found' : (err.message ?? String(e));
  return { path, kind: 'cdk', status: 'failed', error: { message, file: path } };
}
