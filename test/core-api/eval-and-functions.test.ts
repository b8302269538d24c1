/**
 * The quickjs-emscripten-core public API driven against our C implementation of the QTS_* FFI,
 * one file per area (helpers in ./helpers.ts). Expected values come from JavaScript semantics
 * and the core's documented behaviour, never from our own output.
 *
 * This file: evalCode (values, strings, errors with stacks) and host functions (newFunction,
 * callFunction, this, arguments, errors thrown both ways, constructors).
 */
import { beforeAll, describe, expect, it } from "vitest"
import type { QuickJSHandle } from "quickjs-emscripten-core"
import { evalDump, evalError, loadModule, withContext } from "./helpers"

beforeAll(loadModule)

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
      const thrown = evalError(ctx, "function explode() { throw new TypeError('boom ✨') }\nexplode()", "thrower-file.js")
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
      const threeArgs = scope.manage(ctx.newFunction("threeArgs", (_a: QuickJSHandle, _b: QuickJSHandle, _c: QuickJSHandle) => undefined))
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
        evalDump(ctx, "(() => { try { fail(); return 'not thrown' } catch (e) { return [e instanceof Error, e.name, e.message] } })()"),
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
      expect(evalDump(ctx, "(() => { try { throwHandle() } catch (e) { return e } })()")).toBe("thrown string handle")
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
})
