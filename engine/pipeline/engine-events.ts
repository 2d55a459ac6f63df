// What the engine tells an observer (the scenario runner, tests) about each message as it moves:
// intake -> routing -> dispatch -> reports. Emitting costs nothing when nobody listens.
import type { GatewayName } from '../channel.ts';
import type { FallbackTrigger, MessageState } from '../message.ts';

export type EngineEvent =
  | { type: 'accepted'; id: string; tenant: string; state: MessageState; at: number }
  | { type: 'routed'; id: string; carrier: string; onNet: boolean; plan: string; at: number }
  | { type: 'submitted'; id: string; gateway: GatewayName; leg: number; gatewayIds: string[]; at: number }
  | { type: 'report'; id: string; gateway: GatewayName; gatewayId: string; outcome: string; final: boolean; late: boolean; at: number }
  | { type: 'fallback'; id: string; from: GatewayName; to: GatewayName; trigger: FallbackTrigger; at: number }
  | { type: 'final'; id: string; state: MessageState; reason?: string; at: number }
  | { type: 'circuit'; gateway: GatewayName; state: 'closed' | 'open' | 'half-open'; at: number }
  | { type: 'mo'; gateway: GatewayName; from: string; to: string | null; tenant: string | null; at: number }
  | { type: 'webhook'; kind: 'status' | 'mo'; id?: string; url: string; ok: boolean; attempt: number; at: number };

export type EngineEventListener = (e: EngineEvent) => void;

export interface EngineEvents {
  /** True when someone listens: callers skip building the event otherwise. */
  readonly active: boolean;
  emit(e: EngineEvent): void;
  on(listener: EngineEventListener): () => void;
}

export function createEngineEvents(onListenerError: (err: unknown) => void): EngineEvents {
  const listeners: EngineEventListener[] = [];
  return {
    get active() {
      return listeners.length > 0;
    },
    emit(e) {
      for (const l of listeners) {
        try {
          l(e);
        } catch (err) {
          onListenerError(err);
        }
      }
    },
    on(listener) {
      listeners.push(listener);
      return () => {
        const i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
  };
}
