#!/usr/bin/env node
// The crmkit command (src/cli.ts), run from the JavaScript that `npm run build` writes to dist/.
import '../dist/cli.js';
