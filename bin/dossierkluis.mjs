#!/usr/bin/env node
// Launcher of the command-line tool: the TypeScript sources run directly through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
