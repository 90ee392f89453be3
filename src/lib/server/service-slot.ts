/**
 * Where the Node entry hands a kind of service to SvelteKit's endpoints. adapter-node bundles
 * SvelteKit's server code apart from `server/main.ts`, so the two share no module instance:
 * they meet on `globalThis`, under one well-known symbol per kind (`Symbol.for`).
 */
export interface ServiceSlot<T> {
  register(services: T): void;
  /** The registered services; throws when Baton was not started through its Node entry. */
  get(): T;
}

/** The slot for one kind of service; `name` is its key (`baton.<name>`) and its error's words. */
export function serviceSlot<T>(name: string, what: string): ServiceSlot<T> {
  const key = Symbol.for(`baton.${name}`);
  const registry = globalThis as unknown as Record<symbol, T | undefined>;
  return {
    register(services) {
      registry[key] = services;
    },
    get() {
      const services = registry[key];
      if (!services) {
        throw new Error(`Baton ${what} are not registered: start Baton through server/main.ts.`);
      }
      return services;
    }
  };
}
