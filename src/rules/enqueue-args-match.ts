import { ENQUEUE_ARGS_MATCH } from '../compare/enqueue-args.js';
import { createRule } from '../util/create-rule.js';
import { getRuleMessages, reportFindings, type RuleMessageIds } from './report-findings.js';

export default createRule<[], RuleMessageIds<typeof ENQUEUE_ARGS_MATCH>>({
  name: ENQUEUE_ARGS_MATCH.id,
  meta: {
    type: 'problem',
    docs: {
      description: 'Require enqueue calls that the type checker cannot see to pass what the job handler requires',
      recommended: true,
    },
    schema: [],
    messages: getRuleMessages(ENQUEUE_ARGS_MATCH),
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        reportFindings(context, ENQUEUE_ARGS_MATCH);
      },
    };
  },
});
