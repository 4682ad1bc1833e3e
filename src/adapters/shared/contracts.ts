/** Pieces of job contracts that several kinds build the same way. */
import type { JobContract, MemberContract } from '../../model/contract.js';
import type { HandlerFact, Member, PayloadSource, ValueFact } from '../../model/facts.js';
import type { ProjectResolver } from '../../resolve/resolver.js';

/** Members with the file that declares them: their own (an inherited field's) or `file`. */
export function withFile(members: Array<Member & { file?: string }>, file: string): MemberContract[] {
  return members.map((member) => ({ ...member, file: member.file ?? file }));
}

/** Positional parameters, or the fields of a single object parameter (typed, or destructured in JavaScript). */
export function setSignature(
  contract: JobContract,
  handler: { file: string; fn: HandlerFact },
  resolver: ProjectResolver,
  typeArgument?: { file: string; source: PayloadSource },
): void {
  contract.params = withFile(resolver.expandFields(handler.file, handler.fn.params), handler.file);
  addBodyFacts(contract, handler.fn);
  let payload = resolver.resolvePayload(handler.file, handler.fn.payload);
  if (!payload && typeArgument && isUntypedSingleParam(handler.fn)) payload = resolver.resolvePayload(typeArgument.file, typeArgument.source);
  if (payload) {
    contract.style = 'payload';
    contract.fields = withFile(payload.fields, payload.file);
  }
}

/** What the contract keeps of the handler's body: its fingerprint (renames) and its uses of members as Dates (encodings). */
export function addBodyFacts(contract: JobContract, fn: HandlerFact | undefined): void {
  if (fn?.fingerprint) contract.fingerprint = fn.fingerprint;
  if (fn?.dateUses) contract.dateUses = fn.dateUses;
}

function isUntypedSingleParam(handler: HandlerFact): boolean {
  const param = handler.params[0];
  return handler.params.length === 1 && param !== undefined && param.type === undefined && param.optionality !== 'rest' && /^[A-Za-z_$][\w$]*$/.test(param.name);
}

/** The fields of a schema held as a value (a reference, a derived schema), where it resolves to a zod object schema. */
export function resolveSchema(file: string, schema: ValueFact | null, context: { resolver: ProjectResolver }): { file: string; fields: Array<Member & { file?: string }> } | undefined {
  const resolved = schema && context.resolver.deref({ file, value: schema });
  return resolved?.value.kind === 'schema' ? { file: resolved.file, fields: context.resolver.expandFields(resolved.file, resolved.value.fields) } : undefined;
}
