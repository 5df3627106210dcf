import { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJsonObject } from '../../api/ops/historyJson';
import { liaisonWorkflowBundle } from '../timeSkipping';

const dir = path.join(__dirname, 'histories');
const recorded = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

/**
 * Every recorded history must replay on today's workflow code without a non-determinism error:
 * a change that would break running workflows needs `patched()` (and a new recording beside the old).
 */
describe('replay of recorded histories', () => {
  it('has recordings to replay', () => {
    expect(recorded.length).toBeGreaterThanOrEqual(2);
  });

  it.each(recorded)('%s replays on the current workflow code', async (file) => {
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const history = historyFromJsonObject(json);
    const workflowId = file.replace(/\.json$/, '');
    const results = Worker.runReplayHistories({ workflowBundle: await liaisonWorkflowBundle(), replayName: file }, [{ workflowId, history }]);
    for await (const result of results) {
      expect(result.error).toBeUndefined();
    }
  });
});
