// Network files from disk; without a path, the default network that ships with msgsim.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createNetwork } from './create-network.ts';
import type { Network } from './create-network.ts';
import { parseNetworkYaml } from './network-schema.ts';
import type { NetworkSpec } from './network-schema.ts';
import { NetworkError } from './network-errors.ts';

export const DEFAULT_NETWORK_PATH = fileURLToPath(new URL('./default-network.yaml', import.meta.url));

/** Read and validate a network file. Throws NETWORK_ERR_FILE / NETWORK_ERR_YAML / NETWORK_ERR_INVALID. */
export function loadNetworkSpec(path: string = DEFAULT_NETWORK_PATH): NetworkSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new NetworkError('NETWORK_ERR_FILE', `cannot read network file ${path}: ${(err as Error).message}`, { cause: err });
  }
  return parseNetworkYaml(text, path);
}

export function loadNetwork(path?: string): Network {
  return createNetwork(loadNetworkSpec(path));
}
