// Runs one msgsim gateway simulator in a container, the way CI and users with their own ESME run it.
// Containers carry a label so leftovers of an aborted run can be found and removed (there is no Ryuk).
import { GenericContainer, Wait, getContainerRuntimeClient } from 'testcontainers';
import { MSGSIM_IMAGE, configureTestcontainers } from './build-msgsim-image.ts';

export const MSGSIM_CONTAINER_LABEL = 'org.msgsim.test';

// Every simulator prints `<gateway> <scheme> listening on <url>` and `<gateway> admin listening on <url>`.
const GATEWAYS = {
  smsvas: { port: 2775, adminPort: 9775, scheme: 'smpp', path: '' },
  gmmsc: { port: 8081, adminPort: 9081, scheme: 'http', path: '/mm7' },
  rcs: { port: 8082, adminPort: 9082, scheme: 'http', path: '' },
  xroshot: { port: 8083, adminPort: 9083, scheme: 'tcp', path: '' },
} as const;
export type ContainerGateway = keyof typeof GATEWAYS;

export interface StartGatewayContainerOptions {
  image?: string;
  /** Config YAML copied into the container and passed as --config. */
  configYaml?: string;
  startTimeoutMs?: number;
}

export interface GatewayContainer {
  host: string;
  port: number;
  adminUrl: string;
  /** e.g. smpp://msgsim:secret@127.0.0.1:32771, http://msgsim:secret@127.0.0.1:32772/mm7 */
  target(user?: string, password?: string): string;
  /** What the simulator printed so far. */
  logs(): Promise<string>;
  stop(): Promise<void>;
}

export async function startGatewayContainer(gateway: ContainerGateway, opts: StartGatewayContainerOptions = {}): Promise<GatewayContainer> {
  configureTestcontainers();
  const spec = GATEWAYS[gateway];
  const command = ['gateway', gateway, '--host', '0.0.0.0', '--port', String(spec.port), '--admin-port', String(spec.adminPort)];
  // Kept from the first byte: when the wait fails, testcontainers removes the container and its logs.
  let output = '';
  let container = new GenericContainer(opts.image ?? MSGSIM_IMAGE)
    .withLabels({ [MSGSIM_CONTAINER_LABEL]: 'true', [`${MSGSIM_CONTAINER_LABEL}.gateway`]: gateway })
    .withLogConsumer((stream) => stream.on('data', (chunk: Buffer | string) => (output = (output + chunk.toString()).slice(-20_000))))
    .withExposedPorts(spec.port, spec.adminPort)
    // A log wait, because the default port wait runs /bin/sh inside the container and the base has none.
    .withWaitStrategy(
      Wait.forAll([Wait.forLogMessage(new RegExp(`${gateway} ${spec.scheme} listening on`)), Wait.forLogMessage(new RegExp(`${gateway} admin listening on`))]),
    )
    .withStartupTimeout(opts.startTimeoutMs ?? 60_000);
  if (opts.configYaml !== undefined) {
    const target = `/config/${gateway}.yaml`;
    container = container.withCopyContentToContainer([{ content: opts.configYaml, target }]);
    command.push('--config', target);
  }
  let started;
  try {
    started = await container.withCommand(command).start();
  } catch (err) {
    throw new Error(`${gateway} container did not start: ${(err as Error).message}\n--- container output ---\n${output || '(nothing)'}`);
  }
  const host = started.getHost();
  const port = started.getMappedPort(spec.port);
  const adminUrl = `http://${host}:${started.getMappedPort(spec.adminPort)}`;
  return {
    host,
    port,
    adminUrl,
    target: (user = 'msgsim', password = 'secret') =>
      `${spec.scheme}://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}${spec.path}`,
    logs: async () => output,
    stop: async () => {
      await started.stop({ timeout: 5_000 });
    },
  };
}

/** Removes every container this helper labelled, running or not (leftovers of an aborted run). */
export async function removeMsgsimContainers(): Promise<number> {
  configureTestcontainers();
  const client = await getContainerRuntimeClient();
  const docker = client.container.dockerode;
  const leftovers = await docker.listContainers({ all: true, filters: { label: [`${MSGSIM_CONTAINER_LABEL}=true`] } });
  for (const info of leftovers) {
    await docker.getContainer(info.Id).remove({ force: true });
  }
  return leftovers.length;
}
