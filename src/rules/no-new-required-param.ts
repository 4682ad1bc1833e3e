import { NEW_REQUIRED_PARAM } from '../compare/new-required-param.js';
import { createRule } from '../util/create-rule.js';
import { BASELINE_UNAVAILABLE_MESSAGE, reportFindings } from './report-findings.js';

type MessageIds =
  | 'newRequiredParam'
  | 'newRequiredField'
  | 'prematureRequiredParam'
  | 'prematureRequiredField'
  | 'baselineUnavailable';

const TWO_STEPS =
  'Deploy it in two steps: (1) make it optional, handle its absence and pass it at every enqueue site; (2) once that release is deployed, make it required.';

export default createRule<[], MessageIds>({
  name: NEW_REQUIRED_PARAM,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow handler parameters and payload fields that become required before every deployed enqueuer passes them',
      recommended: true,
    },
    fixable: 'code',
    schema: [],
    messages: {
      newRequiredParam: `Job '{{job}}' now requires parameter '{{param}}', which jobs enqueued by the deployed version ({{baseline}}) do not pass: workers running this code will process them with '{{param}}' undefined. ${TWO_STEPS}`,
      newRequiredField: `Job '{{job}}' now requires payload field '{{param}}', which payloads enqueued by the deployed version ({{baseline}}) do not have: workers running this code will read it as undefined. ${TWO_STEPS}`,
      prematureRequiredParam:
        "Parameter '{{param}}' of job '{{job}}' was optional in the deployed version ({{baseline}}), but the deployed code still enqueues it without '{{param}}' (at {{sites}}): jobs enqueued there during the deploy reach these workers without '{{param}}'. This is step 2 of 2 and step 1 is not finished: pass '{{param}}' at every enqueue site and deploy that release first, then make it required.",
      prematureRequiredField:
        "Payload field '{{param}}' of job '{{job}}' was optional in the deployed version ({{baseline}}), but the deployed code still enqueues it without '{{param}}' (at {{sites}}): jobs enqueued there during the deploy reach these workers without '{{param}}'. This is step 2 of 2 and step 1 is not finished: send '{{param}}' from every enqueue site and deploy that release first, then make it required.",
      baselineUnavailable: BASELINE_UNAVAILABLE_MESSAGE,
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        reportFindings(context, NEW_REQUIRED_PARAM);
      },
    };
  },
});
