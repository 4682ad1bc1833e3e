import { ESLintUtils } from '@typescript-eslint/utils';

export interface SafeJobsRuleDocs {
  description: string;
  recommended?: boolean;
}

const ruleCreator = ESLintUtils.RuleCreator<SafeJobsRuleDocs>(
  (name) => `https://github.com/safe-jobs/eslint-plugin-safe-jobs/blob/main/docs/rules/${name}.md`,
);

/**
 * RuleCreator clones the default options with structuredClone for every rule on every file;
 * a rule without options is handed its (empty) defaults directly, which is the same value.
 */
export const createRule: typeof ruleCreator = (rule) => {
  const created = ruleCreator(rule);
  const defaults = rule.defaultOptions;
  if (defaults === undefined || defaults.length > 0) return created;
  return { ...created, create: (context) => rule.create(context, defaults) };
};
