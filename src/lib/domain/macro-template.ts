/**
 * Macro templates: the reply and note texts of a macro, with variables rendered by Liquid
 * (`liquidjs`). Liquid is a logic-light template language that never runs JavaScript; on top of
 * that this engine is locked down so a template is a pure function of the variables below:
 *
 *   - strict variables and filters: a name the context does not hold (`{{ ticket.nope }}`) or a
 *     filter Liquid does not have is an error, shown in the preview, so raw `{{ … }}` or an empty
 *     hole never reaches a customer;
 *   - only own properties are looked up (no `constructor`, no prototype walk);
 *   - no file system: `include`, `render`, `layout` and `block` are refused when parsed;
 *   - bounded work: parse, render and memory limits stop `{% for i in (1..1e9) %}`.
 *
 * The same check runs at save (`templateProblem`: unknown variables and unbalanced tags are
 * refused there, naming the field) and at render, on every device, so a macro saved by an older
 * app that now names a variable this app lacks is still caught before anything is written.
 *
 * Variables a template may use are `MACRO_VARIABLES`. The context always holds every one of
 * them; a value that is not known (a ticket without requester) is `null`, so
 * `{{ requester.first_name | default: "there" }}` falls back instead of failing.
 */
import { MAX_TEMPLATE_LENGTH } from './macro-record';
import {
  Liquid,
  Tag,
  type TagToken,
  type Template,
  type TopLevelToken,
  type Liquid as Engine
} from 'liquidjs';

/** Every variable a macro template may name, as dotted paths. */
export const MACRO_VARIABLES = [
  'ticket.number',
  'ticket.ref',
  'ticket.subject',
  'ticket.status',
  'ticket.priority',
  'ticket.channel',
  'requester.name',
  'requester.first_name',
  'requester.email',
  'agent.name',
  'agent.first_name',
  'assignee.name',
  'assignee.first_name'
] as const;
export type MacroVariable = (typeof MACRO_VARIABLES)[number];

const KNOWN = new Set<string>(MACRO_VARIABLES);
/**
 * `ticket.fields.<key>`: a custom field's value as a reader sees it (`custom-fields.ts`). Any
 * key is accepted at save (the templates are checked without the definitions); one the
 * workspace does not define is an unknown variable when rendered, so never sent raw.
 */
const FIELD_VARIABLE = /^ticket\.fields\.[a-z][a-z0-9_]{0,39}$/;

/** What a template is rendered against: every `MACRO_VARIABLES` path, `null` when unknown. */
export interface MacroContext {
  ticket: {
    number: number | null;
    ref: string;
    subject: string;
    status: string;
    priority: string;
    channel: string;
    /** Custom field values by key, formatted; `null` when the ticket leaves one empty. */
    fields?: Record<string, string | null>;
  };
  requester: { name: string | null; first_name: string | null; email: string | null };
  agent: { name: string; first_name: string };
  assignee: { name: string | null; first_name: string | null };
}

/** Why a template cannot be used; `detail` is the engine's English, for logs and admins. */
export type TemplateProblem =
  | { kind: 'unknown-variable'; name: string; line: number | null }
  | { kind: 'unknown-filter'; name: string; line: number | null }
  | { kind: 'forbidden-tag'; name: string; line: number | null }
  | { kind: 'syntax'; detail: string; line: number | null }
  | { kind: 'too-large'; detail: string };

export type RenderResult = { ok: true; text: string } | { ok: false; problem: TemplateProblem };

const LIMITS = { parseLimit: 100_000, renderLimit: 200, memoryLimit: 1_000_000 } as const;

const FORBIDDEN_TAGS = ['include', 'render', 'layout', 'block', 'tablerow', 'cycle'] as const;

class ForbiddenTagError extends Error {
  constructor(readonly tag: string) {
    super(`the tag {% ${tag} %} is not allowed in macros`);
  }
}

let engine: Engine | null = null;

/** One engine per process, made on first use (no work at import time). */
function liquid(): Engine {
  if (engine) return engine;
  const made = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    lenientIf: false,
    cache: false,
    ...LIMITS,
    // No file system in either the browser or the server: a partial is never looked up.
    fs: {
      exists: async () => false,
      existsSync: () => false,
      readFile: async () => Promise.reject(new Error('no files')),
      readFileSync: () => {
        throw new Error('no files');
      },
      resolve: (_dir: string, file: string) => file
    },
    relativeReference: false
  });
  for (const name of FORBIDDEN_TAGS) {
    made.registerTag(
      name,
      class extends Tag {
        constructor(token: TagToken, remain: TopLevelToken[], liquidEngine: Engine) {
          super(token, remain, liquidEngine);
          throw new ForbiddenTagError(name);
        }
        *render(): Generator<unknown, void, unknown> {}
      }
    );
  }
  engine = made;
  return made;
}

function lineOf(error: unknown): number | null {
  const match = /line:(\d+)/.exec(error instanceof Error ? error.message : '');
  return match ? Number(match[1]) : null;
}

function problemOf(error: unknown): TemplateProblem {
  // liquidjs wraps an error thrown while parsing a tag; ours is found in the wrapper's chain.
  let cause: unknown = error;
  for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
    if (cause instanceof ForbiddenTagError) {
      return { kind: 'forbidden-tag', name: cause.tag, line: lineOf(error) };
    }
    cause = (cause as { originalError?: unknown }).originalError ?? cause.cause;
  }
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  const undefinedVariable = /undefined variable: ([^,\s]+)/.exec(message);
  if (name === 'UndefinedVariableError' && undefinedVariable?.[1]) {
    return { kind: 'unknown-variable', name: undefinedVariable[1], line: lineOf(error) };
  }
  const undefinedFilter = /undefined filter: ([^,\s]+)/.exec(message);
  if (undefinedFilter?.[1]) {
    return { kind: 'unknown-filter', name: undefinedFilter[1], line: lineOf(error) };
  }
  if (/limit exceeded/.test(message)) return { kind: 'too-large', detail: message.slice(0, 200) };
  return { kind: 'syntax', detail: message.slice(0, 200), line: lineOf(error) };
}

/**
 * Why `template` cannot be saved, or `null`: too long, unbalanced or unknown tags, unknown
 * filters, or a variable outside `MACRO_VARIABLES` (found statically, so a variable inside a
 * branch that would not render today is caught too). Variables the template assigns itself
 * (`{% assign %}`, `{% capture %}`, loop variables) are its own and allowed.
 */
export function templateProblem(template: string): TemplateProblem | null {
  const parsed = parsedTemplate(template);
  return 'kind' in parsed ? parsed : null;
}

/**
 * Parsed templates and problems by their text: a macro is previewed on every key press in the
 * picker and applied again and again, and parsing is most of the work. Bounded; the oldest
 * entry goes first.
 */
const parsedCache = new Map<string, Template[] | TemplateProblem>();
const PARSED_CACHE_SIZE = 200;

function parsedTemplate(template: string): Template[] | TemplateProblem {
  const cached = parsedCache.get(template);
  if (cached) return cached;
  const result = parseChecked(template);
  if (parsedCache.size >= PARSED_CACHE_SIZE) {
    const oldest = parsedCache.keys().next();
    if (!oldest.done) parsedCache.delete(oldest.value);
  }
  parsedCache.set(template, result);
  return result;
}

function parseChecked(template: string): Template[] | TemplateProblem {
  if (template.length > MAX_TEMPLATE_LENGTH) {
    return { kind: 'too-large', detail: `longer than ${MAX_TEMPLATE_LENGTH} characters` };
  }
  const engine = liquid();
  try {
    const parsed = engine.parse(template);
    for (const segments of engine.globalVariableSegmentsSync(parsed)) {
      const path = segments.map(String).join('.');
      const dynamic = segments.some((s) => typeof s !== 'string');
      if (dynamic || !(KNOWN.has(path) || FIELD_VARIABLE.test(path))) {
        return { kind: 'unknown-variable', name: path, line: null };
      }
    }
    return parsed;
  } catch (error) {
    return problemOf(error);
  }
}

/** Renders `template` against `context`; never throws, never returns a half-rendered text. */
export function renderTemplate(template: string, context: MacroContext): RenderResult {
  const parsed = parsedTemplate(template);
  if ('kind' in parsed) return { ok: false, problem: parsed };
  try {
    const text: unknown = liquid().renderSync(parsed, context);
    return { ok: true, text: String(text) };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
}

/** The engine's English for a problem, as a save refusal names it. */
export function describeTemplateProblem(problem: TemplateProblem): string {
  const at = 'line' in problem && problem.line !== null ? ` (line ${problem.line})` : '';
  switch (problem.kind) {
    case 'unknown-variable':
      return `unknown variable ${problem.name}${at}; known: ${MACRO_VARIABLES.join(', ')}, ticket.fields.<key>`;
    case 'unknown-filter':
      return `unknown filter ${problem.name}${at}`;
    case 'forbidden-tag':
      return `the tag ${problem.name} is not allowed in macros${at}`;
    case 'syntax':
      return problem.detail;
    case 'too-large':
      return `too large: ${problem.detail}`;
  }
}

/** The first word of a name, for `first_name`; `null` stays `null`. */
export function firstNameOf(name: string | null): string | null {
  if (name === null) return null;
  const first = name.trim().split(/\s+/)[0];
  return first ? first : null;
}
