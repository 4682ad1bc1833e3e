import { QUEUE_CHANGE } from '../compare/queue-change.js';
import { createRule } from '../util/create-rule.js';
import { BASELINE_UNAVAILABLE_MESSAGE, reportFindings } from './report-findings.js';

export default createRule<[], 'queueChanged' | 'baselineUnavailable'>({
  name: QUEUE_CHANGE,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow moving a job to another queue while deployed code still enqueues it',
      recommended: true,
    },
    schema: [],
    messages: {
      queueChanged:
        "Job '{{job}}' moves from queue '{{previousQueue}}' to '{{currentQueue}}' while the deployed version ({{baseline}}) enqueues it ({{sites}}): jobs waiting in '{{previousQueue}}', and those old web processes send there during the deploy, are stranded once no worker consumes it. Move it in three deploys: (1) make the workers consume both queues; (2) move the job (acknowledge this report with an eslint-disable comment that names the deploy of step 1); (3) stop consuming '{{previousQueue}}' once it is empty.",
      baselineUnavailable: BASELINE_UNAVAILABLE_MESSAGE,
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        reportFindings(context, QUEUE_CHANGE);
      },
    };
  },
});
