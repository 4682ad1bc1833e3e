import { defineRollingDeployTests } from './run-cases.js';

await defineRollingDeployTests('activejob');
