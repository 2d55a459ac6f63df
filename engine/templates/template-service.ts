// Templates per tenant: registration, the review lifecycle (registered -> wording-review ->
// consistency-review -> approved, or rejected at any review) and rendering for sends. The service is
// the only writer of templates, so it keeps parsed templates in memory and a send never reads the store
// once a template is loaded.
import type { Clock } from '../../gateways/kit/clock.ts';
import { EngineError } from '../engine-errors.ts';
import type { FieldError } from '../intake/intake.ts';
import type { ContentKind, Language } from '../message.ts';
import type { Store } from '../store/store.ts';
import type { Template, TemplateState } from './template.ts';
import { checkTemplateInput, isLanguage, type ParsedBody, type TemplateInput } from './template-input.ts';
import { parseTemplateText, renderText } from './template-text.ts';

export type { TemplateInput };

/** Registration input that fails validation; `errors` names every field (bodies.vi.text, name, ...). */
export class TemplateInputError extends EngineError {
  readonly errors: FieldError[];
  constructor(errors: FieldError[]) {
    super('ENGINE_ERR_BAD_REQUEST', `invalid template: ${errors.map((e) => `${e.field || 'template'}: ${e.message}`).join('; ')}`);
    this.errors = errors;
  }
}

export type TemplateStore = Pick<Store, 'saveTemplate' | 'getTemplate' | 'listTemplates'>;

export interface ReviewInput {
  decision: 'pass' | 'reject';
  note?: string;
}

export type RenderResult =
  | { ok: true; subject?: string; text: string; ad: boolean; kind: ContentKind; language: Language }
  | { ok: false; error: FieldError };

export interface TemplateService {
  register(tenant: string, input: TemplateInput): Promise<Template>;
  review(tenant: string, id: string, input: ReviewInput): Promise<Template>;
  get(tenant: string, id: string): Promise<Template | null>;
  list(tenant: string): Promise<Template[]>;
  /** Variables are plain text; every placeholder of the template needs one (strings or finite numbers). */
  render(tenant: string, id: string, language: Language | undefined, variables: Record<string, string>): Promise<RenderResult>;
}

const NEXT_STAGE: Partial<Record<TemplateState, TemplateState>> = {
  registered: 'wording-review',
  'wording-review': 'consistency-review',
  'consistency-review': 'approved',
};

interface Loaded {
  template: Template;
  bodies: Map<Language, ParsedBody>;
}

function load(template: Template): Loaded {
  const bodies = new Map<Language, ParsedBody>();
  for (const [language, body] of Object.entries(template.bodies)) {
    if (!isLanguage(language) || body === undefined) continue;
    const text = parseTemplateText(body.text);
    // A stored template was valid when registered; a body that no longer parses is left out, not guessed.
    if (!text.ok) continue;
    const subject = body.subject === undefined || body.subject === '' ? undefined : parseTemplateText(body.subject);
    bodies.set(language, subject?.ok ? { text: text.parsed, subject: subject.parsed } : { text: text.parsed });
  }
  return { template, bodies };
}

const fieldError = (field: string, code: FieldError['code'], message: string): RenderResult => ({ ok: false, error: { field, code, message } });

export function createTemplateService(opts: { store: TemplateStore; clock: Clock }): TemplateService {
  const { store, clock } = opts;
  const cache = new Map<string, Loaded>();
  const locks = new Map<string, Promise<unknown>>();
  const key = (tenant: string, id: string): string => `${tenant}\u0000${id}`;

  // Writes to one key run one after another, so two reviews cannot both advance from the same stage.
  function serialize<T>(k: string, fn: () => Promise<T>): Promise<T> {
    const run = (locks.get(k) ?? Promise.resolve()).then(fn, fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    locks.set(k, tail);
    void tail.then(() => {
      if (locks.get(k) === tail) locks.delete(k);
    });
    return run;
  }

  async function find(tenant: string, id: string): Promise<Loaded | null> {
    const k = key(tenant, id);
    const hit = cache.get(k);
    if (hit !== undefined) return hit;
    const t = await store.getTemplate(tenant, id);
    if (t === null) return null;
    const loaded = load(t);
    cache.set(k, loaded);
    return loaded;
  }

  async function save(t: Template, bodies: Map<Language, ParsedBody>): Promise<Template> {
    await store.saveTemplate(t);
    cache.set(key(t.tenant, t.id), { template: t, bodies });
    return structuredClone(t);
  }

  return {
    register(tenant, input) {
      const checked = checkTemplateInput(input);
      if (!checked.ok) return Promise.reject(new TemplateInputError(checked.errors));
      const v = checked.value;
      return serialize(`tenant\u0000${tenant}`, async () => {
        const existing = await store.listTemplates(tenant);
        if (existing.some((t) => t.name === v.name)) throw new EngineError('ENGINE_ERR_CONFLICT', `tenant ${tenant} already has a template named ${v.name}`);
        const ids = new Set(existing.map((t) => t.id));
        let id = v.id;
        if (id !== undefined) {
          if (ids.has(id)) throw new EngineError('ENGINE_ERR_CONFLICT', `tenant ${tenant} already has a template ${id}`);
        } else {
          // Templates are never deleted, so the count is a fresh number; the loop only skips tenant-chosen ids.
          let n = existing.length + 1;
          while (ids.has(`tpl-${n}`)) n++;
          id = `tpl-${n}`;
        }
        const at = clock.now();
        const template: Template = {
          id,
          tenant,
          name: v.name,
          kind: v.kind,
          ad: v.ad,
          bodies: v.bodies,
          defaultLanguage: v.defaultLanguage,
          variables: v.variables,
          state: 'registered',
          history: [{ state: 'registered', at }],
          createdAt: at,
          updatedAt: at,
        };
        return save(template, v.parsed);
      });
    },

    review(tenant, id, input) {
      const decision = (input as Partial<ReviewInput> | null)?.decision;
      const note = (input as Partial<ReviewInput> | null)?.note;
      if (decision !== 'pass' && decision !== 'reject') {
        return Promise.reject(new TemplateInputError([{ field: 'decision', code: 'ENGINE_ERR_BAD_REQUEST', message: 'decision is pass or reject' }]));
      }
      if (note !== undefined && typeof note !== 'string') {
        return Promise.reject(new TemplateInputError([{ field: 'note', code: 'ENGINE_ERR_BAD_REQUEST', message: 'note is a string' }]));
      }
      return serialize(key(tenant, id), async () => {
        const found = await find(tenant, id);
        if (found === null) throw new EngineError('ENGINE_ERR_NOT_FOUND', `no template ${id} for tenant ${tenant}`);
        const t = found.template;
        const next = decision === 'reject' ? 'rejected' : NEXT_STAGE[t.state];
        if (t.state === 'approved' || t.state === 'rejected' || next === undefined) {
          throw new EngineError('ENGINE_ERR_CONFLICT', `template ${id} is ${t.state}; reviews are over`);
        }
        const at = clock.now();
        const entry: Template['history'][number] = note === undefined ? { state: next, at } : { state: next, at, note };
        return save({ ...t, state: next, history: [...t.history, entry], updatedAt: at }, found.bodies);
      });
    },

    async get(tenant, id) {
      const found = await find(tenant, id);
      return found === null ? null : structuredClone(found.template);
    },

    list(tenant) {
      return store.listTemplates(tenant);
    },

    async render(tenant, id, language, variables) {
      const found = await find(tenant, id);
      if (found === null) return fieldError('template.id', 'ENGINE_ERR_UNKNOWN_TEMPLATE', `no template ${String(id).slice(0, 64)}`);
      const t = found.template;
      if (t.state !== 'approved') return fieldError('template.id', 'ENGINE_ERR_TEMPLATE_NOT_APPROVED', `template ${t.id} is ${t.state}, not approved`);
      const lang = language ?? t.defaultLanguage;
      const body = isLanguage(lang) ? found.bodies.get(lang) : undefined;
      if (body === undefined) {
        return fieldError('template.language', 'ENGINE_ERR_TEMPLATE_VARIABLE', `template ${t.id} has no body in ${String(lang).slice(0, 10)}; it has ${[...found.bodies.keys()].join(', ')}`);
      }
      if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
        return fieldError('template.variables', 'ENGINE_ERR_TEMPLATE_VARIABLE', 'variables maps each placeholder name to its text');
      }
      const values = new Map<string, string>();
      for (const name of t.variables) {
        const v: unknown = Object.hasOwn(variables, name) ? variables[name] : undefined;
        if (typeof v === 'string') values.set(name, v);
        else if (typeof v === 'number' && Number.isFinite(v)) values.set(name, String(v));
        else return fieldError(`template.variables.${name}`, 'ENGINE_ERR_TEMPLATE_VARIABLE', v === undefined ? `variable ${name} is missing` : `variable ${name} must be text`);
      }
      const out: RenderResult = { ok: true, text: renderText(body.text, values), ad: t.ad, kind: t.kind, language: lang as Language };
      if (body.subject !== undefined) out.subject = renderText(body.subject, values);
      return out;
    },
  };
}
