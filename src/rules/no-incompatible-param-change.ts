import { INCOMPATIBLE_PARAM_CHANGE } from '../compare/param-changes.js';
import { createRule } from '../util/create-rule.js';
import { BASELINE_UNAVAILABLE_MESSAGE, reportFindings } from './report-findings.js';

type MessageIds =
  | 'removedParam'
  | 'reorderedParam'
  | 'typeChanged'
  | 'removedField'
  | 'renamedField'
  | 'payloadStyleChanged'
  | 'baselineUnavailable';

export default createRule<[], MessageIds>({
  name: INCOMPATIBLE_PARAM_CHANGE,
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow removing, reordering, retyping or renaming job parameters and payload fields in one deploy',
      recommended: true,
    },
    schema: [],
    messages: {
      removedParam:
        "Job '{{job}}' no longer takes parameter '{{param}}', which the deployed version ({{baseline}}) requires: old workers still running during the deploy get jobs from this code without it. Remove it in two deploys: (1) make '{{param}}' optional in the handler and keep passing it at every enqueue site; (2) once that is deployed, stop passing it and remove it.",
      reorderedParam:
        "Parameter '{{param}}' of job '{{job}}' moves from position {{previousPosition}} to {{currentPosition}} (deployed order: {{previousOrder}}): jobs queued by either version reach the other version's workers with their arguments in the wrong variables, and nothing fails loudly. Keep the deployed order and add new parameters at the end; to really reorder, add a new job with the new order, move the enqueuers to it in a later deploy, and delete this one after that.",
      typeChanged:
        "The {{kind}} '{{param}}' of job '{{job}}' changes type from '{{previousType}}' to '{{currentType}}', which does not accept every value the deployed version ({{baseline}}) sends: jobs queued by it reach these workers with the old type. Widen it instead ('{{previousType}} | {{currentType}}') and handle both for one deploy; narrow it in a later deploy, once no deployed enqueuer sends the old type.",
      removedField:
        "Job '{{job}}' no longer has payload field '{{param}}', which the deployed version ({{baseline}}) requires: old workers still running during the deploy read it as undefined from payloads this code enqueues. Remove it in two deploys: (1) make '{{param}}' optional, stop reading it and keep sending it; (2) once that is deployed, stop sending it and remove it.",
      renamedField:
        "Payload field '{{param}}' of job '{{job}}' is renamed to '{{newName}}': old workers still running read '{{param}}' from payloads this code enqueues, and payloads queued by the deployed version ({{baseline}}) reach these workers without '{{newName}}'. Rename it in three deploys: (1) add '{{newName}}' as optional beside '{{param}}', send both and read '{{newName}} ?? {{param}}'; (2) make '{{newName}}' required and '{{param}}' optional; (3) stop sending '{{param}}' and remove it.",
      payloadStyleChanged:
        "Job '{{job}}' switches from {{previousStyle}} to {{currentStyle}} since the deployed version ({{baseline}}): jobs queued by either version do not fit the other version's handler. Add a new job with the new signature, move the enqueuers to it in a later deploy, and delete this one once nothing deployed enqueues it.",
      baselineUnavailable: BASELINE_UNAVAILABLE_MESSAGE,
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        reportFindings(context, INCOMPATIBLE_PARAM_CHANGE);
      },
    };
  },
});
