import { personalDataStoreOf, registerPersonalDataStore, unregisterPersonalDataStore, type PersonalDataStore } from './personalDataStores';

const aStore = (): PersonalDataStore => ({
  async block() {},
  async erase() {},
  async retrieveBlocked() {
    return null;
  },
});

describe('personal data store registry', () => {
  it('gives back the store registered for a case type, and none for another', () => {
    const store = aStore();
    registerPersonalDataStore('alert', store);
    try {
      expect(personalDataStoreOf('alert')).toBe(store);
      expect(personalDataStoreOf('request')).toBeUndefined();
      // Registering the same store again (a module imported twice) is harmless.
      expect(() => registerPersonalDataStore('alert', store)).not.toThrow();
    } finally {
      unregisterPersonalDataStore('alert', store);
    }
    expect(personalDataStoreOf('alert')).toBeUndefined();
  });

  it('refuses a second, different store for the same case type', () => {
    const first = aStore();
    registerPersonalDataStore('request', first);
    try {
      expect(() => registerPersonalDataStore('request', aStore())).toThrow(/registered already/);
      // Unregistering someone else's store leaves the registered one in place.
      unregisterPersonalDataStore('request', aStore());
      expect(personalDataStoreOf('request')).toBe(first);
    } finally {
      unregisterPersonalDataStore('request', first);
    }
  });
});
