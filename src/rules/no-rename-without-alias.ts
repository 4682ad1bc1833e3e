import { RENAME_WITHOUT_ALIAS } from '../compare/renames.js';
import { createRule } from '../util/create-rule.js';
import { BASELINE_UNAVAILABLE_MESSAGE, reportFindings } from './report-findings.js';

export default createRule<[], 'renamedWithoutAlias' | 'baselineUnavailable'>({
  name: RENAME_WITHOUT_ALIAS,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow renaming a job without keeping its old wire name handled',
      recommended: true,
    },
    fixable: 'code',
    schema: [],
    messages: {
      renamedWithoutAlias:
        "Job '{{job}}' replaces '{{oldName}}', which nothing handles any more: jobs queued as '{{oldName}}' by the deployed version ({{baseline}}; enqueued at {{sites}}) find no handler in these workers, and jobs enqueued as '{{job}}' reach old workers that do not know it. Rename in three deploys: (1) add '{{job}}' and keep '{{oldName}}' as an alias of it, enqueuers unchanged; (2) switch the enqueuers to '{{job}}'; (3) delete '{{oldName}}' once nothing deployed enqueues it.",
      baselineUnavailable: BASELINE_UNAVAILABLE_MESSAGE,
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        reportFindings(context, RENAME_WITHOUT_ALIAS);
      },
    };
  },
});
