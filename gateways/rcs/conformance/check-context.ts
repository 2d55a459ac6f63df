// The context one check runs in: the run's wire and webhook sink, a bearer token kept valid across
// checks, sends that back off while the target throttles, and results shared between checks.
import type { SharedResults } from '../../kit/conformance-check.ts';
import { TOKEN_PATH } from '../codec/token-schema.ts';
import { fail, VerdictSignal, describeAnswer, type CheckContext, type CheckSettings } from './conformance-check.ts';
import type { MaapWire, WireAnswer } from './maap-wire.ts';
import type { WebhookSink } from './webhook-sink.ts';

const THROTTLE_RETRIES = 10;

/** What the checks of one run share. */
export interface RunState {
  shared: SharedResults;
  token: { value: string; until: number } | null;
}

export function createCheckContext(settings: CheckSettings, wire: MaapWire, sink: WebhookSink | null, run: RunState): CheckContext {
  async function token(): Promise<string> {
    const held = run.token;
    if (held && performance.now() < held.until) return held.value;
    const a = await wire.request({ method: 'POST', path: TOKEN_PATH, form: { grant_type: 'client_credentials', client_id: settings.clientId, client_secret: settings.clientSecret } });
    const body = a.kind === 'answer' ? (a.body as { access_token?: unknown; expires_in?: unknown } | null) : null;
    if (a.kind !== 'answer' || a.status !== 200 || typeof body?.access_token !== 'string') {
      throw new VerdictSignal(fail(`cannot get a token to test with: token request got ${describeAnswer(a)} (see auth.token)`));
    }
    const lifetimeMs = Number(body.expires_in) * 1000;
    // Renewed with a margin, so a token never expires between this check and the target reading it.
    run.token = { value: body.access_token, until: performance.now() + (lifetimeMs > 0 ? Math.max(0, lifetimeMs - Math.min(30_000, lifetimeMs / 2)) : 0) };
    return body.access_token;
  }

  return {
    ...settings,
    wire,
    sink,
    token,
    async send(body, opts = {}) {
      const path = `/rcs/bot/v1/${encodeURIComponent(settings.botId)}/messages`;
      let a: WireAnswer = { kind: 'timeout' };
      for (let i = 0; i <= (opts.once ? 0 : THROTTLE_RETRIES); i++) {
        a = await wire.request({ method: 'POST', path, token: await token(), json: body });
        if (a.kind !== 'answer' || a.status !== 429) return a;
        await new Promise((r) => setTimeout(r, 100 * (i + 1)));
      }
      return a;
    },
    shared: run.shared,
  };
}
