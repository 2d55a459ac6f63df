// The simulated network a scenario runs on: its network file (default: the bundled one) with the
// scenario's inline subscribers layered over it — pinned numbers merged over the file's, rules ahead of
// the file's rules (first match wins), ownCarrier and seed replacing the file's.
import { createNetwork, type Network } from '../../gateways/network/create-network.ts';
import { loadNetworkSpec } from '../../gateways/network/load-network.ts';
import type { NetworkSpec, NetworkSpecInput } from '../../gateways/network/network-schema.ts';
import type { Scenario } from '../scenario-schema.ts';

export function scenarioNetworkSpec(network: Scenario['network']): NetworkSpecInput {
  const base: NetworkSpec = loadNetworkSpec(network.file);
  const inline = network.subscribers;
  if (inline === undefined) return base;
  return {
    ...base,
    ...(inline.ownCarrier !== undefined ? { ownCarrier: inline.ownCarrier } : {}),
    ...(inline.seed !== undefined ? { seed: inline.seed } : {}),
    pinned: { ...base.pinned, ...(inline.pinned ?? {}) },
    rules: [...(inline.rules ?? []), ...base.rules],
  } as NetworkSpecInput;
}

export function createScenarioNetwork(network: Scenario['network']): Network {
  return createNetwork(scenarioNetworkSpec(network));
}
