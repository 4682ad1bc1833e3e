/**
 * Code that looks like a job layer, whoever claims it: object literals typed like job
 * definitions, calls that send `{ name, payload }` requests, classes that give a worker or queue
 * base class a topic through `super(...)`. Read from one file's syntax, by name patterns; what
 * this finds is a guess for `safe-jobs doctor` to show, never a job or a finding.
 */
import { getCalleeName } from '../adapters/shared/calls.js';
import { simpleTraverse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { getObjectPath, getObjectProperty, getTypeReferenceName, withoutTypeAssertions } from '../adapters/shared/syntax.js';

export interface Place {
  file: string;
  line: number;
  endLine: number;
}

/** `{ trigger: { name }, handler } satisfies JobDefinition`: the keys that would describe it. */
export interface DefinitionLike extends Place {
  kind: 'definition';
  /** How the object is found: its type name, or the call it is passed to. */
  by: { type: string } | { call: string };
  name: string;
  handler: string;
  schema?: string;
  payloadKey?: string;
  /** `const exportJob = defineJob({...})`: the binding the definition call's result is kept in. */
  variable?: string;
}

/** `exportJob.dispatch(payload)`: a method called on a binding, to pair with the definition kept there. */
export interface BindingCall {
  variable: string;
  method: string;
}

/** `jobs.triggerJob({ name: 'x', payload })`: a request object naming a job. */
export interface RequestLike extends Place {
  kind: 'request';
  method: string;
  arg: number;
  nameKey: string;
  dataKey: string;
}

/** `class EmailWorkerService extends WorkerBase { constructor() { super(Topics.Email) } }`. */
export interface TopicClassLike extends Place {
  kind: 'topic-class';
  role: 'worker' | 'producer';
  className: string;
  base: string;
  /** Methods of the class, for a worker's handler and a producer's enqueue methods. */
  methods: string[];
}

export type JobLike = DefinitionLike | RequestLike | TopicClassLike;

/** Every class of the file with its superclass and methods: a worker's handler may be a subclass's method. */
export interface ClassOutline {
  name: string;
  base?: string;
  methods: string[];
}

/** The cheap text test that selects files worth parsing for job-like code. */
export const JOB_LIKE_TOKENS = /satisfies|\bclass +[A-Za-z0-9_$]+|[A-Za-z0-9_$] *\( *\{|\bsuper *\(|[:)] *[A-Z][A-Za-z0-9_$]*(Job|Task|Worker)|\b(define|create)[A-Z][A-Za-z0-9_$]*(Job|Task) *\(|\. *[a-z][A-Za-z0-9_$]* *\( *\{/;

const DEFINITION_TYPE = /(Job|Task|Worker)[A-Za-z]*(Definition|Config|Options|Spec)?$/;
const DEFINITION_CALL = /^(define|create|register)[A-Za-z]*(Job|Task|Queue|Worker)$/;
const NAME_PATHS = ['trigger.name', 'trigger.event', 'slug', 'id', 'name', 'jobName', 'type', 'event'];
const HANDLER_KEYS = ['handler', 'run', 'perform', 'handle', 'process', 'execute'];
const SCHEMA_PATHS = ['trigger.schema', 'schema', 'inputSchema', 'payloadSchema'];
const PAYLOAD_KEYS = ['payload', 'input', 'data', 'args'];
/** A verb that sends work, alone or naming what it sends (`addJob`, `enqueueTask`, `publishEvent`), not `addAdjustment`. */
const ENQUEUE_METHOD = /^(trigger|enqueue|dispatch|schedule|queue|add|send|push|publish|emit)(Job|Jobs|Task|Tasks|Event|Events|Message|Messages|Bulk|Batch|ToQueue|JobToQueue|JobsToQueue|Later|Now|In|At)?$/;
/** `push` on anything but a queue is an array's: `events.push({ type, data })` is no job. */
const PUSH_RECEIVER = /(queue|bus|client|boss|producer|publisher|broker|jobs|tasks)$/i;
const REQUEST_NAME_KEYS = ['name', 'job', 'task', 'type', 'event', 'jobName'];
const REQUEST_DATA_KEYS = ['payload', 'data', 'input', 'args', 'params'];
const WORKER_BASE = /(Worker|Processor|Consumer)[A-Za-z]*$/;
const PRODUCER_BASE = /(Queue|Producer|Publisher)[A-Za-z]*$/;

type Node = TSESTree.Node;

export function findJobLike(file: string, program: TSESTree.Program): { found: JobLike[]; classes: ClassOutline[]; calls: BindingCall[] } {
  const found: JobLike[] = [];
  const classes: ClassOutline[] = [];
  const calls: BindingCall[] = [];
  simpleTraverse(program, {
    enter(node, parent) {
      switch (node.type) {
        case 'TSSatisfiesExpression':
        case 'TSAsExpression':
          addTyped(file, node.typeAnnotation, node.expression, found);
          break;
        case 'VariableDeclarator':
          if (node.id.type === 'Identifier' && node.id.typeAnnotation && node.init) addTyped(file, node.id.typeAnnotation.typeAnnotation, node.init, found);
          break;
        case 'CallExpression':
          addCall(file, node, parent, found, calls);
          break;
        case 'ClassDeclaration':
          if (node.id) classes.push({ name: node.id.name, ...(node.superClass?.type === 'Identifier' ? { base: node.superClass.name } : {}), methods: getMethods(node) });
          addTopicClass(file, node, found);
          break;
      }
    },
  });
  return { found, classes, calls };
}

function getMethods(node: TSESTree.ClassDeclaration): string[] {
  return node.body.body.flatMap((element) => (element.type === 'MethodDefinition' && element.kind === 'method' && element.key.type === 'Identifier' ? [element.key.name] : []));
}

function addTyped(file: string, annotation: TSESTree.TypeNode, value: Node, found: JobLike[]): void {
  const type = getTypeReferenceName(annotation);
  if (!type || !DEFINITION_TYPE.test(type)) return;
  const definition = readDefinition(file, withoutTypeAssertions(value), { type });
  if (definition) found.push(definition);
}

function addCall(file: string, node: TSESTree.CallExpression, parent: Node | undefined, found: JobLike[], calls: BindingCall[]): void {
  const callee = node.callee;
  const calleeName = getCalleeName(callee);
  // A call named like a definer (`defineJob`, `jobQueueService.createQueue`), or any function given an object with a name, a handler and a schema.
  const definition = calleeName && node.arguments[0] ? readDefinition(file, withoutTypeAssertions(node.arguments[0]), { call: calleeName }) : undefined;
  if (definition && (DEFINITION_CALL.test(calleeName!) || (callee.type === 'Identifier' && definition.schema))) {
    const holder = parent?.type === 'AwaitExpression' ? parent.parent : parent;
    if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier') definition.variable = holder.id.name;
    found.push(definition);
    return;
  }
  if (callee.type === 'Identifier') return;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !ENQUEUE_METHOD.test(callee.property.name)) return;
  if (callee.property.name === 'push' && !PUSH_RECEIVER.test(getReceiverName(callee.object) ?? '')) return;
  if (callee.object.type === 'Identifier') calls.push({ variable: callee.object.name, method: callee.property.name });
  node.arguments.forEach((arg, index) => {
    if (arg.type !== 'ObjectExpression') return;
    const nameKey = REQUEST_NAME_KEYS.find((key) => isNameValue(getObjectProperty(arg, key)));
    const dataKey = REQUEST_DATA_KEYS.find((key) => getObjectProperty(arg, key) !== undefined);
    if (nameKey && dataKey) found.push({ kind: 'request', file, line: node.loc.start.line, endLine: node.loc.end.line, method: (callee.property as TSESTree.Identifier).name, arg: index, nameKey, dataKey });
  });
}

/** `queue`, `this.jobQueue`, `services.bus`: the last name of a receiver. */
function getReceiverName(node: TSESTree.Expression): string | undefined {
  if (node.type === 'Identifier') return node.name;
  return node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' ? node.property.name : undefined;
}

function readDefinition(file: string, node: Node, by: DefinitionLike['by']): DefinitionLike | undefined {
  if (node.type !== 'ObjectExpression') return undefined;
  const name = NAME_PATHS.find((path) => isNameValue(getObjectPath(node, path)));
  const handler = HANDLER_KEYS.find((key) => isHandlerValue(getObjectProperty(node, key)));
  if (!name || !handler) return undefined;
  const definition: DefinitionLike = { kind: 'definition', file, line: node.loc.start.line, endLine: node.loc.end.line, by, name, handler };
  const schema = SCHEMA_PATHS.find((path) => isSchemaValue(getObjectPath(node, path)));
  if (schema) definition.schema = schema;
  const fn = getObjectProperty(node, handler);
  const first = isFunction(fn) ? (fn as TSESTree.FunctionLike).params[0] : undefined;
  const pattern = first?.type === 'AssignmentPattern' ? first.left : first;
  if (pattern?.type === 'ObjectPattern') {
    const keys = pattern.properties.flatMap((property) => (property.type === 'Property' && property.key.type === 'Identifier' ? [property.key.name] : []));
    const payloadKey = PAYLOAD_KEYS.find((key) => keys.includes(key));
    if (payloadKey) definition.payloadKey = payloadKey;
  }
  return definition;
}

function addTopicClass(file: string, node: TSESTree.ClassDeclaration, found: JobLike[]): void {
  const base = node.superClass?.type === 'Identifier' ? node.superClass.name : undefined;
  if (!node.id || !base) return;
  const role = WORKER_BASE.test(base) ? 'worker' : PRODUCER_BASE.test(base) ? 'producer' : undefined;
  if (!role) return;
  const constructor = node.body.body.find((element) => element.type === 'MethodDefinition' && element.kind === 'constructor') as TSESTree.MethodDefinition | undefined;
  const superCall = constructor?.value.body?.body.find(
    (statement): statement is TSESTree.ExpressionStatement => statement.type === 'ExpressionStatement' && statement.expression.type === 'CallExpression' && statement.expression.callee.type === 'Super',
  );
  const topic = superCall && (superCall.expression as TSESTree.CallExpression).arguments[0];
  if (!topic || !isNameValue(topic)) return;
  found.push({ kind: 'topic-class', file, line: node.loc.start.line, endLine: node.loc.end.line, role, className: node.id.name, base, methods: getMethods(node) });
}

/** A string literal, or a reference to a constant or an enum member: a name the plugin can know. */
function isNameValue(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'Literal') return typeof node.value === 'string';
  if (node.type === 'TemplateLiteral') return node.expressions.length === 0;
  if (node.type === 'Identifier') return /^[A-Z_$][A-Z0-9_$]*$/.test(node.name);
  if (node.type === 'MemberExpression') return !node.computed && node.object.type === 'Identifier' && /^[A-Z]/.test(node.object.name);
  return node.type === 'TSAsExpression' ? isNameValue(node.expression) : false;
}

function isSchemaValue(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'Identifier') return true;
  let current: Node = node;
  while (current.type === 'CallExpression' && current.callee.type === 'MemberExpression') current = current.callee.object;
  return current.type === 'Identifier' && current.name === 'z';
}

function isFunction(node: Node | undefined): boolean {
  return node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionExpression';
}

/** A handler written inline, or a function by reference (`handle: processExport`). */
function isHandlerValue(node: Node | undefined): boolean {
  return isFunction(node) || node?.type === 'Identifier' || (node?.type === 'MemberExpression' && !node.computed);
}

