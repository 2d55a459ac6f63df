// Builds the msgsim image from test/containers/msgsim.Dockerfile through the Docker API
// (testcontainers), so no docker CLI or BuildKit is needed and nothing is pulled.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { GenericContainer, ImageName, getContainerRuntimeClient } from 'testcontainers';
import { repoRoot } from '../interop/prerequisites.ts';

export const MSGSIM_IMAGE = process.env.MSGSIM_IMAGE ?? 'msgsim:test';
const nodeMajor = process.versions.node.split('.')[0];
export const LOCAL_NODE_BASE_IMAGE = `msgsim-node-base:${nodeMajor}`;

/**
 * testcontainers 11 on the CI machine: no Ryuk (its image cannot be pulled; containers are removed by
 * label instead) and the engine reached on loopback. A caller's own settings win.
 */
export function configureTestcontainers(): void {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
}

/** undefined when a Docker engine answers, else why not. */
export async function dockerEngineProblem(timeoutMs = 15_000): Promise<string | undefined> {
  configureTestcontainers();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([getContainerRuntimeClient(), timeout]);
    return undefined;
  } catch (err) {
    return `no reachable Docker engine (${(err as Error).message.split('\n')[0]})`;
  } finally {
    clearTimeout(timer);
  }
}

export interface BuildMsgsimImageOptions {
  /** Base image; default MSGSIM_NODE_IMAGE or the locally imported msgsim-node-base:<node major>. */
  nodeImage?: string;
  tag?: string;
}

/** Builds (layer cache makes a rebuild of unchanged sources quick) and returns the image name. */
export async function buildMsgsimImage(opts: BuildMsgsimImageOptions = {}): Promise<string> {
  configureTestcontainers();
  const nodeImage = opts.nodeImage ?? process.env.MSGSIM_NODE_IMAGE ?? LOCAL_NODE_BASE_IMAGE;
  const tag = opts.tag ?? MSGSIM_IMAGE;
  const client = await getContainerRuntimeClient();
  if (nodeImage === LOCAL_NODE_BASE_IMAGE && !(await client.image.exists(ImageName.fromString(nodeImage)))) {
    const script = join(repoRoot, 'scripts/build-node-base-image.sh');
    const built = spawnSync('bash', [script], { encoding: 'utf8', timeout: 120_000 });
    if (built.status !== 0) throw new Error(`${script} failed:\n${built.stdout}\n${built.stderr}`);
  }
  await GenericContainer.fromDockerfile(repoRoot, 'test/containers/msgsim.Dockerfile')
    .withBuildArgs({ NODE_IMAGE: nodeImage })
    .build(tag, { deleteOnExit: false });
  await removeSupersededImages();
  return tag;
}

/** Each rebuild after a source change leaves the previous msgsim image untagged; drop those. */
async function removeSupersededImages(): Promise<void> {
  const docker = (await getContainerRuntimeClient()).container.dockerode;
  const stale = await docker.listImages({ filters: { dangling: ['true'], label: ['org.msgsim.image=msgsim'] } });
  for (const image of stale) {
    // An image still used by a (leftover) container stays; it goes with the next cleanup.
    await docker.getImage(image.Id).remove().catch(() => undefined);
  }
}
