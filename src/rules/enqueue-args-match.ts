import { ENQUEUE_ARGS_MATCH } from '../compare/enqueue-args.js';
import { createRule } from '../util/create-rule.js';
import { reportFindings } from './report-findings.js';

export default createRule<[], 'missingArguments' | 'missingFields'>({
  name: ENQUEUE_ARGS_MATCH,
  meta: {
    type: 'problem',
    docs: {
      description: 'Require enqueue calls that the type checker cannot see to pass what the job handler requires',
      recommended: true,
    },
    schema: [],
    messages: {
      missingArguments:
        "This enqueues job '{{job}}' with {{count}} argument(s), but its handler requires {{required}}: the worker runs it with {{missing}} undefined. Pass them here, or make them optional in the handler.",
      missingFields:
        "This enqueues job '{{job}}' without the required payload field(s) {{missing}}: the worker reads them as undefined. Send them here, or make them optional in the payload type.",
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        reportFindings(context, ENQUEUE_ARGS_MATCH, { needsBaseline: false });
      },
    };
  },
});
