/**
 * The quickjs-emscripten-core public API driven against our C implementation of the QTS_* FFI,
 * one file per area (helpers in ./helpers.ts). Expected values come from JavaScript semantics
 * and the core's documented behaviour, never from our own output.
 *
 * This file: newPromise, resolvePromise, getPromiseState and executePendingJobs.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { evalDump, loadModule, withContext } from "./helpers"

beforeAll(loadModule)

describe("quickjs-emscripten-core API on the WasmFS build", () => {
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
      const rejectedP = scope.manage(ctx.unwrapResult(ctx.evalCode("const rp = Promise.reject(new Error('nope')); rp.catch(() => {}); rp")))
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
})
