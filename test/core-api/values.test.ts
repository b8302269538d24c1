/**
 * The quickjs-emscripten-core public API driven against our C implementation of the QTS_* FFI,
 * one file per area (helpers in ./helpers.ts). Expected values come from JavaScript semantics
 * and the core's documented behaviour, never from our own output.
 *
 * This file: objects and properties, arrays, symbols, ArrayBuffers, equality, typeof, BigInt
 * and the binary JSON encoding.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { errors, type QuickJSContext } from "quickjs-emscripten-core"
import { evalDump, loadModule, mod, withContext } from "./helpers"

beforeAll(loadModule)

describe("quickjs-emscripten-core API on the WasmFS build", () => {
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
      expect(evalDump(ctx, "[Object.getPrototypeOf(child) === proto, child.greet()]")).toEqual([true, "hi value ✓"])

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
      expect(names({ strings: true, numbersAsStrings: true, onlyEnumerable: true })).toEqual(["2", "10", "b", "a"])
      // strings + symbols
      expect(names({ strings: true, numbersAsStrings: true, symbols: true })).toEqual(["2", "10", "b", "a", "hidden", "sym-key"])
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
      const view = scope.manage(ctx.unwrapResult(ctx.evalCode("new Uint8Array([10, 20, 30, 40, 50, 60]).subarray(1, 4)")))
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
