import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * The worker evaluates the workflow bundle's modules afresh for every workflow run it starts or
 * replays, and keeps them while the run is cached. A schema or HTTP library pulled in by a shared
 * import (schema/authority.ts once brought zod, hono and zod-openapi this way) costs every run that
 * CPU and memory: the alert timer bench saw workers of 3.5 GB. Only Temporal's own packages and
 * the small libraries listed here may be bundled.
 */
const allowedPackages = new Set(['@temporalio/common', '@temporalio/workflow', 'nexus-rpc', 'ms', 'long', 'luxon']);

describe('the workflow bundle', () => {
  it('holds no package beyond Temporal’s and the few the machines need', async () => {
    const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./index'), logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } });
    const packages = new Set([...code.matchAll(/^\/\*{3}\/ "\.\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]!));
    expect(packages.size).toBeGreaterThan(0);
    expect([...packages].filter((p) => !allowedPackages.has(p)).sort()).toEqual([]);
    // Ours: workflow code and the pure policy modules it runs, nothing of the API's routes or the ORM.
    const own = [...code.matchAll(/^\/\*{3}\/ "\.\/((?!node_modules)[^"]+)"/gm)].map((m) => m[1]!);
    expect(own.filter((file) => !/^(workflows\/|schema\/contentRoles\.ts$|api\/policy\/(adminRoles|retention)\.ts$)/.test(file))).toEqual([]);
  }, 120_000);
});
