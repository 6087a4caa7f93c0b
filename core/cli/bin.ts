// Entry point of the bundled command-line tool (dist-cli/dossierkluis.mjs, made by
// scripts/build.mjs); bin/dossierkluis.mjs runs that bundle.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
