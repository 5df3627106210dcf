#!/usr/bin/env node
// Runs one TypeScript file (a bench or script) through tsx: `node bin/run-ts.js bench/startup.ts`.
'use strict';
require('tsx/cjs');
const path = require('node:path');
const file = process.argv[2];
if (!file) { console.error('usage: node bin/run-ts.js <file.ts> [args…]'); process.exit(2); }
process.argv.splice(1, 1);
require(path.resolve(file));
