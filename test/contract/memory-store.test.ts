import { createMemoryStore } from '../../engine/store/memory-store.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('memory store', async () => {
  const store = createMemoryStore();
  return { store, cleanup: () => store.close() };
});
