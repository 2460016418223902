import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildPackage, resolveParameters } from '../build.mjs';
import { readZip, writeZip } from '../lib/archive.mjs';

export const MANIFEST_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ICONS_DIR = join(MANIFEST_DIR, 'icons');

export const PRODUCTION_VALUES = {
  APP_ID: '3f6d2c1a-8b4e-4f70-a5d9-2e1c7b9f0a64',
  BOT_ID: '9b2e4d7c-1f3a-4c58-b6e0-7a5d3c2f1e98',
  BOT_DOMAIN: 'app-learning-abc123.azurewebsites.net',
  APP_VERSION: '1.4.0',
  DEVELOPER_NAME: 'Contoso Learning',
  DEVELOPER_WEBSITE_URL: 'https://learning.contoso.com',
  DEVELOPER_PRIVACY_URL: 'https://learning.contoso.com/privacy',
  DEVELOPER_TERMS_URL: 'https://learning.contoso.com/terms',
};

/** A temporary folder removed when the test ends. */
export function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Builds a package with production-like values into a temporary folder. */
export function buildInto(t, overrides = {}) {
  const { values, problems } = resolveParameters({ ...PRODUCTION_VALUES, ...overrides }, {}, { strict: true });
  if (problems.length) throw new Error(problems.join('\n'));
  return buildPackage({ values, outDir: tempDir(t) });
}

/** Rewrites a package: change the manifest and/or replace or add files. */
export function repack(t, packagePath, { manifest: edit, files = {}, drop = [] } = {}) {
  const entries = readZip(readFileSync(packagePath)).filter((e) => !drop.includes(e.name));
  const out = entries.map((e) => {
    if (e.name === 'manifest.json' && edit) {
      const manifest = JSON.parse(e.data.toString('utf8'));
      edit(manifest);
      return { name: e.name, data: Buffer.from(JSON.stringify(manifest, null, 2)) };
    }
    return e.name in files ? { name: e.name, data: files[e.name] } : e;
  });
  for (const [name, data] of Object.entries(files)) if (!out.some((e) => e.name === name)) out.push({ name, data });
  const path = join(tempDir(t), 'package.zip');
  writeFileSync(path, writeZip(out));
  return path;
}

/** Runs a script of manifest/ with node and returns its exit code and output. */
export function run(script, args = [], { env = {}, input } = {}) {
  const result = spawnSync(process.execPath, [join(MANIFEST_DIR, script), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...Object.fromEntries(Object.keys(PRODUCTION_VALUES).map((k) => [k, ''])), MANIFEST_STRICT: '', ...env },
    input,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every command title in a manifest. */
export const commandTitles = (manifest) => manifest.bots.flatMap((b) => b.commandLists.flatMap((l) => l.commands.map((c) => c.title)));
