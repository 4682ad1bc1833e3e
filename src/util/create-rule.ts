import { ESLintUtils } from '@typescript-eslint/utils';

export interface SafeJobsRuleDocs {
  description: string;
  recommended?: boolean;
}

export const createRule = ESLintUtils.RuleCreator<SafeJobsRuleDocs>(
  (name) => `https://github.com/safe-jobs/eslint-plugin-safe-jobs/blob/main/docs/rules/${name}.md`,
);
