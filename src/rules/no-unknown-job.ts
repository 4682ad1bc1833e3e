import { UNKNOWN_JOB } from '../compare/job-changes.js';
import { createRule } from '../util/create-rule.js';
import { reportFindings } from './report-findings.js';

export default createRule<[], 'unknownJob'>({
  name: UNKNOWN_JOB,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow enqueuing a job by a name that no job handles',
      recommended: true,
    },
    schema: [],
    messages: {
      unknownJob:
        "No job handles '{{job}}': this call enqueues jobs that no worker can run, and the type checker cannot see it because the job is named by a string. Fix the name, or add the job before enqueuing it.",
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        reportFindings(context, UNKNOWN_JOB, { needsBaseline: false });
      },
    };
  },
});
