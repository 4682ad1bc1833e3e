/**
 * Proof by execution: each case of cases.ts on a real Redis or PostgreSQL server, version N and N+1 side by
 * side, with the plugin's verdict on the same files. Skipped with one line without redis-server
 * or PostgreSQL, except in CI.
 */
import { FRAMEWORKS } from './apps.js';
import { defineRollingDeployTests } from './run-cases.js';

await defineRollingDeployTests(FRAMEWORKS);
