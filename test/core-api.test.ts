/**
 * The quickjs-emscripten-core public API driven against our C implementation of the QTS_* FFI.
 * Expected values come from JavaScript semantics and the core's documented behaviour, never
 * from our own output.
 */
import { beforeAll, describe, expect, it, vi } from "vitest"
import {
  Scope,
  TestQuickJSWASMModule,
  errors,
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from "quickjs-emscripten-core"
import { newQuickJSWASMModuleWithWasmFS } from "../runtime/index"

let mod: QuickJSWASMModule

beforeAll(async () => {
  mod = await newQuickJSWASMModuleWithWasmFS()
})

/**
 * Runs `fn` with a fresh context (with its own runtime) and a scope; every handle a test
 * creates goes into the scope so that a failing assertion still frees it before the
 * context is disposed.
 */
async function withContext(
  fn: (ctx: QuickJSContext, scope: Scope) => void | Promise<void>,
): Promise<void> {
  const scope = new Scope()
  const ctx = mod.newContext()
  try {
    await fn(ctx, scope)
  } finally {
    scope.dispose()
    ctx.dispose()
  }
}

/** Like withContext, but with an explicitly created runtime the test can configure. */
async function withRuntime(
  fn: (rt: QuickJSRuntime, ctx: QuickJSContext, scope: Scope) => void | Promise<void>,
): Promise<void> {
  const rt = mod.newRuntime()
  const ctx = rt.newContext()
  const scope = new Scope()
  try {
    await fn(rt, ctx, scope)
  } finally {
    scope.dispose()
    ctx.dispose()
    rt.dispose()
  }
}

/**
 * Evaluate `code` and dump the result; a guest exception becomes a plain host Error (the core's
 * QuickJSUnwrapError references the whole context, which vitest cannot serialize).
 */
function evalDump(ctx: QuickJSContext, code: string, filename?: string): any {
  const result = ctx.evalCode(code, filename)
  if (result.error) {
    const err = result.error.consume((h) => ctx.dump(h))
    throw new Error(`guest threw ${err?.name}: ${err?.message}`)
  }
  return result.value.consume((h) => ctx.dump(h))
}

/** Evaluate `code`, expect it to fail, and dump the error. */
function evalError(ctx: QuickJSContext, code: string, filename?: string, module = false): any {
  const result = module
    ? ctx.evalCode(code, filename, { type: "module" })
    : ctx.evalCode(code, filename)
  if (!result.error) {
    const dumped = result.value.consume((h) => ctx.dump(h))
    throw new Error(`expected an error result, got ${JSON.stringify(dumped)}`)
  }
  return result.error.consume((h) => ctx.dump(h))
}

describe("quickjs-emscripten-core API on the WasmFS build", () => {
  it("evalCode returns values and errors", async () => {
    await withContext((ctx) => {
      // numbers
      expect(evalDump(ctx, "1 + 2")).toBe(3)
      expect(evalDump(ctx, "0.1 * 3")).toBe(0.1 * 3)
      expect(evalDump(ctx, "-1 / 0")).toBe(-Infinity)
      expect(Number.isNaN(evalDump(ctx, "0 / 0"))).toBe(true)
      expect(Object.is(evalDump(ctx, "-0"), -0)).toBe(true)
      expect(evalDump(ctx, "2 ** 53 + 2")).toBe(2 ** 53 + 2)

      // strings, including non-ASCII and astral characters
      const text = "héllo wörld — 中文 🌍👩‍👩‍👧"
      expect(evalDump(ctx, JSON.stringify(text))).toBe(text)
      expect(evalDump(ctx, `${JSON.stringify(text)}.length`)).toBe(text.length)
      expect(evalDump(ctx, `"\\u{1F600}".codePointAt(0)`)).toBe(0x1f600)
      const fromHost = ctx.newString(text)
      ctx.setProp(ctx.global, "fromHost", fromHost)
      fromHost.dispose()
      expect(evalDump(ctx, "fromHost.length")).toBe(text.length)
      expect(evalDump(ctx, `fromHost === ${JSON.stringify(text)}`)).toBe(true)
      expect(evalDump(ctx, "''")).toBe("")
      // (strings cross the FFI NUL-terminated, so check embedded NULs inside the guest)
      expect(evalDump(ctx, "['a\\u0000b'.length, 'a\\u0000b'.charCodeAt(1)]")).toEqual([3, 0])

      // booleans, null, undefined
      expect(evalDump(ctx, "1 < 2")).toBe(true)
      expect(evalDump(ctx, "!true")).toBe(false)
      expect(evalDump(ctx, "null")).toBe(null)
      expect(evalDump(ctx, "undefined")).toBe(undefined)
      expect(evalDump(ctx, "void 0")).toBe(undefined)

      // objects and arrays via dump
      expect(evalDump(ctx, "({ a: 1, b: [1, 'two', { c: null, d: true }], e: { f: 'é' } })")).toEqual({
        a: 1,
        b: [1, "two", { c: null, d: true }],
        e: { f: "é" },
      })
      expect(evalDump(ctx, "[1, [2, [3]], 'x']")).toEqual([1, [2, [3]], "x"])
      expect(evalDump(ctx, "[]")).toEqual([])
      // last statement's value is the completion value
      expect(evalDump(ctx, "let q = 5; q * 2")).toBe(10)
      // eval options: strict mode makes assigning an undeclared variable a ReferenceError
      const strictResult = ctx.evalCode("undeclaredVariable = 1", "strict.js", { type: "global", strict: true })
      expect(strictResult.error).toBeDefined()
      if (strictResult.error) expect(strictResult.error.consume(ctx.dump).name).toBe("ReferenceError")
      expect(evalDump(ctx, "sloppyGlobal = 1; typeof sloppyGlobal")).toBe("number")

      // syntax error
      const syntax = evalError(ctx, "let x = ;", "syntax-file.js")
      expect(syntax.name).toBe("SyntaxError")
      expect(typeof syntax.message).toBe("string")
      expect(syntax.message.length).toBeGreaterThan(0)
      expect(typeof syntax.stack).toBe("string")
      expect(syntax.stack).toContain("syntax-file.js")

      // thrown Error
      const thrown = evalError(
        ctx,
        "function explode() { throw new TypeError('boom ✨') }\nexplode()",
        "thrower-file.js",
      )
      expect(thrown.name).toBe("TypeError")
      expect(thrown.message).toBe("boom ✨")
      expect(typeof thrown.stack).toBe("string")
      expect(thrown.stack).toContain("thrower-file.js")
      expect(thrown.stack).toContain("explode")

      // thrown non-Error values come back as they are
      expect(evalError(ctx, "throw 42")).toBe(42)
      expect(evalError(ctx, "throw 'just a string'")).toBe("just a string")

      // unwrapResult turns the guest error into a host error with its name and message
      const failing = ctx.evalCode("throw new RangeError('out of range')", "unwrap.js")
      expect(() => ctx.unwrapResult(failing)).toThrowError("out of range")
      expect(failing.error?.alive ?? false).toBe(false)
    })
  })

  it("newFunction / callFunction round trips", async () => {
    await withContext((ctx, scope) => {
      // host function called from the guest, with arguments and `this`
      const calls: Array<{ thisTag: unknown; args: unknown[] }> = []
      const add = scope.manage(
        ctx.newFunction("add", function (this: QuickJSHandle, a: QuickJSHandle, b: QuickJSHandle) {
          const thisTag = ctx.typeof(this) === "object" ? ctx.getProp(this, "tag").consume(ctx.dump) : undefined
          calls.push({ thisTag, args: [ctx.dump(a), ctx.dump(b)] })
          return ctx.newNumber(ctx.getNumber(a) + ctx.getNumber(b))
        }),
      )
      ctx.setProp(ctx.global, "add", add)
      expect(evalDump(ctx, "add(2, 40)")).toBe(42)
      expect(evalDump(ctx, "({ tag: 'obj-this', add }).add(1, 2)")).toBe(3)
      expect(evalDump(ctx, "add.call({ tag: 'call-this' }, 10, 20)")).toBe(30)
      expect(calls).toEqual([
        { thisTag: undefined, args: [2, 40] },
        { thisTag: "obj-this", args: [1, 2] },
        { thisTag: "call-this", args: [10, 20] },
      ])

      // name and length as given
      expect(evalDump(ctx, "[add.name, add.length, typeof add]")).toEqual(["add", 2, "function"])
      const threeArgs = scope.manage(
        ctx.newFunction("threeArgs", (_a: QuickJSHandle, _b: QuickJSHandle, _c: QuickJSHandle) => undefined),
      )
      ctx.setProp(ctx.global, "threeArgs", threeArgs)
      expect(evalDump(ctx, "[threeArgs.name, threeArgs.length]")).toEqual(["threeArgs", 3])
      const anonymous = scope.manage(ctx.newFunction((x: QuickJSHandle) => x))
      ctx.setProp(ctx.global, "anonymous", anonymous)
      expect(evalDump(ctx, "[anonymous.name, anonymous.length, anonymous('same')]")).toEqual(["", 1, "same"])
      // a host function returning nothing gives undefined
      expect(evalDump(ctx, "threeArgs(1, 2, 3) === undefined")).toBe(true)
      // ordinary function objects: Function.prototype methods work on host functions
      expect(evalDump(ctx, "Object.getPrototypeOf(add) === Function.prototype")).toBe(true)
      expect(evalDump(ctx, "add.apply(null, [5, 6])")).toBe(11)
      expect(evalDump(ctx, "add.bind(null, 100)(1)")).toBe(101)
      expect(evalDump(ctx, "[1, 2, 3].map((x) => add(x, x))")).toEqual([2, 4, 6])

      // arguments of every type arrive intact; many arguments (more than 8)
      const echo = scope.manage(
        ctx.newFunction("echo", (...args: QuickJSHandle[]) => {
          const arr = ctx.newArray()
          args.forEach((arg, i) => ctx.setProp(arr, i, arg))
          return arr
        }),
      )
      ctx.setProp(ctx.global, "echo", echo)
      expect(evalDump(ctx, "echo(1, 'two', true, null, [3], { four: 4 }, 7, 8, 9, 10, 11)")).toEqual([
        1,
        "two",
        true,
        null,
        [3],
        { four: 4 },
        7,
        8,
        9,
        10,
        11,
      ])
      expect(evalDump(ctx, "echo(undefined, undefined).length")).toBe(2)

      // a host Error becomes a guest exception catchable in guest code with the same message
      const fail = scope.manage(
        ctx.newFunction("fail", () => {
          throw new Error("host failure ✗")
        }),
      )
      ctx.setProp(ctx.global, "fail", fail)
      expect(
        evalDump(
          ctx,
          "(() => { try { fail(); return 'not thrown' } catch (e) { return [e instanceof Error, e.name, e.message] } })()",
        ),
      ).toEqual([true, "Error", "host failure ✗"])
      // uncaught, it comes back to the host as an error result
      const uncaught = evalError(ctx, "fail()")
      expect(uncaught.message).toBe("host failure ✗")

      // a thrown handle is transferred as is
      const throwHandle = scope.manage(
        ctx.newFunction("throwHandle", () => {
          throw ctx.newString("thrown string handle")
        }),
      )
      ctx.setProp(ctx.global, "throwHandle", throwHandle)
      expect(evalDump(ctx, "(() => { try { throwHandle() } catch (e) { return e } })()")).toBe(
        "thrown string handle",
      )
      // and an { error } result is thrown too
      const errorResult = scope.manage(
        ctx.newFunction("errorResult", () => ({ error: ctx.newError({ name: "CustomError", message: "via result" }) })),
      )
      ctx.setProp(ctx.global, "errorResult", errorResult)
      expect(evalDump(ctx, "(() => { try { errorResult() } catch (e) { return [e.name, e.message] } })()")).toEqual([
        "CustomError",
        "via result",
      ])

      // a guest function called from the host
      const mul = scope.manage(ctx.unwrapResult(ctx.evalCode("(function mul(a, b) { return a * b })")))
      const six = scope.manage(ctx.newNumber(6))
      const seven = scope.manage(ctx.newNumber(7))
      expect(ctx.unwrapResult(ctx.callFunction(mul, ctx.undefined, six, seven)).consume(ctx.dump)).toBe(42)
      // array form of the arguments
      expect(ctx.unwrapResult(ctx.callFunction(mul, ctx.undefined, [six, seven])).consume(ctx.dump)).toBe(42)
      expect(evalDump(ctx, "mul = undefined; 1")).toBe(1)

      // with an explicit `this`
      const getX = scope.manage(ctx.unwrapResult(ctx.evalCode("(function () { 'use strict'; return this.x })")))
      const thisObj = scope.manage(ctx.newObject())
      ctx.setProp(thisObj, "x", six)
      expect(ctx.unwrapResult(ctx.callFunction(getX, thisObj)).consume(ctx.dump)).toBe(6)

      // callMethod
      const strHandle = scope.manage(ctx.newString("a-b-c"))
      const sep = scope.manage(ctx.newString("-"))
      expect(ctx.unwrapResult(ctx.callMethod(strHandle, "split", [sep])).consume(ctx.dump)).toEqual(["a", "b", "c"])

      // a guest function that throws gives an error result
      const thrower = scope.manage(ctx.unwrapResult(ctx.evalCode("(function () { throw new SyntaxError('guest says no') })")))
      const thrownResult = ctx.callFunction(thrower, ctx.undefined)
      expect(thrownResult.error).toBeDefined()
      if (thrownResult.error) {
        const dumped = thrownResult.error.consume(ctx.dump)
        expect(dumped.name).toBe("SyntaxError")
        expect(dumped.message).toBe("guest says no")
      }

      // host function calling back into the guest (re-entrancy)
      const applyTwice = scope.manage(
        ctx.newFunction("applyTwice", (fn: QuickJSHandle, x: QuickJSHandle) => {
          const once = ctx.unwrapResult(ctx.callFunction(fn, ctx.undefined, x))
          return once.consume((o) => ctx.unwrapResult(ctx.callFunction(fn, ctx.undefined, o)))
        }),
      )
      ctx.setProp(ctx.global, "applyTwice", applyTwice)
      expect(evalDump(ctx, "applyTwice((n) => n * 3, 5)")).toBe(45)

      // newConstructorFunction: `new` inside the guest
      const Point = scope.manage(
        ctx.newConstructorFunction("Point", function (this: QuickJSHandle, x: QuickJSHandle, y: QuickJSHandle) {
          ctx.setProp(this, "x", x)
          ctx.setProp(this, "y", y)
        }),
      )
      ctx.setProp(ctx.global, "Point", Point)
      expect(
        evalDump(
          ctx,
          `const p = new Point(1, 2);
          [p.x, p.y, p instanceof Point, Object.getPrototypeOf(p) === Point.prototype,
           Point.prototype.constructor === Point, Point.name, Point.length]`,
        ),
      ).toEqual([1, 2, true, true, true, "Point", 2])
      // a subclass: `this` is built from new.target's prototype
      expect(
        evalDump(
          ctx,
          `class Point3 extends Point { constructor() { super(3, 4); this.z = 5 } sum() { return this.x + this.y + this.z } }
          const p3 = new Point3();
          [p3.sum(), p3 instanceof Point3, p3 instanceof Point]`,
        ),
      ).toEqual([12, true, true])
      // a constructor that returns an object: that object is the result of `new`
      const Factory = scope.manage(
        ctx.newConstructorFunction("Factory", () => {
          const o = ctx.newObject()
          ctx.setProp(o, "made", ctx.true)
          return o
        }),
      )
      ctx.setProp(ctx.global, "Factory", Factory)
      expect(evalDump(ctx, "const f = new Factory(); [f.made, f instanceof Factory]")).toEqual([true, false])
      // a plain newFunction is not a constructor
      const notCtor = evalError(ctx, "new add(1, 2)")
      expect(notCtor.name).toBe("TypeError")
    })
  })

  it("objects, arrays, symbols, ArrayBuffers, equality, typeof and BigInt", async () => {
    await withContext((ctx, scope) => {
      // newObject / setProp / getProp
      const obj = scope.manage(ctx.newObject())
      const num = scope.manage(ctx.newNumber(42))
      const str = scope.manage(ctx.newString("value ✓"))
      ctx.setProp(obj, "answer", num)
      ctx.setProp(obj, "label", str)
      ctx.setProp(obj, 7, ctx.true)
      expect(ctx.getProp(obj, "answer").consume(ctx.getNumber)).toBe(42)
      expect(ctx.getProp(obj, "label").consume(ctx.getString)).toBe("value ✓")
      expect(ctx.getProp(obj, 7).consume(ctx.dump)).toBe(true)
      expect(ctx.getProp(obj, "7").consume(ctx.dump)).toBe(true)
      expect(ctx.getProp(obj, "missing").consume((h) => ctx.typeof(h))).toBe("undefined")
      ctx.setProp(ctx.global, "obj", obj)
      expect(evalDump(ctx, "[obj.answer, obj.label, obj[7]]")).toEqual([42, "value ✓", true])

      // newObject with a prototype
      const proto = scope.manage(ctx.unwrapResult(ctx.evalCode("({ greet() { return 'hi ' + this.name } })")))
      const child = scope.manage(ctx.newObject(proto))
      ctx.setProp(child, "name", str)
      ctx.setProp(ctx.global, "child", child)
      ctx.setProp(ctx.global, "proto", proto)
      expect(evalDump(ctx, "[Object.getPrototypeOf(child) === proto, child.greet()]")).toEqual([
        true,
        "hi value ✓",
      ])

      // defineProp: a getter via the descriptor, and a value
      let getterCalls = 0
      ctx.defineProp(obj, "computed", {
        configurable: true,
        enumerable: false,
        get: () => {
          getterCalls++
          return ctx.newNumber(100 + getterCalls)
        },
      })
      expect(ctx.getProp(obj, "computed").consume(ctx.getNumber)).toBe(101)
      expect(evalDump(ctx, "obj.computed")).toBe(102)
      expect(
        evalDump(
          ctx,
          `const d = Object.getOwnPropertyDescriptor(obj, 'computed');
          [typeof d.get, d.set === undefined, d.enumerable, d.configurable, 'value' in d]`,
        ),
      ).toEqual(["function", true, false, true, false])
      const fixed = scope.manage(ctx.newString("fixed"))
      ctx.defineProp(obj, "fixed", { value: fixed, enumerable: true, configurable: false })
      expect(
        evalDump(
          ctx,
          `const df = Object.getOwnPropertyDescriptor(obj, 'fixed');
          [df.value, df.enumerable, df.configurable]`,
        ),
      ).toEqual(["fixed", true, false])

      // getOwnPropertyNames
      const props = scope.manage(
        ctx.unwrapResult(
          ctx.evalCode(`
            const o = { b: 1, a: 2, 10: 'ten', 2: 'two', [Symbol('sym-key')]: 3 };
            Object.defineProperty(o, 'hidden', { value: 4, enumerable: false });
            o`),
        ),
      )
      const names = (options?: Parameters<QuickJSContext["getOwnPropertyNames"]>[1]) => {
        const handles = ctx.unwrapResult(ctx.getOwnPropertyNames(props, options))
        try {
          return handles.map((h) => {
            const t = ctx.typeof(h)
            return t === "symbol" ? ctx.getSymbol(h).description : ctx.dump(h)
          })
        } finally {
          handles.dispose()
        }
      }
      // default: like Object.getOwnPropertyNames (integer keys ascending, then insertion order)
      expect(names()).toEqual(["2", "10", "b", "a", "hidden"])
      // array indexes as numbers only
      expect(names({ numbers: true })).toEqual([2, 10])
      // strings with numbers as numbers
      expect(names({ strings: true, numbers: true })).toEqual([2, 10, "b", "a", "hidden"])
      // symbols only
      expect(names({ symbols: true })).toEqual(["sym-key"])
      // only enumerable string-keyed properties, like Object.keys
      expect(names({ strings: true, numbersAsStrings: true, onlyEnumerable: true })).toEqual([
        "2",
        "10",
        "b",
        "a",
      ])
      // strings + symbols
      expect(names({ strings: true, numbersAsStrings: true, symbols: true })).toEqual([
        "2",
        "10",
        "b",
        "a",
        "hidden",
        "sym-key",
      ])
      expect(() => ctx.getOwnPropertyNames(props, {})).toThrow(errors.QuickJSEmptyGetOwnPropertyNames)
      // on a non-object it fails as Object.getOwnPropertyNames(undefined) does
      const gpnOnUndefined = ctx.getOwnPropertyNames(ctx.undefined)
      expect(gpnOnUndefined.error).toBeDefined()
      gpnOnUndefined.dispose()

      // getLength
      const arr3 = scope.manage(ctx.unwrapResult(ctx.evalCode("[1, 2, 3]")))
      expect(ctx.getLength(arr3)).toBe(3)
      const sparse = scope.manage(ctx.unwrapResult(ctx.evalCode("const s = []; s[99] = 1; s")))
      expect(ctx.getLength(sparse)).toBe(100)
      const fakeLength = scope.manage(ctx.unwrapResult(ctx.evalCode("({ length: 5 })")))
      expect(ctx.getLength(fakeLength)).toBe(5)
      const fnLength = scope.manage(ctx.unwrapResult(ctx.evalCode("(function (a, b) {})")))
      expect(ctx.getLength(fnLength)).toBe(2)
      expect(ctx.getLength(obj)).toBe(undefined)
      const nonNumericLength = scope.manage(ctx.unwrapResult(ctx.evalCode("({ length: 'long' })")))
      expect(ctx.getLength(nonNumericLength)).toBe(undefined)

      // newArray
      const arr = scope.manage(ctx.newArray())
      expect(ctx.getLength(arr)).toBe(0)
      ctx.setProp(arr, 0, num)
      ctx.setProp(arr, 1, str)
      ctx.setProp(arr, 2, ctx.null)
      expect(ctx.getLength(arr)).toBe(3)
      ctx.setProp(ctx.global, "arr", arr)
      expect(evalDump(ctx, "[Array.isArray(arr), arr.length, arr.join('|')]")).toEqual([true, 3, "42|value ✓|"])
      expect(ctx.dump(arr)).toEqual([42, "value ✓", null])

      // symbols: global registry vs unique
      const forSym = scope.manage(ctx.newSymbolFor("app.shared.key"))
      const forSym2 = scope.manage(ctx.newSymbolFor("app.shared.key"))
      const uniq = scope.manage(ctx.newUniqueSymbol("unique desc"))
      const uniq2 = scope.manage(ctx.newUniqueSymbol("unique desc"))
      expect(ctx.typeof(forSym)).toBe("symbol")
      expect(ctx.typeof(uniq)).toBe("symbol")
      expect(ctx.eq(forSym, forSym2)).toBe(true)
      expect(ctx.eq(uniq, uniq2)).toBe(false)
      ctx.setProp(ctx.global, "forSym", forSym)
      ctx.setProp(ctx.global, "uniq", uniq)
      expect(
        evalDump(
          ctx,
          `[forSym === Symbol.for('app.shared.key'), Symbol.keyFor(forSym), uniq.description,
            Symbol.keyFor(uniq) === undefined, uniq === Symbol.for('unique desc')]`,
        ),
      ).toEqual([true, "app.shared.key", "unique desc", true, false])
      const hostFor = ctx.getSymbol(forSym)
      expect(hostFor).toBe(Symbol.for("app.shared.key"))
      const hostUniq = ctx.getSymbol(uniq)
      expect(typeof hostUniq).toBe("symbol")
      expect(hostUniq.description).toBe("unique desc")
      expect(Symbol.keyFor(hostUniq)).toBe(undefined)
      expect(hostUniq).not.toBe(Symbol.for("unique desc"))
      // a host symbol passed by value keeps its description / registration
      const fromHostSym = scope.manage(ctx.newUniqueSymbol(Symbol("from host")))
      expect(ctx.getSymbol(fromHostSym).description).toBe("from host")
      const fromHostForSym = scope.manage(ctx.newSymbolFor(Symbol.for("host.registered")))
      expect(ctx.getSymbol(fromHostForSym)).toBe(Symbol.for("host.registered"))
      // symbols created in the guest
      const guestFor = scope.manage(ctx.unwrapResult(ctx.evalCode("Symbol.for('guest.key')")))
      expect(ctx.getSymbol(guestFor)).toBe(Symbol.for("guest.key"))
      const guestUniq = scope.manage(ctx.unwrapResult(ctx.evalCode("Symbol('guest only')")))
      const guestUniqHost = ctx.getSymbol(guestUniq)
      expect(guestUniqHost.description).toBe("guest only")
      expect(Symbol.keyFor(guestUniqHost)).toBe(undefined)
      // well-known symbols
      const iter = scope.manage(ctx.getWellKnownSymbol("iterator"))
      ctx.setProp(ctx.global, "iterSym", iter)
      expect(evalDump(ctx, "iterSym === Symbol.iterator")).toBe(true)
      // symbol keys with setProp/getProp
      ctx.setProp(obj, uniq, num)
      expect(ctx.getProp(obj, uniq).consume(ctx.getNumber)).toBe(42)
      expect(evalDump(ctx, "obj[uniq]")).toBe(42)

      // ArrayBuffer round trips
      const bytes = new Uint8Array([0, 1, 2, 127, 128, 254, 255])
      const ab = scope.manage(ctx.newArrayBuffer(bytes.buffer))
      ctx.setProp(ctx.global, "ab", ab)
      expect(evalDump(ctx, "[ab instanceof ArrayBuffer, ab.byteLength, Array.from(new Uint8Array(ab))]")).toEqual([
        true,
        bytes.length,
        Array.from(bytes),
      ])
      // the guest's copy is independent of the host buffer
      bytes[0] = 99
      expect(evalDump(ctx, "new Uint8Array(ab)[0]")).toBe(0)
      const abBack = ctx.getArrayBuffer(ab)
      expect(Array.from(abBack.value)).toEqual([0, 1, 2, 127, 128, 254, 255])
      abBack.dispose()
      // an ArrayBuffer created in the guest
      const guestAb = scope.manage(ctx.unwrapResult(ctx.evalCode("new Uint8Array([9, 8, 7, 6]).buffer")))
      const guestAbBytes = ctx.getArrayBuffer(guestAb)
      expect(Array.from(guestAbBytes.value)).toEqual([9, 8, 7, 6])
      guestAbBytes.dispose()
      // a Uint8Array view (with an offset) created in the guest: the view's bytes
      const view = scope.manage(
        ctx.unwrapResult(ctx.evalCode("new Uint8Array([10, 20, 30, 40, 50, 60]).subarray(1, 4)")),
      )
      const viewBytes = ctx.getArrayBuffer(view)
      expect(Array.from(viewBytes.value)).toEqual([20, 30, 40])
      viewBytes.dispose()
      // an empty buffer
      const empty = scope.manage(ctx.newArrayBuffer(new ArrayBuffer(0)))
      const emptyBytes = ctx.getArrayBuffer(empty)
      expect(emptyBytes.value.length).toBe(0)
      emptyBytes.dispose()
      // a larger buffer survives the trip both ways
      const big = new Uint8Array(256 * 1024)
      for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff
      const bigHandle = scope.manage(ctx.newArrayBuffer(big.buffer))
      ctx.setProp(ctx.global, "bigAb", bigHandle)
      expect(evalDump(ctx, "const bu = new Uint8Array(bigAb); [bu.length, bu[1], bu[1000], bu[bu.length - 1]]")).toEqual([
        big.length,
        big[1],
        big[1000],
        big[big.length - 1],
      ])
      const bigBack = ctx.getArrayBuffer(bigHandle)
      expect(Buffer.from(bigBack.value).equals(Buffer.from(big))).toBe(true)
      bigBack.dispose()

      // equality: NaN and +0/-0
      const nan1 = scope.manage(ctx.newNumber(NaN))
      const nan2 = scope.manage(ctx.unwrapResult(ctx.evalCode("0 / 0")))
      expect(ctx.eq(nan1, nan2)).toBe(false)
      expect(ctx.sameValue(nan1, nan2)).toBe(true)
      expect(ctx.sameValueZero(nan1, nan2)).toBe(true)
      const pz = scope.manage(ctx.newNumber(0))
      const nz = scope.manage(ctx.unwrapResult(ctx.evalCode("-0")))
      expect(ctx.eq(pz, nz)).toBe(true)
      expect(ctx.sameValue(pz, nz)).toBe(false)
      expect(ctx.sameValueZero(pz, nz)).toBe(true)
      // strings compare by value; objects by identity
      const s1 = scope.manage(ctx.newString("same"))
      const s2 = scope.manage(ctx.unwrapResult(ctx.evalCode("'sa' + 'me'")))
      expect(ctx.eq(s1, s2)).toBe(true)
      expect(ctx.sameValue(s1, s2)).toBe(true)
      const o1 = scope.manage(ctx.newObject())
      const o2 = scope.manage(ctx.newObject())
      expect(ctx.eq(o1, o2)).toBe(false)
      expect(ctx.sameValue(o1, o2)).toBe(false)
      expect(ctx.sameValueZero(o1, o2)).toBe(false)
      const objAgain = scope.manage(ctx.getProp(ctx.global, "obj"))
      expect(ctx.eq(obj, objAgain)).toBe(true)
      expect(ctx.sameValue(obj, objAgain)).toBe(true)
      const one = scope.manage(ctx.newNumber(1))
      const oneStr = scope.manage(ctx.newString("1"))
      expect(ctx.eq(one, oneStr)).toBe(false)

      // typeof for each type
      const typeOf = (code: string) => ctx.unwrapResult(ctx.evalCode(code)).consume((h) => ctx.typeof(h))
      expect(typeOf("1.5")).toBe("number")
      expect(typeOf("'s'")).toBe("string")
      expect(typeOf("false")).toBe("boolean")
      expect(typeOf("undefined")).toBe("undefined")
      expect(typeOf("null")).toBe("object")
      expect(typeOf("({})")).toBe("object")
      expect(typeOf("[]")).toBe("object")
      expect(typeOf("(function () {})")).toBe("function")
      expect(typeOf("(() => 1)")).toBe("function")
      expect(typeOf("(class {})")).toBe("function")
      expect(typeOf("Symbol()")).toBe("symbol")
      expect(typeOf("10n")).toBe("bigint")
      expect(ctx.typeof(ctx.undefined)).toBe("undefined")
      expect(ctx.typeof(ctx.null)).toBe("object")
      expect(ctx.typeof(ctx.true)).toBe("boolean")
      expect(ctx.typeof(ctx.global)).toBe("object")
      const hostFn = scope.manage(ctx.newFunction("hostFn", () => undefined))
      expect(ctx.typeof(hostFn)).toBe("function")
      ctx.setProp(ctx.global, "hostFn", hostFn)
      expect(evalDump(ctx, "typeof hostFn")).toBe("function")

      // getBigInt / newBigInt
      const guestBig = scope.manage(ctx.unwrapResult(ctx.evalCode("2n ** 64n + 1n")))
      expect(ctx.getBigInt(guestBig)).toBe(2n ** 64n + 1n)
      const negBig = scope.manage(ctx.unwrapResult(ctx.evalCode("-(10n ** 30n)")))
      expect(ctx.getBigInt(negBig)).toBe(-(10n ** 30n))
      expect(ctx.dump(negBig)).toBe(-(10n ** 30n))
      const hostBig = scope.manage(ctx.newBigInt(2n ** 100n - 3n))
      expect(ctx.typeof(hostBig)).toBe("bigint")
      ctx.setProp(ctx.global, "hostBig", hostBig)
      expect(evalDump(ctx, "[typeof hostBig, hostBig === 2n ** 100n - 3n, String(hostBig % 1000n)]")).toEqual([
        "bigint",
        true,
        String((2n ** 100n - 3n) % 1000n),
      ])
      const zeroBig = scope.manage(ctx.newBigInt(0n))
      expect(ctx.getBigInt(zeroBig)).toBe(0n)
    })
  })

  it("promises: newPromise, resolvePromise, getPromiseState, executePendingJobs", async () => {
    await withContext(async (ctx, scope) => {
      const rt = ctx.runtime

      // a host-resolved promise seen by the guest's .then after executePendingJobs
      const deferred = scope.manage(ctx.newPromise())
      ctx.setProp(ctx.global, "hostPromise", deferred.handle)
      evalDump(ctx, "globalThis.seen = 'nothing yet'; hostPromise.then((v) => { seen = 'got ' + v }); 0")
      expect(rt.hasPendingJob()).toBe(false)
      ctx.newString("value").consume((v) => deferred.resolve(v))
      // reactions run as jobs, not synchronously
      expect(evalDump(ctx, "seen")).toBe("nothing yet")
      expect(rt.hasPendingJob()).toBe(true)
      const ran = rt.executePendingJobs()
      expect(ran.error).toBeUndefined()
      expect(ran.unwrap()).toBe(1)
      expect(evalDump(ctx, "seen")).toBe("got value")
      expect(rt.hasPendingJob()).toBe(false)

      // a host-rejected promise
      const rejected = scope.manage(ctx.newPromise())
      ctx.setProp(ctx.global, "rejectedPromise", rejected.handle)
      evalDump(ctx, "globalThis.caught = null; rejectedPromise.catch((e) => { caught = [e.name, e.message] }); 0")
      ctx.newError({ name: "HostError", message: "rejected by host" }).consume((e) => rejected.reject(e))
      rt.executePendingJobs().unwrap()
      expect(evalDump(ctx, "caught")).toEqual(["HostError", "rejected by host"])

      // newPromise from a native promise
      const fromNative = scope.manage(ctx.newPromise(Promise.resolve(ctx.newNumber(5))))
      await new Promise((r) => setTimeout(r, 0))
      const nativeState = ctx.getPromiseState(fromNative.handle)
      expect(nativeState.type).toBe("fulfilled")
      if (nativeState.type === "fulfilled") expect(nativeState.value.consume(ctx.getNumber)).toBe(5)

      // a guest async function's result through resolvePromise
      const asyncResult = scope.manage(
        ctx.unwrapResult(ctx.evalCode("(async () => { await null; await Promise.resolve(); return 6 * 7 })()")),
      )
      const resolved = ctx.resolvePromise(asyncResult)
      rt.executePendingJobs().unwrap()
      const settled = await resolved
      expect(settled.error).toBeUndefined()
      expect(ctx.unwrapResult(settled).consume(ctx.dump)).toBe(42)

      // a rejected async function through resolvePromise
      const asyncFailure = scope.manage(
        ctx.unwrapResult(ctx.evalCode("(async () => { await null; throw new RangeError('async failure') })()")),
      )
      const failedP = ctx.resolvePromise(asyncFailure)
      rt.executePendingJobs().unwrap()
      const failed = await failedP
      expect(failed.error).toBeDefined()
      if (failed.error) {
        const e = failed.error.consume(ctx.dump)
        expect(e.name).toBe("RangeError")
        expect(e.message).toBe("async failure")
      }

      // getPromiseState: pending, fulfilled, rejected, not a promise
      const pending = scope.manage(ctx.unwrapResult(ctx.evalCode("new Promise(() => {})")))
      expect(ctx.getPromiseState(pending).type).toBe("pending")
      const fulfilled = scope.manage(ctx.unwrapResult(ctx.evalCode("Promise.resolve('done ✓')")))
      const fState = ctx.getPromiseState(fulfilled)
      expect(fState.type).toBe("fulfilled")
      if (fState.type === "fulfilled") {
        expect(fState.notAPromise).toBeFalsy()
        expect(fState.value.consume(ctx.getString)).toBe("done ✓")
      }
      const rejectedP = scope.manage(
        ctx.unwrapResult(ctx.evalCode("const rp = Promise.reject(new Error('nope')); rp.catch(() => {}); rp")),
      )
      const rState = ctx.getPromiseState(rejectedP)
      expect(rState.type).toBe("rejected")
      if (rState.type === "rejected") expect(rState.error.consume(ctx.dump).message).toBe("nope")
      const notPromise = scope.manage(ctx.newNumber(3))
      const npState = ctx.getPromiseState(notPromise)
      expect(npState.type).toBe("fulfilled")
      if (npState.type === "fulfilled") {
        expect(npState.notAPromise).toBe(true)
        expect(ctx.getNumber(npState.value)).toBe(3)
      }
      // a host-side pending deferred changes state once resolved
      const later = scope.manage(ctx.newPromise())
      expect(ctx.getPromiseState(later.handle).type).toBe("pending")
      later.resolve(ctx.undefined)
      const laterState = ctx.getPromiseState(later.handle)
      expect(laterState.type).toBe("fulfilled")
      if (laterState.type === "fulfilled") laterState.value.dispose()
      rt.executePendingJobs().unwrap()

      // executePendingJobs returns the executed count: one reaction job per .then on a settled promise
      evalDump(
        ctx,
        `globalThis.order = [];
        Promise.resolve().then(() => order.push(1));
        Promise.resolve().then(() => order.push(2));
        Promise.resolve().then(() => order.push(3));
        0`,
      )
      const first = rt.executePendingJobs(1)
      expect(first.unwrap()).toBe(1)
      expect(evalDump(ctx, "order")).toEqual([1])
      const rest = rt.executePendingJobs()
      expect(rest.unwrap()).toBe(2)
      expect(evalDump(ctx, "order")).toEqual([1, 2, 3])
      const none = rt.executePendingJobs()
      expect(none.unwrap()).toBe(0)

      // an error result when a job throws: the derived promise's resolve function (from a
      // species constructor) throws inside the reaction job
      evalDump(
        ctx,
        `const base = Promise.resolve(1);
        base.constructor = {
          [Symbol.species]: function (executor) {
            executor(() => { throw new Error('job boom') }, () => { throw new Error('job boom') });
          },
        };
        base.then((v) => v + 1);
        0`,
      )
      const jobFailure = rt.executePendingJobs()
      expect(jobFailure.error).toBeDefined()
      if (jobFailure.error) {
        expect(jobFailure.error.context).toBe(ctx)
        const e = jobFailure.error.consume(ctx.dump)
        expect(e.name).toBe("Error")
        expect(e.message).toBe("job boom")
      }
      // the runtime keeps working after a failed job
      evalDump(ctx, "Promise.resolve().then(() => { order.push(4) }); 0")
      expect(rt.executePendingJobs().unwrap()).toBe(1)
      expect(evalDump(ctx, "order")).toEqual([1, 2, 3, 4])
    })
  })

  it("ES modules: host loader, normalizer, top-level await, builtins", async () => {
    // host loader with two modules importing each other
    await withRuntime(async (rt, ctx, scope) => {
      const sources: Record<string, string> = {
        "/app/lib/a.js": `
          import { b, readA } from './b.js';
          export const a = 'A';
          export function describe() { return a + b + readA() }`,
        "/app/lib/b.js": `
          import { a } from './a.js';
          export const b = 'B';
          export function readA() { return a.toLowerCase() }`,
      }
      const loaded: string[] = []
      rt.setModuleLoader((name) => {
        loaded.push(name)
        const source = sources[name]
        if (source === undefined) throw new Error(`no such module: ${name}`)
        return source
      })
      const ns = scope.manage(
        ctx.unwrapResult(
          ctx.evalCode(
            `import { a, describe } from './lib/a.js';
            import * as bNs from './lib/b.js';
            export const result = describe();
            export const fromB = bNs.b;
            export default a;`,
            "/app/main.js",
            { type: "module" },
          ),
        ),
      )
      expect(ctx.getProp(ns, "result").consume(ctx.dump)).toBe("ABa")
      expect(ctx.getProp(ns, "fromB").consume(ctx.dump)).toBe("B")
      expect(ctx.getProp(ns, "default").consume(ctx.dump)).toBe("A")
      expect(ctx.dump(ns)).toEqual({ default: "A", fromB: "B", result: "ABa" })
      // each module is loaded once, under its resolved name
      expect([...loaded].sort()).toEqual(["/app/lib/a.js", "/app/lib/b.js"])

      // without options, code with import/export is detected as a module
      const detected = scope.manage(
        ctx.unwrapResult(ctx.evalCode("import { b } from './lib/b.js'; export const y = b + '?'", "/app/detect.js")),
      )
      expect(ctx.getProp(detected, "y").consume(ctx.dump)).toBe("B?")

      // a module already in the context is not loaded again
      const again = scope.manage(
        ctx.unwrapResult(
          ctx.evalCode("import { b } from '/app/lib/b.js'; export const x = b + '!'", "/app/other.js", {
            type: "module",
          }),
        ),
      )
      expect(ctx.getProp(again, "x").consume(ctx.dump)).toBe("B!")
      expect(loaded.length).toBe(2)

      // the loader throwing gives an error result with its message
      const missing = evalError(ctx, "import x from './missing.js'; export default x", "/app/m2.js", true)
      expect(missing.message).toContain("no such module: /app/missing.js")
      // returning { error } works the same way
      rt.setModuleLoader((name) => ({ error: new Error(`refused ${name}`) }))
      const refused = evalError(ctx, "import x from 'thing'; export default x", "/app/m3.js", true)
      expect(refused.message).toContain("refused thing")
      // a loaded module with a syntax error
      rt.setModuleLoader(() => "export const = 1")
      const badSyntax = evalError(ctx, "import x from 'broken.js'; export default x", "/app/m4.js", true)
      expect(badSyntax.name).toBe("SyntaxError")
      // dynamic import() goes through the loader too
      rt.setModuleLoader((name) => `export const name = ${JSON.stringify(name)}`)
      const dyn = scope.manage(
        ctx.unwrapResult(ctx.evalCode("import('./dyn/one.js').then((m) => m.name)", "/root/x.js")),
      )
      const dynP = ctx.resolvePromise(dyn)
      rt.executePendingJobs().unwrap()
      expect(ctx.unwrapResult(await dynP).consume(ctx.dump)).toBe("/root/dyn/one.js")
    })

    // a custom normalizer (second argument) is honoured
    await withRuntime((rt, ctx, scope) => {
      const normalizeCalls: Array<[string, string]> = []
      const loaded: string[] = []
      rt.setModuleLoader(
        (name) => {
          loaded.push(name)
          if (name === "virtual:math") return "export const double = (x) => x * 2"
          if (name === "virtual:util") return "import { double } from 'math'; export const quad = (x) => double(double(x))"
          throw new Error(`unexpected module ${name}`)
        },
        (base, requested) => {
          normalizeCalls.push([base, requested])
          return `virtual:${requested.replace(/^\.\//, "")}`
        },
      )
      const ns = scope.manage(
        ctx.unwrapResult(
          ctx.evalCode("import { quad } from './util'; export const r = quad(3)", "entry.js", { type: "module" }),
        ),
      )
      expect(ctx.getProp(ns, "r").consume(ctx.dump)).toBe(12)
      expect(normalizeCalls).toEqual([
        ["entry.js", "./util"],
        ["virtual:util", "math"],
      ])
      expect(loaded).toEqual(["virtual:util", "virtual:math"])
      // a normalizer error fails the import
      rt.setModuleLoader(
        () => "export default 1",
        () => {
          throw new Error("normalizer says no")
        },
      )
      const err = evalError(ctx, "import x from './whatever'; export default x", "entry2.js", true)
      expect(err.message).toContain("normalizer says no")
    })

    // top-level await: evalCode returns a promise for the namespace
    await withRuntime(async (rt, ctx, scope) => {
      rt.setModuleLoader(() => "export const dep = await Promise.resolve('dep value')")
      const deferred = scope.manage(ctx.newPromise())
      ctx.setProp(ctx.global, "hostValue", deferred.handle)
      const result = scope.manage(
        ctx.unwrapResult(
          ctx.evalCode(
            "import { dep } from './dep.js'; export const v = await hostValue; export const d = dep",
            "tla.js",
            { type: "module" },
          ),
        ),
      )
      expect(ctx.getPromiseState(result).type).toBe("pending")
      ctx.newString("tla ✓").consume((v) => deferred.resolve(v))
      const nsP = ctx.resolvePromise(result)
      rt.executePendingJobs().unwrap()
      const nsResult = await nsP
      const ns = scope.manage(ctx.unwrapResult(nsResult))
      expect(ctx.getProp(ns, "v").consume(ctx.dump)).toBe("tla ✓")
      expect(ctx.getProp(ns, "d").consume(ctx.dump)).toBe("dep value")

      // a module whose top-level await rejects: its promise rejects
      const failing = scope.manage(
        ctx.unwrapResult(
          ctx.evalCode("await null; throw new Error('tla failure')", "tla-fail.js", { type: "module" }),
        ),
      )
      const failingP = ctx.resolvePromise(failing)
      rt.executePendingJobs()
      const failed = await failingP
      expect(failed.error).toBeDefined()
      if (failed.error) expect(failed.error.consume(ctx.dump).message).toBe("tla failure")
    })

    // builtin ES modules come from inside Wasm, with no host module loader
    await withRuntime((rt, ctx, scope) => {
      const ns = scope.manage(
        ctx.unwrapResult(
          ctx.evalCode(
            `import { Buffer } from 'node:buffer';
            export const hex = Buffer.from('héllo ✓').toString('hex');
            export const decoded = Buffer.from('aGVsbG8gd29ybGQ=', 'base64').toString();
            export const isU8 = Buffer.from('x') instanceof Uint8Array;`,
            "uses-buffer.js",
            { type: "module" },
          ),
        ),
      )
      expect(ctx.getProp(ns, "hex").consume(ctx.dump)).toBe(Buffer.from("héllo ✓").toString("hex"))
      expect(ctx.getProp(ns, "decoded").consume(ctx.dump)).toBe("hello world")
      expect(ctx.getProp(ns, "isU8").consume(ctx.dump)).toBe(true)

      // internal ids are importable only by builtins
      const internal = evalError(ctx, "import * as fs from 'qjsw:binding/fs'; export default fs", "user.js", true)
      expect(String(internal.message)).toContain("qjsw:binding/fs")
      const internalErrors = evalError(
        ctx,
        "import * as e from 'qjsw:internal/errors'; export default e",
        "user2.js",
        true,
      )
      expect(String(internalErrors.message)).toContain("qjsw:internal/errors")
      // not even through dynamic import()
      const dyn = scope.manage(
        ctx.unwrapResult(ctx.evalCode("import('qjsw:binding/fs').then(() => 'loaded', (e) => 'failed: ' + e.message)")),
      )
      const dynP = ctx.resolvePromise(dyn)
      rt.executePendingJobs().unwrap()
      return dynP.then((r) => {
        const v = ctx.unwrapResult(r).consume(ctx.dump)
        expect(v).toMatch(/^failed: /)
      })
    })

    // the same with a host loader installed: it is not consulted for internal ids
    await withRuntime((rt, ctx) => {
      const asked: string[] = []
      rt.setModuleLoader((name) => {
        asked.push(name)
        return "export default 'from host'"
      })
      const internal = evalError(ctx, "import * as fs from 'qjsw:binding/fs'; export default fs", "user.js", true)
      expect(String(internal.message)).toContain("qjsw:binding/fs")
      expect(asked).toEqual([])
      // while builtins still come from inside Wasm
      const dyn = ctx.unwrapResult(ctx.evalCode("import('node:buffer').then((m) => typeof m.Buffer)"))
      const dynP = ctx.resolvePromise(dyn)
      dyn.dispose()
      rt.executePendingJobs().unwrap()
      return dynP.then((r) => {
        expect(ctx.unwrapResult(r).consume(ctx.dump)).toBe("function")
        expect(asked).toEqual([])
      })
    })
  })

  it("interrupt handler stops an infinite loop", async () => {
    await withRuntime((rt, ctx) => {
      const deadline = Date.now() + 200
      rt.setInterruptHandler(shouldInterruptAfterDeadline(deadline))
      const started = Date.now()
      const err = evalError(ctx, "while (true) {}")
      expect(Date.now()).toBeGreaterThanOrEqual(deadline)
      expect(Date.now() - started).toBeLessThan(10_000)
      expect(err.name).toBe("InternalError")
      expect(err.message).toBe("interrupted")
      // the context is still usable afterwards
      rt.removeInterruptHandler()
      expect(evalDump(ctx, "let n = 0; for (let i = 0; i < 1000; i++) n += i; n")).toBe(499500)

      // a handler that interrupts at once
      let calls = 0
      rt.setInterruptHandler(() => {
        calls++
        return true
      })
      const err2 = evalError(ctx, "for (;;) {}")
      expect(err2.message).toBe("interrupted")
      expect(calls).toBeGreaterThan(0)
      rt.removeInterruptHandler()
      expect(evalDump(ctx, "'alive'")).toBe("alive")
    })
  })

  it("memory limit gives a catchable error and can be raised", async () => {
    await withRuntime((rt, ctx) => {
      rt.setMemoryLimit(8 * 1024 * 1024)
      // a huge array: error result (in a function, so the partial array is garbage afterwards)
      const arrayErr = ctx.evalCode(
        "(() => { const big = []; for (let i = 0; i < 1e7; i++) big.push({ i }); return big.length })()",
      )
      expect(arrayErr.error).toBeDefined()
      arrayErr.dispose()
      // a huge string: error result
      const strErr = ctx.evalCode("'x'.repeat(64 * 1024 * 1024).length")
      expect(strErr.error).toBeDefined()
      strErr.dispose()
      // the guest can catch it
      expect(
        evalDump(
          ctx,
          `(() => {
            try { const s = 'y'.repeat(64 * 1024 * 1024); return ['not caught', s.length] }
            catch (e) { return ['caught', e instanceof Error] }
          })()`,
        ),
      ).toEqual(["caught", true])
      // small allocations still work under the limit
      expect(evalDump(ctx, "'ok'.repeat(3)")).toBe("okokok")
      // after raising the limit, the big allocation works
      rt.setMemoryLimit(-1)
      expect(evalDump(ctx, "'x'.repeat(16 * 1024 * 1024).length")).toBe(16 * 1024 * 1024)
      rt.setMemoryLimit(256 * 1024 * 1024)
      expect(evalDump(ctx, "new Array(1e6).fill(1).length")).toBe(1e6)
      rt.setMemoryLimit(8 * 1024 * 1024)
      // the limit is on what the runtime holds in total, not on each allocation:
      // 64 live strings of 1 MiB each cannot fit in 8 MiB
      expect(
        evalDump(
          ctx,
          `(() => {
            const keep = [];
            try {
              for (let i = 0; i < 64; i++) keep.push('z'.repeat(1024 * 1024) + i);
              return ['not caught', keep.length];
            } catch (e) {
              return ['caught', keep.length < 8];
            }
          })()`,
        ),
      ).toEqual(["caught", true])
    })
  })

  it("infinite recursion is a catchable guest error", async () => {
    // A module of its own: if a host exception unwinds through the Wasm frames, the QuickJS
    // runtime (and the Wasm stack pointer) is left in a state other tests must not inherit.
    const isolated = await newQuickJSWASMModuleWithWasmFS()

    // with an explicit setMaxStackSize
    const rt = isolated.newRuntime()
    rt.setMaxStackSize(256 * 1024)
    const small = rt.newContext()
    let poisoned = false
    try {
      const err = evalError(small, "function f() { return f() + 1 } f()", "recursion-small.js")
      expect(["RangeError", "InternalError"]).toContain(err.name)
      expect(evalDump(small, "1 + 1")).toBe(2)
    } catch (e) {
      poisoned = true
      throw e
    } finally {
      if (!poisoned) {
        small.dispose()
        rt.dispose()
      }
    }

    // with the defaults
    const ctx = isolated.newContext()
    try {
      const err = evalError(ctx, "function f() { return f() + 1 } f()", "recursion.js")
      expect(["RangeError", "InternalError"]).toContain(err.name)
      expect(err.stack).toContain("recursion.js")
      // catchable inside the guest
      const caught = evalDump(
        ctx,
        `(() => {
          function g() { return g() + 1 }
          try { g(); return 'no error' } catch (e) { return e.name }
        })()`,
      )
      expect(["RangeError", "InternalError"]).toContain(caught)
      // the context still works afterwards, including ordinary recursion
      expect(evalDump(ctx, "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } fib(20)")).toBe(6765)
      // the default limit (native/ffi/qts.h) leaves room for about 900 plain frames
      expect(evalDump(ctx, "function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1) } depth(800)")).toBe(800)
    } catch (e) {
      poisoned = true
      throw e
    } finally {
      if (!poisoned) ctx.dispose()
    }
  })

  it("disposes without leaks", async () => {
    const testModule = new TestQuickJSWASMModule(mod)
    try {
      // A runtime with a context: objects, functions, a cycle, host refs. (The runtime comes
      // from the plain module: in core 0.32, QuickJSWASMModule.newRuntime ignores the
      // ownedLifetimes TestQuickJSWASMModule.newRuntime relies on, so that wrapper would
      // report any runtime it made as leaked. QuickJS's JS_FreeRuntime asserts that no
      // object is left, so rt.dispose() not throwing is the leak check here.)
      const rt = mod.newRuntime()
      const ctx = rt.newContext()
      const scope = new Scope()
      const obj = scope.manage(ctx.newObject())
      const arr = scope.manage(ctx.newArray())
      const fn = scope.manage(
        ctx.newFunction("sum", (a: QuickJSHandle, b: QuickJSHandle) => ctx.newNumber(ctx.getNumber(a) + ctx.getNumber(b))),
      )
      ctx.setProp(obj, "fn", fn)
      ctx.setProp(obj, "arr", arr)
      ctx.setProp(arr, 0, obj) // a cycle, collected by QuickJS's cycle collector
      ctx.setProp(ctx.global, "obj", obj)
      const payload = { secret: "host value" }
      const ref = ctx.newHostRef(payload)
      expect(ref.value).toBe(payload)
      ctx.setProp(ctx.global, "ref", ref.handle)
      // the guest can pass it back; the host unwraps it
      const unwrap = scope.manage(
        ctx.newFunction("unwrap", (h: QuickJSHandle) => {
          const back = ctx.toHostRef<typeof payload>(h)
          if (!back) return ctx.newString("not a host ref")
          try {
            return ctx.newString(back.value.secret)
          } finally {
            back.dispose()
          }
        }),
      )
      ctx.setProp(ctx.global, "unwrap", unwrap)
      expect(evalDump(ctx, "[obj.fn(1, 2), unwrap(ref), unwrap({}), typeof ref]")).toEqual([
        3,
        "host value",
        "not a host ref",
        "object",
      ])
      expect(ctx.unwrapHostRef(ref.handle)).toBe(payload)
      expect(ctx.toHostRef(obj)).toBeUndefined()
      expect(() => ctx.unwrapHostRef(obj)).toThrow(errors.QuickJSHostRefInvalid)
      ref.dispose()
      // the guest still holds it
      expect(ref.value).toBe(payload)
      scope.manage(ctx.newPromise())
      scope.manage(ctx.unwrapResult(ctx.evalCode("globalThis.pending = new Promise(() => {}); pending")))
      scope.manage(ctx.unwrapResult(ctx.evalCode("(async () => { await new Promise(() => {}) })()")))
      scope.dispose()
      ctx.dispose()
      expect(() => rt.dispose()).not.toThrow()
      expect(rt.alive).toBe(false)
      // once the runtime is gone, the host value is released
      expect(() => ref.value).toThrow(errors.QuickJSHostRefInvalid)

      // contexts from the test wrapper (each owns its runtime)
      const ctx2 = testModule.newContext()
      evalDump(ctx2, "globalThis.keep = { a: [1, 2, 3], f() { return this.a } }; keep.self = keep; 1")
      const h = ctx2.unwrapResult(ctx2.evalCode("keep.f()"))
      expect(ctx2.dump(h)).toEqual([1, 2, 3])
      h.dispose()
      const ctx3 = testModule.newContext()
      const fn3 = ctx3.newFunction("f3", () => ctx3.newObject())
      const ref3 = ctx3.newHostRef(new Map())
      ctx3.setProp(ctx3.global, "f3", fn3)
      ctx3.setProp(ctx3.global, "r3", ref3.handle)
      evalDump(ctx3, "globalThis.made = [f3(), f3(), r3]; 1")
      fn3.dispose()
      ref3.dispose()
      expect(testModule.contexts.size).toBe(2)
      expect(() => ctx2.dispose()).not.toThrow()
      expect(() => ctx3.dispose()).not.toThrow()

      testModule.assertNoMemoryAllocated()
    } finally {
      testModule.disposeAll()
    }

    // a host function (and a HostRef) given to the guest is released when the guest drops it
    await withRuntime((rt, ctx) => {
      const putSpy = vi.spyOn(rt.hostRefs, "put")
      const fnHandle = ctx.newFunction("dropMe", () => ctx.newString("called"))
      const fnId = putSpy.mock.results[0]?.value as Parameters<typeof rt.hostRefs.get>[0]
      putSpy.mockRestore()
      expect(fnId).toBeDefined()
      ctx.setProp(ctx.global, "dropMe", fnHandle)
      fnHandle.dispose()
      expect(evalDump(ctx, "dropMe()")).toBe("called")
      // still referenced by the guest: the host function is still registered
      expect(typeof rt.hostRefs.get(fnId)).toBe("function")
      evalDump(ctx, "delete globalThis.dropMe; 0")
      expect(() => rt.hostRefs.get(fnId)).toThrow(errors.QuickJSHostRefInvalid)

      const ref = ctx.newHostRef({ n: 1 })
      ctx.setProp(ctx.global, "heldRef", ref.handle)
      ref.dispose()
      expect(ref.value).toEqual({ n: 1 })
      evalDump(ctx, "delete globalThis.heldRef; 0")
      expect(() => ref.value).toThrow(errors.QuickJSHostRefInvalid)
    })
  })

  it("computeMemoryUsage / dumpMemoryUsage", async () => {
    await withRuntime((rt, ctx) => {
      evalDump(ctx, "globalThis.junk = Array.from({ length: 1000 }, (_, i) => ({ i, s: 'item ' + i })); 1")
      const usage = rt.computeMemoryUsage().consume((h) => ctx.dump(h))
      expect(typeof usage).toBe("object")
      expect(usage.memory_used_size).toBeGreaterThan(0)
      expect(usage.malloc_count).toBeGreaterThan(0)
      expect(usage.obj_count).toBeGreaterThan(1000)
      expect(usage.array_count).toBeGreaterThan(0)
      const text = rt.dumpMemoryUsage()
      expect(typeof text).toBe("string")
      expect(text.toLowerCase()).toContain("memory")
      // memory_used_size grows with what the guest holds; the malloc'd total (what setMemoryLimit
      // is compared against) is only in the dump, as in the stock variants (core-compat.test.ts)
      const allocated = () => Number(/memory allocated\s+\d+\s+(\d+)/.exec(rt.dumpMemoryUsage())?.[1])
      const allocatedBefore = allocated()
      evalDump(ctx, "globalThis.more = 'z'.repeat(1024 * 1024); 1")
      const after = rt.computeMemoryUsage().consume((h) => ctx.dump(h))
      expect(after.memory_used_size - usage.memory_used_size).toBeGreaterThanOrEqual(1024 * 1024)
      expect(allocated() - allocatedBefore).toBeGreaterThanOrEqual(1024 * 1024)
    })
  })

  it("encodeBinaryJSON / decodeBinaryJSON round trip", async () => {
    await withContext((ctx, scope) => {
      const original = {
        n: 1.5,
        s: "text é 🌍",
        t: true,
        z: null,
        list: [1, "two", [3, { four: 4 }]],
        nested: { deeper: { deepest: { value: -42 } } },
      }
      const handle = scope.manage(ctx.unwrapResult(ctx.evalCode(`(${JSON.stringify(original)})`)))
      const encoded = scope.manage(ctx.encodeBinaryJSON(handle))
      expect(ctx.typeof(encoded)).toBe("object")
      // through host bytes, as if sent over IPC
      const bytes = ctx.getArrayBuffer(encoded)
      const copy = new Uint8Array(bytes.value)
      bytes.dispose()
      expect(copy.length).toBeGreaterThan(0)
      const reloaded = scope.manage(ctx.newArrayBuffer(copy.buffer))
      const decoded = scope.manage(ctx.decodeBinaryJSON(reloaded))
      expect(ctx.dump(decoded)).toEqual(original)
      // a distinct object with the same structure
      expect(ctx.eq(handle, decoded)).toBe(false)
      // decoded in another context of another runtime
      const other = mod.newContext()
      try {
        const there = other.newArrayBuffer(copy.buffer)
        const decodedThere = other.decodeBinaryJSON(there)
        there.dispose()
        expect(other.dump(decodedThere)).toEqual(original)
        decodedThere.dispose()
      } finally {
        other.dispose()
      }
    })
  })
})
