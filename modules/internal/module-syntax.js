// Node 20.19's module syntax detection: a .js or extensionless file of a package without
// "type" runs as an ES module when it does not compile as CommonJS but parses as a module
// (import/export statements, import.meta, top-level await). Shared by require() and import.
import { compileFunction, parsesAsModule } from 'qjsw:binding/module';
import { rewrite } from 'qjsw:internal/import-attributes';
import { fileUrl, readText } from 'qjsw:internal/packages';
import { onRunReset } from 'qjsw:internal/loop';

// a module's syntax needs one of these words; most CommonJS files have none, and skip the parses
const moduleWords = /\b(?:import|export|await)\b/;

export function compileCommonJS(source, filename) {
  return compileFunction(rewrite(source, fileUrl(filename), false), filename);
}

// `source` (of `filename`) is a module's syntax; `wrapperError` is the SyntaxError compiling
// it as CommonJS gave, when the caller has it.
export function hasModuleSyntax(source, filename, wrapperError) {
  if (!moduleWords.test(source)) return false;
  if (!wrapperError) {
    try {
      compileCommonJS(source, filename);
      return false;
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
    }
  }
  return parsesAsModule(rewrite(source, fileUrl(filename), true));
}

const fileSyntax = new Map();
// (a file may be rewritten between runs, where a new process would look again)
onRunReset(() => fileSyntax.clear());

export function isModuleFile(file) {
  let r = fileSyntax.get(file);
  if (r === undefined) {
    const source = readText(file);
    r = source !== undefined && hasModuleSyntax(source, file);
    fileSyntax.set(file, r);
  }
  return r;
}
