// A file the settings name stays inside the deployment folder: the schema refuses ".." and a leading slash,
// the core refuses them at run time, and a file about to be created is not written through a link that leads out.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathInsideDeployment, writablePathInsideDeployment } from '../../../src/core/deployment/paths';
import { templateBodyPath, templateBodyPathToWrite } from '../../../src/core/mail/templates';
import { defaultSettings } from '../../../src/core/settings/defaults';
import { validateSettingsText } from '../../../src/core/settings/validate';

describe('paths inside the deployment folder', () => {
  let root: string;
  let dir: string;
  before(async () => {
    root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'optima-paths-')));
    dir = path.join(root, 'deployment');
    await fs.mkdir(path.join(dir, 'templates'), { recursive: true });
    await fs.mkdir(path.join(root, 'elsewhere'));
  });
  after(() => fs.rm(root, { recursive: true, force: true }));

  it('accepts a relative path inside; refuses "..", absolute paths and the folder itself', () => {
    assert.equal(pathInsideDeployment(dir, 'templates/a.html'), path.join(dir, 'templates', 'a.html'));
    assert.equal(pathInsideDeployment(dir, 'a..b.html'), path.join(dir, 'a..b.html'));
    for (const bad of ['../../x.html', 'templates/../x.html', 'templates\\..\\..\\x.html', '/etc/x.html', 'C:\\x.html', '.', '']) {
      assert.equal(pathInsideDeployment(dir, bad), undefined, bad);
      assert.throws(() => templateBodyPath(dir, bad), /must be inside the deployment folder/, bad);
    }
  });

  it('a file to create: no symbolic link on the way (a folder or a dangling file link) leads out of the folder', async () => {
    await fs.symlink(path.join(root, 'elsewhere'), path.join(dir, 'templates', 'out'));
    await fs.symlink(path.join(root, 'elsewhere', 'stolen.html'), path.join(dir, 'templates', 'dangling.html'));
    await fs.symlink(path.join(dir, 'templates'), path.join(dir, 'inside'));
    assert.equal(
      await writablePathInsideDeployment(dir, 'templates/new/deep/x.html'),
      path.join(dir, 'templates', 'new', 'deep', 'x.html'),
    );
    assert.equal(
      await writablePathInsideDeployment(dir, 'inside/x.html'),
      path.join(dir, 'inside', 'x.html'),
      'a link that stays inside is fine',
    );
    assert.equal(await writablePathInsideDeployment(dir, 'templates/out/x.html'), undefined);
    assert.equal(await writablePathInsideDeployment(dir, 'templates/dangling.html'), undefined);
    await assert.rejects(templateBodyPathToWrite(dir, 'templates/out/x.html'), /must be inside the deployment folder/);
    assert.deepEqual(await fs.readdir(path.join(root, 'elsewhere')), [], 'nothing was written there');
  });

  it('the settings schema refuses a bodyFile with ".." (the form and the CLI say why)', () => {
    const settings = defaultSettings() as { templates: Record<string, { subject: string; bodyFile?: string }> };
    settings.templates['order-received']!.bodyFile = '../../x.html';
    const problems = validateSettingsText(JSON.stringify(settings, null, 2), 'optima-sync.json').problems;
    const problem = problems.find((p) => p.pointer === '/templates/order-received/bodyFile');
    assert.equal(problem?.severity, 'error');
    assert.match(
      problem!.message,
      /templates\.order-received\.bodyFile: A file inside this folder ending in \.html, e\.g\. templates\/realized\.html \(no leading \/ and no \.\.\)/,
    );
  });
});
