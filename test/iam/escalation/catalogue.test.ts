import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultCatalog } from '../../../src/iam/catalog/index.js';
import { COMPOSED_PATHS, RESOURCE_TEMPLATES, TECHNIQUES, type Technique } from '../../../src/iam/escalation/techniques.js';

// The catalogue the techniques are derived from: pathfinding.cloud's path definitions (Apache-2.0),
// read here as data. Each technique must require exactly what its paths require.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const PATHS_DIR = resolve(repoRoot, '..', 'shared', 'data', 'privesc', 'pathfinding');

interface PathDef {
  id: string;
  category: string;
  required: string[];
  trusted: string[];
}

function loadPaths(): PathDef[] {
  const out: PathDef[] = [];
  for (const service of readdirSync(PATHS_DIR)) {
    for (const file of readdirSync(join(PATHS_DIR, service))) {
      // iam-017.yaml repeats a key; the data is still what matters.
      const doc = parse(readFileSync(join(PATHS_DIR, service, file), 'utf8'), { uniqueKeys: false }) as {
        id: string;
        category: string;
        permissions: { required: { permission: string }[] };
        prerequisites?: Record<string, string[]>;
      };
      const prereq = Object.values(doc.prerequisites ?? {}).flat().join(' ');
      const trusted = [...prereq.matchAll(/trusts ([a-z0-9.-]+\.amazonaws\.com)/g)].map((m) => m[1]!);
      out.push({ id: doc.id, category: doc.category, required: doc.permissions.required.map((p) => p.permission), trusted });
    }
  }
  return out;
}

/** Requests a technique makes that a path does not list as a permission, and why. */
const EXTRA_REQUESTS: Record<string, { actions: string[]; why: string }> = {
  'iam-update-assume-role-policy': { actions: ['sts:AssumeRole'], why: 'decided by the rewritten trust policy, which names the attacker (same-account trust needs no identity permission)' },
};

function requiredOf(t: Technique): string[] {
  const own = t.actions.filter((a) => !a.optional).map((a) => a.action);
  const extra = EXTRA_REQUESTS[t.id]?.actions ?? [];
  return [...new Set([...(t.family === 'pass-role' ? ['iam:PassRole'] : []), ...own.filter((a) => !extra.includes(a))])].sort();
}

describe('techniques against the pathfinding.cloud catalogue', () => {
  const paths = loadPaths();

  it('reads the 65 path definitions', () => {
    expect(paths).toHaveLength(65);
  });

  it('models every path: as a technique, or as a documented combination of techniques', () => {
    const modelled = new Set(TECHNIQUES.flatMap((t) => t.pathfinding));
    const missing = paths.filter((p) => !modelled.has(p.id) && !COMPOSED_PATHS[p.id]).map((p) => p.id);
    expect(missing).toEqual([]);
    // And nothing names a path that does not exist.
    const ids = new Set(paths.map((p) => p.id));
    expect([...modelled, ...Object.keys(COMPOSED_PATHS)].filter((id) => !ids.has(id))).toEqual([]);
  });

  it("requires exactly each path's required permissions", () => {
    const byId = new Map(paths.map((p) => [p.id, p]));
    const mismatches: string[] = [];
    for (const t of TECHNIQUES) {
      for (const id of t.pathfinding) {
        const want = [...new Set(byId.get(id)!.required)].sort();
        const got = requiredOf(t);
        if (JSON.stringify(want) !== JSON.stringify(got)) mismatches.push(`${t.id} (${id}): ${got.join(' + ')} ≠ ${want.join(' + ')}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('passes each role to the service the path says the role must trust', () => {
    const byId = new Map(paths.map((p) => [p.id, p]));
    for (const t of TECHNIQUES) {
      if (t.family !== 'pass-role') continue;
      for (const id of t.pathfinding) {
        const trusted = byId.get(id)!.trusted;
        if (trusted.length) expect(trusted, `${t.id} (${id})`).toContain(t.service);
      }
    }
  });

  it('every path that passes a role is a pass-role technique, every existing-passrole path a workload or pass-role one', () => {
    const byId = new Map(paths.map((p) => [p.id, p]));
    for (const t of TECHNIQUES) {
      for (const id of t.pathfinding) {
        const { category, required } = byId.get(id)!;
        // cloudformation-005 is filed as new-passrole but needs no iam:PassRole: it reuses the stack's role.
        if (category === 'new-passrole' && required.includes('iam:PassRole')) expect(t.family, id).toBe('pass-role');
        if (category === 'existing-passrole') expect(['workload', 'pass-role'], id).toContain(t.family);
      }
    }
  });
});

describe('techniques against the action catalog', () => {
  const catalog = defaultCatalog();

  it('uses the ARN formats of the Service Authorization Reference', async () => {
    for (const [key, template] of Object.entries(RESOURCE_TEMPLATES)) {
      const [service, type] = key.split(':') as [string, string];
      expect((await catalog.resourceType(service, type))?.arnPattern, key).toBe(template);
    }
  });

  it('names only actions that exist, on resource types they take', async () => {
    const problems: string[] = [];
    for (const t of TECHNIQUES) {
      for (const a of t.actions) {
        const info = await catalog.action(a.action);
        if (!info) {
          problems.push(`${t.id}: ${a.action} is not an action`);
          continue;
        }
        const slot = t.slots[a.slot]!;
        if (slot.kind === 'none' && !info.wildcardOnly) problems.push(`${t.id}: ${a.action} takes a resource`);
        if ((slot.kind === 'new' || slot.kind === 'pick') && !info.resourceTypes.some((r) => r.name.toLowerCase() === slot.type.split(':')[1]!.toLowerCase())) {
          problems.push(`${t.id}: ${a.action} does not act on ${slot.type}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
