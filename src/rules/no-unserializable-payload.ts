import { isUnserializableAllowed, UNSERIALIZABLE_PAYLOAD, type UnserializablePayloadOptions } from '../compare/unserializable.js';
import { createRule } from '../util/create-rule.js';
import { getRuleMessages, reportFindings, type RuleMessageIds } from './report-findings.js';
import { getSerializationSuggestions, SERIALIZATION_SUGGESTIONS, type SerializationSuggestionId } from './serialization-suggestions.js';

type Options = [UnserializablePayloadOptions];

export default createRule<Options, RuleMessageIds<typeof UNSERIALIZABLE_PAYLOAD> | SerializationSuggestionId>({
  name: UNSERIALIZABLE_PAYLOAD.id,
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow job payload values that the queue's encoding does not keep (a Date, a Map, a bigint)",
      recommended: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            uniqueItems: true,
            description: "Type names the app's own serializer keeps (a superjson layer): `Date`, `Map`, `Set`, `bigint`.",
          },
          dates: {
            type: 'string',
            enum: ['used', 'all'],
            description: "'used': a Date is reported where the handler calls a Date method on it (`sentAt.getTime()`); 'all': every Date in a payload type, used or not.",
          },
        },
      },
    ],
    messages: { ...getRuleMessages(UNSERIALIZABLE_PAYLOAD), ...SERIALIZATION_SUGGESTIONS },
  },
  defaultOptions: [{ allow: [], dates: 'used' }],
  create(context, [options]) {
    return {
      Program() {
        reportFindings(context, UNSERIALIZABLE_PAYLOAD, {
          filter: (finding) => !isUnserializableAllowed(finding, options),
          suggest: (finding) => getSerializationSuggestions(finding, context.sourceCode),
        });
      },
    };
  },
});
