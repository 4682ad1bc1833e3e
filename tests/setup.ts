import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

// RuleTester needs the test framework's hooks before the first `new RuleTester()`.
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// Baseline problems fail a lint where CI is set (settings.baselineProblems): tests that care set
// it themselves, so that the suite says the same on a laptop and in CI.
delete process.env.CI;
