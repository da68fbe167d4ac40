/**
 * The four Reflect metadata functions tsyringe (a dependency of @peculiar/x509) looks for at import. The
 * certificates built here use no injected constructor arguments, so a plain store is all it needs.
 */
type Target = object;
const store = new WeakMap<Target, Map<unknown, unknown>>();
const own = (target: Target): Map<unknown, unknown> => {
  let entries = store.get(target);
  if (!entries) store.set(target, (entries = new Map()));
  return entries;
};
const reflect = Reflect as unknown as Record<string, unknown>;
reflect['defineMetadata'] ??= (key: unknown, value: unknown, target: Target) => own(target).set(key, value);
reflect['getOwnMetadata'] ??= (key: unknown, target: Target) => store.get(target)?.get(key);
reflect['getMetadata'] ??= (key: unknown, target: Target): unknown => {
  for (let at: Target | null = target; at !== null; at = Object.getPrototypeOf(at) as Target | null) {
    const found = store.get(at)?.get(key);
    if (found !== undefined) return found;
  }
  return undefined;
};
reflect['metadata'] ??= (key: unknown, value: unknown) => (target: Target) => own(target).set(key, value);
