import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { readZip } from '../lib/archive.mjs';
import { checkCommands, validatePackage } from '../validate.mjs';
import { buildInto, commandTitles, PRODUCTION_VALUES, repack, run, tempDir } from './helpers.mjs';

/** An RGBA image of the given size where every pixel is produced by pixel(x, y). */
function png(size, pixel) {
  const image = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) image.data.set(pixel(x, y), (y * size + x) * 4);
  return PNG.sync.write(image);
}

test('the built package validates', async (t) => {
  const { packagePath, manifest } = buildInto(t);
  const result = await validatePackage(packagePath, { knownCommands: commandTitles(manifest) });
  assert.deepEqual(result.problems, []);
  const cli = run('validate.mjs', [packagePath]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.match(cli.stdout, /valid/);
});

test('the default local build validates from the command line', (t) => {
  const out = tempDir(t);
  assert.equal(run('build.mjs', ['--out', out]).code, 0);
  const cli = run('validate.mjs', [join(out, 'TeamsLearningBot.zip')]);
  assert.equal(cli.code, 0, cli.stderr);
});

test('a broken manifest fails with every error listed', async (t) => {
  const { packagePath } = buildInto(t);
  const broken = repack(t, packagePath, {
    manifest: (m) => {
      delete m.developer.privacyUrl;
      m.bots[0].botId = 'learning-bot';
      const team = m.bots[0].commandLists[1];
      for (let i = team.commands.length; i <= 10; i++) team.commands.push({ title: `extra ${i}`, description: 'one command too many' });
      m.version = '1.0';
    },
  });
  const cli = run('validate.mjs', [broken]);
  assert.equal(cli.code, 1);
  assert.match(cli.stderr, /schema: \/developer must have required property 'privacyUrl'/);
  assert.match(cli.stderr, /schema: \/bots\/0\/botId must match pattern/);
  assert.match(cli.stderr, /schema: \/bots\/0\/commandLists\/1\/commands must NOT have more than 10 items/);
  assert.match(cli.stderr, /version: "1.0" is not a semantic version/);
  assert.match(cli.stderr, /: 4 problem\(s\)/);
});

test('a manifest on a schema that is not bundled cannot pass', async (t) => {
  const { packagePath } = buildInto(t);
  const broken = repack(t, packagePath, {
    manifest: (m) => { m.$schema = 'https://developer.microsoft.com/json-schemas/teams/v1.18/MicrosoftTeams.schema.json'; },
  });
  const { problems } = await validatePackage(broken);
  assert.deepEqual(problems, ['$schema: version 1.18 is not bundled with @microsoft/app-manifest, so it cannot be validated offline']);
});

test('an outline icon on an opaque background fails', async (t) => {
  const { packagePath } = buildInto(t);
  const opaque = png(32, (x, y) => (x > 8 && x < 24 && y > 8 && y < 24 ? [255, 255, 255, 255] : [70, 71, 117, 255]));
  const { problems } = await validatePackage(repack(t, packagePath, { files: { 'outline.png': opaque } }));
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.match(problems[0], /icons\.outline \(outline\.png\): 799 visible pixel\(s\) are not white, e\.g\. \(0,0\) rgba\(70,71,117,255\)/);
  assert.match(problems[1], /has no transparent pixel/);
});

test('a coloured outline icon on transparent fails; a white one passes', async (t) => {
  const { packagePath } = buildInto(t);
  const glyph = (colour) => png(32, (x, y) => (Math.hypot(x - 16, y - 16) < 10 ? colour : [0, 0, 0, 0]));
  const black = await validatePackage(repack(t, packagePath, { files: { 'outline.png': glyph([0, 0, 0, 255]) } }));
  assert.match(black.problems.join('\n'), /visible pixel\(s\) are not white/);
  const white = await validatePackage(repack(t, packagePath, { files: { 'outline.png': glyph([255, 255, 255, 128]) } }));
  assert.deepEqual(white.problems, []);
});

test('icons of the wrong size fail', async (t) => {
  const { packagePath } = buildInto(t);
  const files = {
    'color.png': png(96, (x) => (x < 48 ? [15, 118, 110, 255] : [255, 255, 255, 255])),
    'outline.png': png(48, (x) => (x < 24 ? [255, 255, 255, 255] : [0, 0, 0, 0])),
  };
  const { problems } = await validatePackage(repack(t, packagePath, { files }));
  assert.deepEqual(problems, ['icons.color (color.png): is 96x96, must be 192x192', 'icons.outline (outline.png): is 48x48, must be 32x32']);
});

test('a blank colour icon fails', async (t) => {
  const { packagePath } = buildInto(t);
  const { problems } = await validatePackage(repack(t, packagePath, { files: { 'color.png': png(192, () => [15, 118, 110, 255]) } }));
  assert.deepEqual(problems, ['icons.color (color.png): is a single flat colour; it must show the app\'s symbol']);
});

test('the zip must hold exactly manifest.json and the two icons at its root', async (t) => {
  const { packagePath } = buildInto(t);
  const outline = readZip(readFileSync(packagePath)).find((e) => e.name === 'outline.png').data;
  const wrong = repack(t, packagePath, { drop: ['outline.png'], files: { 'icons/outline.png': outline, 'README.txt': Buffer.from('hi') } });
  const { problems } = await validatePackage(wrong);
  assert.deepEqual(problems, [
    'package: icons/outline.png is in a folder; the zip must hold manifest.json and the icons at its root only',
    'package: unexpected file README.txt; the zip must hold only manifest.json, color.png, outline.png',
    'package: icon outline.png named in the manifest is not at the root of the zip',
  ]);
});

test('a file that is not a zip fails cleanly', async (t) => {
  const path = join(tempDir(t), 'package.zip');
  writeFileSync(path, 'not a zip');
  const cli = run('validate.mjs', [path]);
  assert.equal(cli.code, 1);
  assert.match(cli.stderr, /package: not a ZIP archive/);
});

test('a command the bot does not understand fails, naming it', async (t) => {
  const { packagePath, manifest } = buildInto(t);
  const known = commandTitles(manifest).filter((c) => c !== 'privacy');
  const commandsFile = join(tempDir(t), 'commands.txt');
  writeFileSync(commandsFile, `# the bot's commands\n${[...new Set(known)].join('\n')}\n`);
  const cli = run('validate.mjs', [packagePath, '--commands', commandsFile]);
  assert.equal(cli.code, 1);
  assert.match(cli.stderr, /\/bots\/0\/commandLists\/0\/commands\/\d+: "privacy" \(personal\) is not a command the bot understands/);
  const listsWithPrivacy = manifest.bots[0].commandLists.filter((l) => l.commands.some((c) => c.title === 'privacy')).length;
  assert.match(cli.stderr, new RegExp(`: ${listsWithPrivacy} problem\\(s\\)`));
});

test('the command table can come from standard input, and matching ignores case and spacing', (t) => {
  const { packagePath, manifest } = buildInto(t);
  const table = [...new Set(commandTitles(manifest))].map((c) => c.toUpperCase().replace(' ', '  ')).join('\n');
  const cli = run('validate.mjs', [packagePath, '--commands', '-'], { input: table });
  assert.equal(cli.code, 0, cli.stderr);
});

test('checkCommands lists every unknown command in every scope', (t) => {
  const { manifest } = buildInto(t);
  manifest.bots[0].commandLists[1].commands.push({ title: 'privacy', description: 'in the team list too' });
  const problems = checkCommands(manifest, ['help']);
  assert.ok(problems.some((p) => p.includes('"privacy" (personal)')));
  assert.ok(problems.some((p) => p.includes('"privacy" (team)')));
  assert.ok(problems.some((p) => p.includes('"privacy" (groupChat)')));
  assert.ok(!problems.some((p) => p.includes('"help"')));
  assert.deepEqual(checkCommands(manifest, []), ["commands: the bot's command table is empty"]);
});

test('command lists follow the product rules', (t) => {
  const { manifest } = buildInto(t);
  const lists = manifest.bots[0].commandLists;
  assert.deepEqual(lists.map((l) => l.scopes), [['personal'], ['team'], ['groupChat']]);
  for (const list of lists) {
    assert.ok(list.commands.length <= 10);
    for (const c of list.commands) assert.ok(c.description.length <= 128, `${c.title}: description is ${c.description.length} characters`);
  }
  // The RSC permission lets the bot read replies in drop threads.
  assert.equal(manifest.webApplicationInfo.id, manifest.bots[0].botId);
  assert.deepEqual(manifest.authorization.permissions.resourceSpecific, [{ name: 'ChannelMessage.Read.Group', type: 'Application' }]);
});

test('the Insights tab: Teams SSO for the bot app registration, a team tab and the personal My learning tab on the bot domain', async (t) => {
  const { manifest, packagePath } = buildInto(t);
  const domain = PRODUCTION_VALUES.BOT_DOMAIN;
  assert.deepEqual(manifest.webApplicationInfo, { id: PRODUCTION_VALUES.BOT_ID, resource: `api://${domain}/botid-${PRODUCTION_VALUES.BOT_ID}` });
  assert.deepEqual(manifest.configurableTabs, [
    { configurationUrl: `https://${domain}/tab/config.html`, canUpdateConfiguration: false, scopes: ['team'], context: ['channelTab'] },
  ]);
  const learning = manifest.staticTabs.find((tab) => tab.entityId === 'my-learning');
  assert.deepEqual(learning, { entityId: 'my-learning', name: 'My learning', contentUrl: `https://${domain}/tab/me.html`, scopes: ['personal'] });
  // The bot's chat stays the first tab of the personal app.
  assert.equal(manifest.staticTabs[0].entityId, 'conversations');
  assert.deepEqual(manifest.validDomains, [domain]);
  for (const url of [manifest.configurableTabs[0].configurationUrl, learning.contentUrl]) assert.equal(new URL(url).host, domain);
  const result = await validatePackage(packagePath, { knownCommands: commandTitles(manifest) });
  assert.deepEqual(result.problems, []);
});

test('a tab app registration apart from the bot (a managed-identity bot) goes into webApplicationInfo', (t) => {
  const tab = '5d0c8a3e-2f1b-4c6d-9e7a-0b1c2d3e4f50';
  const { manifest } = buildInto(t, { TAB_CLIENT_ID: tab });
  assert.deepEqual(manifest.webApplicationInfo, { id: tab, resource: `api://${PRODUCTION_VALUES.BOT_DOMAIN}/botid-${tab}` });
  assert.equal(manifest.bots[0].botId, PRODUCTION_VALUES.BOT_ID);
  assert.throws(() => buildInto(t, { TAB_CLIENT_ID: 'not-a-guid' }), /TAB_CLIENT_ID: must be a GUID/);
});
