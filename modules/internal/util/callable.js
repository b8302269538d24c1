// Node's constructors written as functions work without `new` (net.Socket(), http.Server());
// ours are classes: the constructor exported is the class behind a proxy that constructs when
// called, and is what instances name as their constructor.
export function callable(Class) {
  const proxy = new Proxy(Class, { apply: (target, thisArg, args) => Reflect.construct(target, args) });
  Object.defineProperty(Class.prototype, 'constructor', { value: proxy, writable: true, configurable: true });
  return proxy;
}
