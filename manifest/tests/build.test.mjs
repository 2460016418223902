import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillTemplate, parseArgs, resolveParameters } from '../build.mjs';
import { readZip } from '../lib/archive.mjs';
import { renderIcon } from '../lib/icons.mjs';
import { buildInto, ICONS_DIR, PRODUCTION_VALUES, run, tempDir } from './helpers.mjs';

test('the package holds manifest.json and both icons at its root, filled with the given values', (t) => {
  const { packagePath, manifest } = buildInto(t);
  const entries = readZip(readFileSync(packagePath));
  assert.deepEqual(entries.map((e) => e.name), ['manifest.json', 'color.png', 'outline.png']);
  assert.deepEqual(entries[1].data, renderIcon(join(ICONS_DIR, 'color.svg'), 192));
  assert.deepEqual(entries[2].data, renderIcon(join(ICONS_DIR, 'outline.svg'), 32));
  assert.deepEqual(JSON.parse(entries[0].data.toString('utf8')), manifest);
  assert.equal(manifest.id, PRODUCTION_VALUES.APP_ID);
  assert.equal(manifest.bots[0].botId, PRODUCTION_VALUES.BOT_ID);
  assert.deepEqual(manifest.validDomains, [PRODUCTION_VALUES.BOT_DOMAIN]);
  assert.equal(manifest.version, '1.4.0');
  assert.equal(manifest.developer.privacyUrl, PRODUCTION_VALUES.DEVELOPER_PRIVACY_URL);
  assert.doesNotMatch(JSON.stringify(manifest), /\{\{/);
});

test('two builds with the same values are byte-for-byte identical', (t) => {
  const a = readFileSync(buildInto(t).packagePath);
  const b = readFileSync(buildInto(t).packagePath);
  assert.deepEqual(a, b);
});

test('values come from flags first, then the environment, then defaults', () => {
  const { values, fromDefault } = resolveParameters({ BOT_ID: PRODUCTION_VALUES.BOT_ID }, { BOT_ID: 'ignored', APP_VERSION: '2.0.1' });
  assert.equal(values.BOT_ID, PRODUCTION_VALUES.BOT_ID);
  assert.equal(values.APP_VERSION, '2.0.1');
  assert.ok(fromDefault.includes('APP_ID'));
  assert.ok(!fromDefault.includes('BOT_ID'));
  assert.deepEqual(parseArgs(['--bot-domain=x.example.com', '--app-version', '3.0.0']).flags, { BOT_DOMAIN: 'x.example.com', APP_VERSION: '3.0.0' });
});

test('a bot domain given as a URL is reduced to its host name', () => {
  const { values, problems } = resolveParameters({ BOT_DOMAIN: 'https://app-learning.azurewebsites.net/' }, {});
  assert.deepEqual(problems, []);
  assert.equal(values.BOT_DOMAIN, 'app-learning.azurewebsites.net');
});

test('bad values are refused with the parameter named, and nothing is written', (t) => {
  const out = tempDir(t);
  const r = run('build.mjs', ['--bot-id', 'not-a-guid', '--app-version', 'v1', '--developer-privacy-url', 'http://insecure.example.com', '--out', out]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /BOT_ID: must be a GUID/);
  assert.match(r.stderr, /APP_VERSION: must be a semantic version/);
  assert.match(r.stderr, /DEVELOPER_PRIVACY_URL: must be an https:\/\/ URL/);
  assert.throws(() => readFileSync(join(out, 'TeamsLearningBot.zip')));
});

test('--strict refuses the local development defaults', (t) => {
  const r = run('build.mjs', ['--strict', '--out', tempDir(t)]);
  assert.equal(r.code, 1);
  for (const key of ['APP_ID', 'BOT_ID', 'BOT_DOMAIN', 'DEVELOPER_PRIVACY_URL']) assert.match(r.stderr, new RegExp(`${key}: required`));
});

test('a local build warns that it uses development defaults', (t) => {
  const r = run('build.mjs', ['--out', tempDir(t)]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /local development defaults used for APP_ID, BOT_ID, BOT_DOMAIN/);
});

test('a template placeholder without a value is an error', () => {
  assert.throws(() => fillTemplate({ a: '{{NOPE}}' }, {}), /NOPE/);
});
