// node:vm on QuickJS: code runs in this context (runInThisContext, Script#runInThisContext,
// through an indirect eval); new contexts need a fresh QuickJS context per call, which is not
// built yet, so those calls fail.
import { invalidArgType } from 'qjsw:internal/errors';
import { notAvailable, unavailableFunction } from 'qjsw:internal/unavailable';

const globalEval = eval;

export class Script {
  constructor(code, options) {
    if (typeof options === 'string') options = { filename: options };
    this.code = String(code);
    this.filename = options?.filename ?? 'evalmachine.<anonymous>';
    // a syntax error throws now, as in Node
    new Function(`return () => {\n${this.code}\n}`);
  }
  runInThisContext() { return globalEval(this.code); }
  runInContext() { throw notAvailable('vm contexts'); }
  runInNewContext() { throw notAvailable('vm contexts'); }
  createCachedData() { return new Uint8Array(0); }
}
export function runInThisContext(code, options) {
  if (typeof code !== 'string') throw invalidArgType('code', 'string', code);
  return new Script(code, options).runInThisContext();
}
export function createScript(code, options) { return new Script(code, options); }
export const createContext = unavailableFunction('createContext', 'vm contexts');
export const runInContext = unavailableFunction('runInContext', 'vm contexts');
export const runInNewContext = unavailableFunction('runInNewContext', 'vm contexts');
export const isContext = () => false;
export const compileFunction = unavailableFunction('compileFunction', 'vm.compileFunction');
export const measureMemory = () => Promise.reject(notAvailable('vm.measureMemory'));
export const constants = { USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol('USE_MAIN_CONTEXT_DEFAULT_LOADER'), DONT_CONTEXTIFY: Symbol('DONT_CONTEXTIFY') };

export default { Script, createContext, createScript, runInContext, runInNewContext, runInThisContext, isContext, compileFunction, measureMemory, constants };
