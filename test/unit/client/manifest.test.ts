import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; walkthroughs: { steps: { description: string; media: { markdown?: string }; completionEvents?: string[] }[] }[] };
};

describe('the extension manifest', () => {
  const declared = new Set(manifest.contributes.commands.map((c) => c.command));

  it('has a walkthrough whose every link and completion event names a declared command, with its media shipped', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.equal(walkthrough.steps.length, 4);
    for (const step of walkthrough.steps) {
      for (const [, id] of step.description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(declared.has(id), `${id} is declared`);
      for (const event of step.completionEvents ?? []) if (event.startsWith('onCommand:')) assert.ok(declared.has(event.slice('onCommand:'.length)), event);
      assert.ok(step.media.markdown && fs.existsSync(path.join(root, step.media.markdown)), `${step.media.markdown} exists`);
    }
  });

  it('ships the demo workspace the walkthrough opens', () => {
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!examples/**') && ignore.includes('!examples/.vscode/**'));
    assert.ok(fs.existsSync(path.join(root, 'examples', '.vscode', 'settings.json')));
  });
});
