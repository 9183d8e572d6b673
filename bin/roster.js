#!/usr/bin/env node
// Runs the compiled CLI; `npm install` builds it (the `prepare` script).
import('../dist/main.js');
