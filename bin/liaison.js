#!/usr/bin/env node
// Entry point of the `liaison` command: runs the TypeScript CLI through tsx (no build step).
'use strict';
require('tsx/cjs');
require('./cli.ts').main(process.argv.slice(2));
