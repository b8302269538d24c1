// vm.Module, vm.SourceTextModule and vm.SyntheticModule (Node's lib/internal/vm/module.js),
// over QuickJS's module records (qjsw:binding/vm's `module`, QuickJS patch 064). A record is
// made in its context and lives as long as that context; the wrapper that reaches it is this
// file's private field, so guest code holds a Module, never a record.
import { invalidArgType, invalidArgValue, nodeError } from 'qjsw:internal/errors';
import { isModuleNamespaceObject } from 'qjsw:internal/util/inspect';
import {
  validateBoolean, validateBuffer, validateInt32, validateObject, validateString, validateUint32,
} from 'qjsw:internal/vm_validators';
import { rewrite as rewriteAttributes, unmark } from 'qjsw:internal/import-attributes';

const OP = {
  compile: 0, synthetic: 1, requests: 2, link: 3, instantiate: 4, evaluate: 5, status: 6,
  error: 7, namespace: 8, setExport: 9,
};
// QuickJS's JS_MODULE_STATUS_*, and the bit of an evaluation that threw
const UNLINKED = 0, LINKING = 1, LINKED = 2, EVALUATING = 3, EVALUATING_ASYNC = 4, EVALUATED = 5;
const THREW = 0x100;
const RUN_IMPORT_MISSING = 8;
const RUN_IMPORT_MISSING_FLAG = 16;

const kEmptyObject = Object.freeze({ __proto__: null });
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');
const defaultModuleName = 'vm:module';
let globalModuleId = 0;
// contextified object -> the next id of its modules (Node keeps it on the object)
const perContextIds = new WeakMap();

let deps;
// Called once by node:vm: entryOf(context) is a context's { module, Error, afterEvaluate },
// thisEntry this context's, isContext and importFlagsFor as node:vm has them.
export function setup(d) {
  deps = d;
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'function', value);
}

function statusError(message) {
  return nodeError(Error, 'ERR_VM_MODULE_STATUS', `Module status ${message}`);
}

let warned = false;
function emitExperimentalWarning() {
  if (warned) return;
  warned = true;
  process.emitWarning('VM Modules is an experimental feature and might change at any time', 'ExperimentalWarning');
}

function codeOf(status) {
  const s = status & 0xff;
  if (s === UNLINKED) return 'unlinked';
  if (s === LINKING) return 'linking';
  if (s === LINKED) return 'linked';
  if (s === EVALUATING) return 'evaluating';
  return status & THREW ? 'errored' : 'evaluated';
}

export class Module {
  #wrap;
  #context;
  #entry;
  #identifier;

  constructor(options) {
    emitExperimentalWarning();
    if (new.target === Module) throw new TypeError('Module is not a constructor');
    const { context, sourceText, syntheticExportNames, syntheticEvaluationSteps } = options;
    if (context !== undefined) {
      validateObject(context, 'context');
      if (!deps.isContext(context)) throw invalidArgType('options.context', 'vm.Context', context);
    }
    let { identifier } = options;
    if (identifier !== undefined) {
      validateString(identifier, 'options.identifier');
    } else if (context === undefined) {
      identifier = `${defaultModuleName}(${globalModuleId++})`;
    } else {
      const id = perContextIds.get(context) ?? 0;
      perContextIds.set(context, id + 1);
      identifier = `${defaultModuleName}(${id})`;
    }
    const entry = context === undefined ? deps.thisEntry : deps.entryOf(context);
    this.#entry = entry;
    this.#context = context;
    // (Node's instances hold their context under a symbol too: util.inspect sees a key)
    this[kContext] = context;
    if (sourceText !== undefined) {
      const meta = options.initializeImportMeta;
      const self = this;
      // lineOffset/columnOffset: the record's code starts that far in
      const lines = options.lineOffset > 0 ? '\n'.repeat(Math.min(options.lineOffset, 1e5)) : '';
      const columns = options.columnOffset > 0 ? ' '.repeat(Math.min(options.columnOffset, 1e5)) : '';
      // (import attributes as QuickJS can parse them: carried in the specifiers)
      this.#wrap = entry.module(OP.compile, `${lines}${columns}${rewriteAttributes(sourceText, identifier, true)}`, identifier,
        meta === undefined ? undefined : (m) => { meta(m, self); },
        deps.importFlagsFor(options.importModuleDynamically),
        deps.importerFor(this, options.importModuleDynamically));
    } else {
      // (Node calls the steps on its internal ModuleWrap, whose setExport they may use: here
      // the module itself stands for it, so no internal object reaches guest code)
      this.#wrap = entry.module(OP.synthetic, identifier, syntheticExportNames, () => {
        syntheticEvaluationSteps.call(this);
      });
    }
    this.#identifier = identifier;
  }

  static wrapOf(module) {
    return #wrap in module ? module.#wrap : undefined;
  }

  static isModule(object) {
    return typeof object === 'object' && object !== null && #wrap in object;
  }

  static check(object, name) {
    if (object === null || typeof object !== 'object' || !(#wrap in object)) {
      throw invalidArgType('this', name, object);
    }
  }

  static op(module, op, ...args) {
    return module.#entry.module(op, module.#wrap, ...args);
  }

  static entry(module) {
    return module.#entry;
  }

  get identifier() {
    Module.check(this, 'Module');
    return this.#identifier;
  }

  get context() {
    Module.check(this, 'Module');
    return this.#context;
  }

  get namespace() {
    Module.check(this, 'Module');
    const s = Module.op(this, OP.status) & 0xff;
    if (s === UNLINKED || s === LINKING) throw statusError('must not be unlinked or linking');
    return Module.op(this, OP.namespace);
  }

  get status() {
    Module.check(this, 'Module');
    return codeOf(Module.op(this, OP.status));
  }

  get error() {
    Module.check(this, 'Module');
    const s = Module.op(this, OP.status);
    if (codeOf(s) !== 'errored') throw statusError('must be errored');
    return Module.op(this, OP.error);
  }

  async link(linker) {
    Module.check(this, 'Module');
    validateFunction(linker, 'linker');
    if (this.status === 'linked') throw nodeError(Error, 'ERR_VM_MODULE_ALREADY_LINKED', 'Module has already been linked');
    if (this.status !== 'unlinked') throw statusError('must be unlinked');
    await this[kLink](linker);
    Module.op(this, OP.instantiate);
  }

  async evaluate(options = kEmptyObject) {
    Module.check(this, 'Module');
    validateObject(options, 'options');
    let timeout = options.timeout;
    if (timeout === undefined) timeout = -1;
    else validateUint32(timeout, 'options.timeout', true);
    const { breakOnSigint = false } = options;
    validateBoolean(breakOnSigint, 'options.breakOnSigint');
    const status = this.status;
    if (status !== 'linked' && status !== 'evaluated' && status !== 'errored') {
      throw statusError('must be one of linked, evaluated, or errored');
    }
    const entry = this.#entry;
    await Module.op(this, OP.evaluate, timeout, () => {
      throw nodeError(entry.Error, 'ERR_SCRIPT_EXECUTION_TIMEOUT', `Script execution timed out after ${timeout}ms`);
    }, entry.afterEvaluate === true);
  }

  [inspectCustom](depth, options, inspect) {
    Module.check(this, 'Module');
    if (typeof depth === 'number' && depth < 0) return this;
    const constructor = getConstructorOf(this) || Module;
    const o = { __proto__: { constructor } };
    o.status = this.status;
    o.identifier = this.identifier;
    o.context = this.context;
    Object.setPrototypeOf(o, Object.getPrototypeOf(this));
    Object.defineProperty(o, Symbol.toStringTag, { __proto__: null, value: constructor.name, configurable: true });
    return inspect(o, { ...options, customInspect: false });
  }
}

function getConstructorOf(obj) {
  while (obj) {
    const descriptor = Object.getOwnPropertyDescriptor(obj, 'constructor');
    if (descriptor !== undefined && typeof descriptor.value === 'function' && descriptor.value.name !== '') {
      return descriptor.value;
    }
    obj = Object.getPrototypeOf(obj);
  }
  return null;
}

const kLink = Symbol('kLink');
const kContext = Symbol('kContext');
const kNoError = Symbol('kNoError');

export class SourceTextModule extends Module {
  #error = kNoError;
  #statusOverride;
  #dependencySpecifiers;

  constructor(sourceText, options = kEmptyObject) {
    validateString(sourceText, 'sourceText');
    validateObject(options, 'options');
    const {
      lineOffset = 0, columnOffset = 0, initializeImportMeta, importModuleDynamically, context,
      identifier, cachedData,
    } = options;
    validateInt32(lineOffset, 'options.lineOffset');
    validateInt32(columnOffset, 'options.columnOffset');
    if (initializeImportMeta !== undefined) validateFunction(initializeImportMeta, 'options.initializeImportMeta');
    if (importModuleDynamically !== undefined) validateFunction(importModuleDynamically, 'options.importModuleDynamically');
    if (cachedData !== undefined) validateBuffer(cachedData, 'options.cachedData');
    super({
      sourceText, context, identifier, lineOffset, columnOffset, cachedData, initializeImportMeta,
      importModuleDynamically,
    });
    if (cachedData !== undefined && !deps.cacheMatches(cachedData, sourceText)) {
      throw nodeError(Error, 'ERR_VM_MODULE_CACHED_DATA_REJECTED', 'cachedData buffer was rejected');
    }
    this.#source = sourceText;
  }

  #source;

  async [kLink](linker) {
    this.#statusOverride = 'linking';
    const specifiers = Module.op(this, OP.requests);
    const modulePromises = specifiers.map((marked) => {
      const { specifier, attributes } = unmark(marked);
      const linkerResult = linker(specifier, this, { attributes, assert: attributes });
      return Promise.resolve(linkerResult).then(async (module) => {
        if (!Module.isModule(module)) throw nodeError(Error, 'ERR_VM_MODULE_NOT_MODULE', 'Provided module is not an instance of Module');
        if (module.context !== this.context) {
          throw nodeError(Error, 'ERR_VM_MODULE_DIFFERENT_CONTEXT', 'Linked modules must use the same context');
        }
        if (module.status === 'errored') {
          const err = nodeError(Error, 'ERR_VM_MODULE_LINK_FAILURE', `request for '${specifier}' resolved to an errored module`);
          err.cause = module.error;
          throw err;
        }
        if (module.status === 'unlinked') await module[kLink](linker);
        return module;
      });
    });
    try {
      // (checked again, and the records taken only now: what Promise.all gives back is what
      // guest code may have made it)
      const modules = await Promise.all(modulePromises);
      const wraps = specifiers.map((_, i) => {
        const module = modules[i];
        if (!Module.isModule(module)) throw nodeError(Error, 'ERR_VM_MODULE_NOT_MODULE', 'Provided module is not an instance of Module');
        if (module.context !== this.context) {
          throw nodeError(Error, 'ERR_VM_MODULE_DIFFERENT_CONTEXT', 'Linked modules must use the same context');
        }
        return Module.wrapOf(module);
      });
      Module.op(this, OP.link, wraps);
    } catch (e) {
      this.#error = e;
      throw e;
    } finally {
      this.#statusOverride = undefined;
    }
  }

  get dependencySpecifiers() {
    if (this === null || typeof this !== 'object' || !(#error in this)) throw invalidArgType('this', 'SourceTextModule', this);
    this.#dependencySpecifiers ??= Module.op(this, OP.requests).map((marked) => unmark(marked).specifier);
    return this.#dependencySpecifiers;
  }

  get status() {
    if (this === null || typeof this !== 'object' || !(#error in this)) throw invalidArgType('this', 'SourceTextModule', this);
    if (this.#error !== kNoError) return 'errored';
    if (this.#statusOverride) return this.#statusOverride;
    return super.status;
  }

  get error() {
    if (this === null || typeof this !== 'object' || !(#error in this)) throw invalidArgType('this', 'SourceTextModule', this);
    if (this.#error !== kNoError) return this.#error;
    return super.error;
  }

  createCachedData() {
    const { status } = this;
    if (status === 'evaluating' || status === 'evaluated' || status === 'errored') {
      throw nodeError(Error, 'ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA',
        'Cached data cannot be created for a module which has been evaluated');
    }
    return deps.cacheFor(this.#source);
  }
}

export class SyntheticModule extends Module {
  constructor(exportNames, evaluateCallback, options = kEmptyObject) {
    if (!Array.isArray(exportNames) || exportNames.some((e) => typeof e !== 'string')) {
      throw invalidArgType('exportNames', 'Array of unique strings', exportNames);
    } else {
      exportNames.forEach((name, i) => {
        if (exportNames.indexOf(name, i + 1) !== -1) throw invalidArgValue(`exportNames.${name}`, name, 'is duplicated');
      });
    }
    validateFunction(evaluateCallback, 'evaluateCallback');
    validateObject(options, 'options');
    const { context, identifier } = options;
    super({ syntheticExportNames: [...exportNames], syntheticEvaluationSteps: evaluateCallback, context, identifier });
  }

  [kLink]() {
    // nothing to do for synthetic modules
  }

  setExport(name, value) {
    if (!(this instanceof SyntheticModule) || !Module.isModule(this)) throw invalidArgType('this', 'SyntheticModule', this);
    validateString(name, 'name');
    const s = Module.op(this, OP.status) & 0xff;
    if (s === UNLINKED || s === LINKING) throw statusError('must be linked');
    Module.op(this, OP.setExport, name, value);
  }
}

// importModuleDynamically's result as import() takes it: a namespace, or a Module's.
export async function namespaceOf(m) {
  if (isModuleNamespaceObject(m)) return m;
  if (!Module.isModule(m)) throw nodeError(Error, 'ERR_VM_MODULE_NOT_MODULE', 'Provided module is not an instance of Module');
  if (m.status === 'errored') throw m.error;
  return m.namespace;
}

export { RUN_IMPORT_MISSING, RUN_IMPORT_MISSING_FLAG };
