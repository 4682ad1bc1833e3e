import { DELETED_ENQUEUED_JOB } from '../compare/job-changes.js';
import { createRule } from '../util/create-rule.js';
import { BASELINE_UNAVAILABLE_MESSAGE, reportFindings } from './report-findings.js';

const PLAN =
  "Delete a job in two deploys: (1) remove the code that enqueues it and deploy; (2) once no deployed code enqueues it and its queue has drained, delete the job. If the queue is known to be empty, list '{{job}}' in settings['safe-jobs'].retiredJobs.";

export default createRule<[], 'deletedJob' | 'deletedJobStillEnqueued' | 'baselineUnavailable'>({
  name: DELETED_ENQUEUED_JOB,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow deleting a job while the deployed version still enqueues it',
      recommended: true,
    },
    schema: [],
    messages: {
      deletedJob: `Job '{{job}}' is deleted, but the deployed version ({{baseline}}) still enqueues it ({{sites}}): jobs it queued, and those its web processes send during the deploy, reach workers that no longer have a handler for them. Restore the job until a release without these enqueue calls is deployed. ${PLAN}`,
      deletedJobStillEnqueued: `This enqueues job '{{job}}', which no current code handles: it is deleted, while the deployed version ({{baseline}}) enqueues it too ({{sites}}). Remove this call and restore the job until a release without its enqueue calls is deployed. ${PLAN}`,
      baselineUnavailable: BASELINE_UNAVAILABLE_MESSAGE,
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        reportFindings(context, DELETED_ENQUEUED_JOB);
      },
    };
  },
});
