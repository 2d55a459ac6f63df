// Heap size after a full collection. Under vitest the worker has no --expose-gc, so the flag is set
// at run time and `gc` is taken from a fresh context, where V8 installs it once the flag is on.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setImmediate as tick } from 'node:timers/promises';

export interface HeapProbe {
  /** heapUsed in bytes after collecting garbage (twice: weak callbacks free more on the second pass). */
  settledHeap(): Promise<number>;
}

export function createHeapProbe(): HeapProbe {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  const collect = gc;
  return {
    async settledHeap() {
      for (let i = 0; i < 3; i++) {
        collect();
        await tick();
      }
      return process.memoryUsage().heapUsed;
    },
  };
}
